package io.mmkit.exchange.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.exchange.http.Backoff;
import io.mmkit.exchange.http.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconnectingWebSocketTest {
    private final MockWebServer server = new MockWebServer();
    private final RecordingVenueSocket venue = new RecordingVenueSocket();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final OkHttpClient client = new OkHttpClient();

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(venue);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.shutdownNow();
        server.close();
        client.dispatcher().executorService().shutdown();
    }

    @Test
    void shouldSubscribeOnOpenAndStayClosedAfterClose() {
        ReconnectingWebSocket socket = new ReconnectingWebSocket("test", client,
                () -> "ws://127.0.0.1:" + server.getPort() + "/stream", new ReconnectingWebSocket.Handler() {
                    @Override
                    public List<String> onOpen() {
                        return List.of("{\"subscribe\":\"trades\"}");
                    }

                    @Override
                    public void onMessage(String text) {
                    }
                }, new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), new Random(1)), scheduler,
                Duration.ofSeconds(30), Redactor.none());

        socket.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> venue.subscribedTo("trades").size() == 1);
        assertThat(socket.isConnected()).isTrue();
        assertThat(socket.isClosed()).isFalse();

        socket.close();
        socket.reconnect(); // a reconnect request after close must not open a new socket

        assertThat(socket.isClosed()).isTrue();
        assertThat(socket.isConnected()).isFalse();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> venue.connections.size() == 1);
    }
}
