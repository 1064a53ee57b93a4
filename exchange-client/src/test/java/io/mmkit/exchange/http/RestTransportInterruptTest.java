package io.mmkit.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.exchange.TransportException;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.backpack.BackpackErrors;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An interrupt ends a REST call at once (its HTTP call cancelled), not after the read timeout, and is not retried. */
class RestTransportInterruptTest {
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();
    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    @Test
    void shouldAbandonAHangingCallAsSoonAsTheCallerIsInterrupted() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                requests.incrementAndGet();
                arrived.countDown();
                release.await(30, TimeUnit.SECONDS);
                return new MockResponse(200, Headers.of(), "{}");
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        RestTransport transport = TestVenues.transport("backpack", new BackpackErrors(Json.newMapper()), 1000);
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicReference<Boolean> flagKept = new AtomicReference<>();

        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            try {
                transport.execute("cancel 1", 1, CallSafety.CANCEL,
                        ts -> new Request.Builder().url(server.url("/api/v1/order")).get().build(), a -> a.body());
                return null;
            } catch (RuntimeException e) {
                flagKept.set(Thread.interrupted());
                return e;
            }
        });
        assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
        long interruptedAt = System.nanoTime();
        caller.get().interrupt();
        Throwable failure = outcome.get(10, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - interruptedAt);

        assertThat(failure).isInstanceOf(TransportException.class).hasMessageContaining("interrupted");
        assertThat(took).as("well before the %d ms read timeout", TestVenues.READ_TIMEOUT_MILLIS)
                .isLessThan(Duration.ofMillis(TestVenues.READ_TIMEOUT_MILLIS));
        assertThat(flagKept.get()).as("the interrupt flag is kept").isTrue();
        assertThat(requests.get()).as("an abandoned call is not retried").isEqualTo(1);
    }
}
