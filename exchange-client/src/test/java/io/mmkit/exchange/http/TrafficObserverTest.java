package io.mmkit.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.VenueObserver;
import io.mmkit.exchange.backpack.BackpackErrors;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Headers;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The venue client tells its {@link VenueObserver} of each REST attempt (endpoint, outcome) and of rate-limit waits. */
class TrafficObserverTest {
    private final MockWebServer server = new MockWebServer();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final VenueObserver recording = new VenueObserver() {
        @Override
        public void onRequest(String venue, String endpoint, String outcome, long tookNanos) {
            seen.add(venue + " " + endpoint + " " + outcome + (tookNanos > 0 ? "" : " (no time)"));
        }

        @Override
        public void onRateLimitWait(String venue, long waitedNanos) {
            seen.add(venue + " waited " + Duration.ofNanos(waitedNanos).toSeconds() + " s");
        }
    };

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldReportEachAttemptByMethodPathAndOutcome() throws Exception {
        server.enqueue(new MockResponse(200, Headers.of(), "{}"));
        server.enqueue(new MockResponse(503, Headers.of(), "busy"));
        server.start(InetAddress.getLoopbackAddress(), 0);
        RestTransport transport = TestVenues.transport("backpack", new BackpackErrors(Json.newMapper()), 1000);
        transport.observe(recording);

        transport.execute("depth", 1, CallSafety.READ,
                ts -> new Request.Builder().url(server.url("/api/v1/depth?symbol=SOL_USDC")).get().build(), a -> a.body());
        assertThatThrownBy(() -> transport.execute("place 7", 1, CallSafety.PLACE,
                ts -> new Request.Builder().url(server.url("/api/v1/order")).get().build(), a -> a.body()))
                .isInstanceOf(ExchangeException.class);

        assertThat(seen).containsExactly("backpack GET /api/v1/depth ok", "backpack GET /api/v1/order http_5xx");
    }

    @Test
    void shouldReportHowLongACallWaitedForTheRateLimit() throws Exception {
        SimulatedTimeSource time = new SimulatedTimeSource(Instant.parse("2025-01-01T00:00:00Z"));
        WeightRateLimiter limiter = new WeightRateLimiter(time, 60, Duration.ofMinutes(1));
        limiter.observe("binance", recording);
        limiter.acquire(60);
        assertThat(seen).as("no wait, no report").isEmpty();

        limiter.acquire(30);

        assertThat(seen).containsExactly("binance waited 30 s");
    }
}
