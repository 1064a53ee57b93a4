package io.mmkit.exchange.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.exchange.VenueObserver;
import io.mmkit.exchange.http.Backoff;
import io.mmkit.exchange.http.Redactor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams tell their {@link VenueObserver} of each reconnect and each order-book resync. */
class StreamObserverTest {
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final VenueObserver recording = new VenueObserver() {
        @Override
        public void onReconnect(String venue, String stream) {
            seen.add("reconnect " + venue + " " + stream);
        }

        @Override
        public void onBookResync(String venue, String symbol) {
            seen.add("resync " + venue + " " + symbol);
        }
    };
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient client = new OkHttpClient();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        server.close();
        client.dispatcher().executorService().shutdown();
    }

    @Test
    void shouldReportAReconnectWhenTheStreamDrops() throws Exception {
        RecordingVenueSocket venue = new RecordingVenueSocket();
        server.setDispatcher(venue);
        server.start();
        ReconnectingWebSocket socket = new ReconnectingWebSocket("backpack market SOL_USDC", client,
                () -> "ws://127.0.0.1:" + server.getPort() + "/stream", new ReconnectingWebSocket.Handler() {
                    @Override
                    public List<String> onOpen() {
                        return List.of();
                    }

                    @Override
                    public void onMessage(String text) {
                    }
                }, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), new Random(1)), scheduler,
                Duration.ofSeconds(30), Redactor.none());
        socket.observe("backpack", recording);
        socket.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> venue.connections.size() == 1 && socket.isConnected());
        assertThat(seen).isEmpty();

        socket.reconnect(); // what the silence check does to a stream gone quiet: the connection drops

        await().atMost(Duration.ofSeconds(20)).until(() -> venue.connections.size() == 2);
        assertThat(seen).containsExactly("reconnect backpack backpack market SOL_USDC");
        socket.close();
    }

    @Test
    void shouldReportAResyncWhenTheBookNeedsASnapshot() {
        SimulatedTimeSource time = new SimulatedTimeSource(Instant.parse("2025-01-01T00:00:00Z"));
        BookFeed feed = new BookFeed("SOL_USDC", LocalOrderBook.Continuity.NEXT_ID, () -> {
            throw new IllegalStateException("no snapshot in this test");
        }, scheduler, time, null);
        feed.observe("binance", recording);

        feed.onDiff(new DepthDiff(1, 1, -1, List.of(new DepthDiff.Level(new BigDecimal("100"), BigDecimal.ONE)),
                List.of(), time.now()));
        feed.onDiff(new DepthDiff(2, 2, -1, List.of(new DepthDiff.Level(new BigDecimal("100"), BigDecimal.TEN)),
                List.of(), time.now()));

        assertThat(seen).as("one resync requested, however many diffs wait for it").containsExactly("resync binance SOL_USDC");
    }
}
