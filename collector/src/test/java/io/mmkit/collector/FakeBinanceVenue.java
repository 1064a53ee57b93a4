package io.mmkit.collector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Binance's public side on a loopback {@link MockWebServer}: {@code GET /api/v3/depth} answers the fixture's
 * snapshot, {@code /stream} upgrades to a WebSocket. The test plays the venue's stream through
 * {@link #send(String)} once the client has subscribed ({@link #awaitSubscribed()}).
 */
public final class FakeBinanceVenue extends Dispatcher implements AutoCloseable {
    public static final String SNAPSHOT = resource("btcusdt_depth_snapshot.json");
    /** The fixture's messages, in order: the combined-stream JSON of each line, without its receive time. */
    public static final List<String> STREAM = resource("btcusdt_stream.txt").lines()
            .map(l -> l.substring(l.indexOf(' ') + 1)).toList();

    private final MockWebServer server = new MockWebServer();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile WebSocket socket;

    public FakeBinanceVenue() throws IOException {
        server.setDispatcher(this);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public String wsUrl() {
        return "ws://127.0.0.1:" + server.getPort();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        requests.add(path);
        if (path.equals("/api/v3/depth")) {
            return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(SNAPSHOT).build();
        }
        if (path.equals("/stream")) {
            return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
                @Override
                public void onOpen(WebSocket webSocket, Response response) {
                    socket = webSocket;
                }

                @Override
                public void onMessage(WebSocket webSocket, String text) {
                    received.add(text);
                    if (text.contains("SUBSCRIBE")) {
                        webSocket.send("{\"result\":null,\"id\":1}");
                        subscribed.countDown();
                    }
                }

                @Override
                public void onClosing(WebSocket webSocket, int code, String reason) {
                    webSocket.close(1000, null);
                }
            }).build();
        }
        return new MockResponse.Builder().code(404).body("{\"code\":-1,\"msg\":\"not here\"}").build();
    }

    /** Waits for the client's SUBSCRIBE frame; fails the test after 60 s (a JVM start on a loaded box is slow). */
    public void awaitSubscribed() throws InterruptedException {
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the collector never subscribed");
        }
    }

    /** The frames the client sent. */
    List<String> received() {
        return received;
    }

    /** Sends one frame to the client; false once the socket is closing or its queue is full. */
    public boolean send(String frame) {
        return socket.send(frame);
    }

    /**
     * Sends one frame, first letting the outgoing queue drain below 256 KiB, so a long stream runs at the
     * client's pace instead of filling OkHttp's 16 MiB queue (which fails the socket). For benchmarks only: the
     * wait is a 1 ms park per check.
     */
    boolean sendPaced(String frame) {
        while (socket.queueSize() > 256 * 1024) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return socket.send(frame);
    }

    /**
     * Streams the fixture's messages in a loop from a new daemon thread until the client goes away: at
     * {@code perSecond} messages a second (in 10 ms batches), or as fast as the client takes them when 0.
     * For benchmarks.
     */
    void streamForever(int perSecond) {
        if (perSecond <= 0) {
            Thread t = new Thread(() -> {
                while (true) {
                    for (String frame : STREAM) {
                        if (!sendPaced(frame)) {
                            return;
                        }
                    }
                }
            }, "fake-venue-flood");
            t.setDaemon(true);
            t.start();
            return;
        }
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "fake-venue-paced");
                    t.setDaemon(true);
                    return t;
                });
        int perBatch = Math.max(1, perSecond / 100);
        int[] next = {0};
        timer.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perBatch; i++) {
                if (!sendPaced(STREAM.get(next[0]++ % STREAM.size()))) {
                    timer.shutdown();
                    return;
                }
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.close();
    }

    private static String resource(String name) {
        try (var in = FakeBinanceVenue.class.getResourceAsStream("/collector/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
