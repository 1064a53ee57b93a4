package io.mmkit.run.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A venue's public side on loopback, replaying a Binance recording (hftbacktest's format: {@code <receive ns>
 * <raw message>} a line) in one venue's shapes:
 *
 * <ul>
 *   <li>{@link #binanceSpot}: as recorded; {@code /api/v3/exchangeInfo}, {@code /api/v3/depth} answering the
 *       recording's REST snapshot, the stream on {@code /stream};
 *   <li>{@link #backpack}: each message re-cut in Backpack's documented shapes under another symbol —
 *       {@code {"stream":"depth.<S>","data":{"e":"depth","E":µs,"s":..,"a":..,"b":..,"U":..,"u":..,"T":µs}}},
 *       {@code {"stream":"trade.<S>","data":{"e":"trade","E":µs,"s":..,"p":..,"q":..,"t":..,"T":µs,"m":..}}}
 *       (Binance spot's diff ids chain as Backpack's do, {@code U} = previous {@code u} + 1), the snapshot with a
 *       string {@code lastUpdateId} on {@code /api/v1/depth}, {@code /api/v1/markets}, the stream on {@code /}.
 * </ul>
 *
 * The stream is sent at its recorded pace from the moment each client connects (a run's pre-flight connects
 * once, then the bot: each gets the whole slice from its own start; a replay whose socket closed stops).
 */
public final class RecordedVenueStandIn implements AutoCloseable {
    /**
     * The first 60 s of a Binance spot BTCUSDT recording (depth diffs, trades, one REST snapshot; MIT, see
     * {@code paper/NOTICE}).
     */
    public static final String BTCUSDT_SLICE = "/paper/btcusdt_20240808_first60s.gz";
    /** {@code /api/v3/exchangeInfo} for {@link #BTCUSDT_SLICE}'s symbol: Binance spot's BTCUSDT rules. */
    public static final String BTCUSDT_EXCHANGE_INFO = """
            {"serverTime": 1723161254000, "symbols": [{"symbol": "BTCUSDT", "status": "TRADING",
             "baseAsset": "BTC", "quoteAsset": "USDT", "filters": [
               {"filterType": "PRICE_FILTER", "tickSize": "0.01"},
               {"filterType": "LOT_SIZE", "stepSize": "0.00001", "minQty": "0.00001"},
               {"filterType": "NOTIONAL", "minNotional": "5"}]}]}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Line(long offsetNanos, String message) {
    }

    /** A venue's routes: REST path to body, the stream's path, and a REST path counted as a depth request. */
    private record Dialect(String name, Map<String, String> rest, String streamPath, String depthPath) {
    }

    private final Dialect dialect;
    private final List<Line> stream;
    private final MockWebServer server = new MockWebServer();
    private final ScheduledExecutorService replay;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger depthRequests = new AtomicInteger();
    private final AtomicReference<CountDownLatch> allSent = new AtomicReference<>(new CountDownLatch(1));

    private RecordedVenueStandIn(Dialect dialect, List<Line> stream) {
        this.dialect = dialect;
        this.stream = stream;
        this.replay = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "recorded-" + dialect.name() + "-replay");
            t.setDaemon(true);
            return t;
        });
    }

    /** Binance spot serving the gzipped recording {@code resource} off the test class path as recorded. */
    public static RecordedVenueStandIn binanceSpot(String resource, String exchangeInfoJson) throws IOException {
        Recording r = Recording.read(resource, UnaryOperator.identity());
        return start(new Dialect("binance", Map.of("/api/v3/exchangeInfo", exchangeInfoJson, "/api/v3/depth",
                r.snapshot()), "/stream", "/api/v3/depth"), r.stream());
    }

    /**
     * Backpack serving the recording {@code resource} re-cut in its shapes as {@code symbol}.
     *
     * @param marketsJson the body of {@code GET /api/v1/markets}
     */
    public static RecordedVenueStandIn backpack(String resource, String symbol, String marketsJson)
            throws IOException {
        Recording r = Recording.read(resource, message -> toBackpack(message, symbol));
        return start(new Dialect("backpack", Map.of("/api/v1/markets", marketsJson, "/api/v1/depth",
                backpackSnapshot(r.snapshot())), "/", "/api/v1/depth"), r.stream());
    }

    private static RecordedVenueStandIn start(Dialect dialect, List<Line> stream) throws IOException {
        RecordedVenueStandIn standIn = new RecordedVenueStandIn(dialect, stream);
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

    /** The recording's REST snapshot and its stream messages, each put through the dialect's translation. */
    private record Recording(String snapshot, List<Line> stream) {
        static Recording read(String resource, UnaryOperator<String> translate) throws IOException {
            String snapshot = null;
            List<Line> stream = new ArrayList<>();
            long first = -1;
            try (InputStream in = RecordedVenueStandIn.class.getResourceAsStream(resource)) {
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
                    String translated = translate.apply(message);
                    if (translated != null) {
                        stream.add(new Line(t - first, translated));
                    }
                }
            }
            if (snapshot == null) {
                throw new IOException(resource + " holds no REST depth snapshot");
            }
            return new Recording(snapshot, stream);
        }
    }

    /** A Binance spot stream message as Backpack would send it, or null for a stream Backpack's has no twin of. */
    private static String toBackpack(String message, String symbol) {
        try {
            JsonNode d = JSON.readTree(message).path("data");
            long eventMicros = d.path("E").asLong() * 1000;
            ObjectNode data = JSON.createObjectNode();
            String stream;
            switch (d.path("e").asText("")) {
                case "depthUpdate" -> {
                    stream = "depth." + symbol;
                    data.put("e", "depth").put("E", eventMicros).put("s", symbol);
                    data.set("a", d.get("a"));
                    data.set("b", d.get("b"));
                    data.put("U", d.get("U").asLong()).put("u", d.get("u").asLong()).put("T", eventMicros);
                }
                case "trade" -> {
                    stream = "trade." + symbol;
                    data.put("e", "trade").put("E", eventMicros).put("s", symbol).put("p", d.get("p").asText())
                            .put("q", d.get("q").asText()).put("t", d.get("t").asLong())
                            .put("T", d.path("T").asLong() * 1000).put("m", d.get("m").asBoolean());
                }
                default -> {
                    return null;
                }
            }
            ObjectNode frame = JSON.createObjectNode().put("stream", stream);
            frame.set("data", data);
            return frame.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String backpackSnapshot(String binance) {
        try {
            JsonNode d = JSON.readTree(binance);
            ObjectNode out = JSON.createObjectNode();
            out.set("asks", d.get("asks"));
            out.set("bids", d.get("bids"));
            out.put("lastUpdateId", d.get("lastUpdateId").asText());
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Routes extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (path.equals(dialect.streamPath()) && request.getHeaders().get("Upgrade") != null) {
                return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                        connections.incrementAndGet();
                        startReplay(webSocket);
                    }

                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        if (text.contains("SUBSCRIBE") && dialect.name().equals("binance")) {
                            webSocket.send("{\"result\":null,\"id\":1}");
                        }
                    }

                    @Override
                    public void onClosing(WebSocket webSocket, int code, String reason) {
                        webSocket.close(1000, null);
                    }
                }).build();
            }
            String body = dialect.rest().get(path);
            if (body != null) {
                if (path.equals(dialect.depthPath())) {
                    depthRequests.incrementAndGet();
                }
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body)
                        .build();
            }
            return new MockResponse.Builder().code(404).body("{\"code\":-1,\"msg\":\"not in the stand-in: " + path
                    + "\"}").build();
        }
    }
}
