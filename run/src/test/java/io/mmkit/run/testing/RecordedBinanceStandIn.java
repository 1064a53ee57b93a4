package io.mmkit.run.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * Binance spot's public side on loopback, replaying a recording (hftbacktest's format: {@code <receive ns>
 * <raw message>} a line): {@code exchangeInfo} for one symbol, {@code /api/v3/depth} answering the recording's
 * REST snapshot, and {@code /stream} sending the recording's stream messages at their recorded pace from the
 * moment each client connects (a run's pre-flight connects once, then the bot: each gets the whole slice from
 * its own start; a replay whose socket closed stops).
 */
public final class RecordedBinanceStandIn implements AutoCloseable {
    private record Line(long offsetNanos, String message) {
    }

    private final String exchangeInfo;
    private final String snapshot;
    private final List<Line> stream;
    private final MockWebServer server = new MockWebServer();
    private final ScheduledExecutorService replay = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "recorded-binance-replay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger depthRequests = new AtomicInteger();
    private final AtomicReference<CountDownLatch> allSent = new AtomicReference<>(new CountDownLatch(1));

    private RecordedBinanceStandIn(String exchangeInfo, String snapshot, List<Line> stream) {
        this.exchangeInfo = exchangeInfo;
        this.snapshot = snapshot;
        this.stream = stream;
    }

    /** Reads the gzipped recording {@code resource} off the test class path and starts serving it. */
    public static RecordedBinanceStandIn start(String resource, String exchangeInfoJson) throws IOException {
        String snapshot = null;
        List<Line> stream = new ArrayList<>();
        long first = -1;
        try (InputStream in = RecordedBinanceStandIn.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                    StandardCharsets.UTF_8));
            for (String row = reader.readLine(); row != null; row = reader.readLine()) {
                int space = row.indexOf(' ');
                long t = Long.parseLong(row.substring(0, space));
                String message = row.substring(space + 1);
                if (message.startsWith("{\"lastUpdateId\"")) {
                    snapshot = message;
                    continue;
                }
                if (first < 0) {
                    first = t;
                }
                stream.add(new Line(t - first, message));
            }
        }
        if (snapshot == null) {
            throw new IOException(resource + " holds no REST depth snapshot");
        }
        RecordedBinanceStandIn standIn = new RecordedBinanceStandIn(exchangeInfoJson, snapshot, stream);
        standIn.server.setDispatcher(standIn.new Routes());
        standIn.server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        return standIn;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public String wsUrl() {
        return baseUrl().replaceFirst("^http", "ws");
    }

    /** How many stream messages the replay holds. */
    public int streamMessages() {
        return stream.size();
    }

    public int sent() {
        return sent.get();
    }

    public int depthRequests() {
        return depthRequests.get();
    }

    /** Waits until the whole recording was sent on the newest connection. */
    public boolean awaitReplayed(long timeout, TimeUnit unit) throws InterruptedException {
        return allSent.get().await(timeout, unit);
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        replay.shutdownNow();
        server.close();
    }

    private void startReplay(WebSocket socket) {
        CountDownLatch done = new CountDownLatch(1);
        allSent.set(done);
        AtomicInteger sentHere = new AtomicInteger();
        for (Line line : stream) {
            replay.schedule(() -> {
                if (socket.send(line.message())) {
                    sent.incrementAndGet();
                }
                if (sentHere.incrementAndGet() == stream.size()) {
                    done.countDown();
                }
            }, line.offsetNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private final class Routes extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.equals("/stream")) {
                return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                        connections.incrementAndGet();
                        startReplay(webSocket);
                    }

                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        if (text.contains("SUBSCRIBE")) {
                            webSocket.send("{\"result\":null,\"id\":1}");
                        }
                    }

                    @Override
                    public void onClosing(WebSocket webSocket, int code, String reason) {
                        webSocket.close(1000, null);
                    }
                }).build();
            }
            if (path.equals("/api/v3/exchangeInfo")) {
                return json(exchangeInfo);
            }
            if (path.equals("/api/v3/depth")) {
                depthRequests.incrementAndGet();
                return json(snapshot);
            }
            return new MockResponse.Builder().code(404).body("{\"code\":-1,\"msg\":\"not in the stand-in: " + path
                    + "\"}").build();
        }

        private MockResponse json(String body) {
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body)
                    .build();
        }
    }
}
