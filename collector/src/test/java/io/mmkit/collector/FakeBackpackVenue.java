package io.mmkit.collector;

import java.io.IOException;
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
 * Backpack's public side on a loopback {@link MockWebServer}, in the shapes its documentation gives:
 * {@code GET /api/v1/depth?symbol=} answers a snapshot ({@code lastUpdateId} a string, levels
 * {@code [price, quantity]} strings), the root upgrades to a WebSocket whose frames are
 * {@code {"stream": "depth.<symbol>" | "trade.<symbol>", "data": {...}}}, times in microseconds. The test plays the
 * stream through {@link #send(String)} once the client has subscribed.
 */
final class FakeBackpackVenue extends Dispatcher implements AutoCloseable {
    static final String SYMBOL = "SOL_USDC";
    static final String SNAPSHOT = """
            {"asks":[["20.40","2"],["20.30","4"]],"bids":[["20.10","5"],["20.00","3"]],\
            "lastUpdateId":"100","timestamp":1723161256000}""";
    /** Two depth updates (101, then 102..103, chained by U = previous u + 1) and two trades. */
    static final List<String> STREAM = List.of(
            """
            {"stream":"depth.SOL_USDC","data":{"e":"depth","E":1723161256100000,"s":"SOL_USDC",\
            "a":[],"b":[["20.10","6"]],"U":101,"u":101,"T":1723161256099999}}""",
            """
            {"stream":"trade.SOL_USDC","data":{"e":"trade","E":1723161256200000,"s":"SOL_USDC","p":"20.10",\
            "q":"1","b":"111","a":"222","t":1,"T":1723161256199999,"m":true}}""",
            """
            {"stream":"depth.SOL_USDC","data":{"e":"depth","E":1723161256300000,"s":"SOL_USDC",\
            "a":[["20.30","0"],["20.35","2"]],"b":[],"U":102,"u":103,"T":1723161256299999}}""",
            """
            {"stream":"trade.SOL_USDC","data":{"e":"trade","E":1723161256400000,"s":"SOL_USDC","p":"20.35",\
            "q":"0.5","b":"333","a":"444","t":2,"T":1723161256399999,"m":false}}""");

    private final MockWebServer server = new MockWebServer();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile WebSocket socket;

    FakeBackpackVenue() throws IOException {
        server.setDispatcher(this);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + server.getPort();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        requests.add(request.getUrl().encodedPath() + "?" + request.getUrl().encodedQuery());
        if (path.equals("/api/v1/depth")) {
            return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(SNAPSHOT).build();
        }
        if (path.equals("/")) {
            return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
                @Override
                public void onOpen(WebSocket webSocket, Response response) {
                    socket = webSocket;
                }

                @Override
                public void onMessage(WebSocket webSocket, String text) {
                    received.add(text);
                    if (text.contains("SUBSCRIBE")) {
                        subscribed.countDown();
                    }
                }

                @Override
                public void onClosing(WebSocket webSocket, int code, String reason) {
                    webSocket.close(1000, null);
                }
            }).build();
        }
        return new MockResponse.Builder().code(404).body("{\"code\":\"NOT_FOUND\",\"message\":\"not here\"}").build();
    }

    void awaitSubscribed() throws InterruptedException {
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the collector never subscribed");
        }
    }

    boolean send(String frame) {
        return socket.send(frame);
    }

    @Override
    public void close() {
        server.close();
    }
}
