package io.mmkit.run.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A Backpack stand-in on 127.0.0.1 answering in Backpack's documented shapes: markets, depth, capital, open
 * orders and cancel by client id, with open orders it holds and removes as they are cancelled. It records every
 * request, so a test can count order placements (which it refuses, should one come). It checks no signature.
 */
public final class BackpackStandIn extends Dispatcher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<Long, String> open = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch marketsAsked = new CountDownLatch(1);
    private volatile String markets = market("SOL_USDC", "SOL", "USDC", "0.01", "0.01", "0.01");
    private volatile String bid = "150.00";
    private volatile String ask = "150.10";
    private volatile String capital = "{\"SOL\": {\"available\": \"50\", \"locked\": \"0\", \"staked\": \"0\"},"
            + " \"USDC\": {\"available\": \"10000\", \"locked\": \"0\", \"staked\": \"0\"}}";
    private volatile boolean refuseCancels;
    private volatile boolean hangMarkets;

    public BackpackStandIn() throws IOException {
        server.setDispatcher(this);
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** One element of {@code GET /api/v1/markets}. */
    public static String market(String symbol, String base, String quote, String tick, String step, String minQty) {
        return market(symbol, base, quote, tick, step, minQty, "1000000");
    }

    /** One element of {@code GET /api/v1/markets}, with the largest quantity of one order. */
    public static String market(String symbol, String base, String quote, String tick, String step, String minQty,
                                String maxQty) {
        return """
                {"symbol": "%s", "baseSymbol": "%s", "quoteSymbol": "%s", "marketType": "SPOT",
                 "filters": {"price": {"minPrice": "%s", "maxPrice": "1000000", "tickSize": "%s"},
                             "quantity": {"minQuantity": "%s", "maxQuantity": "%s", "stepSize": "%s"}},
                 "orderBookState": "Open"}""".formatted(symbol, base, quote, tick, tick, minQty, maxQty, step);
    }

    public BackpackStandIn listing(String... marketJson) {
        markets = String.join(",", marketJson);
        return this;
    }

    public BackpackStandIn book(String bidPrice, String askPrice) {
        bid = bidPrice;
        ask = askPrice;
        return this;
    }

    public BackpackStandIn balances(String base, String quote) {
        capital = "{\"SOL\": {\"available\": \"" + base + "\", \"locked\": \"0\", \"staked\": \"0\"},"
                + " \"USDC\": {\"available\": \"" + quote + "\", \"locked\": \"0\", \"staked\": \"0\"}}";
        return this;
    }

    /** An order resting on SOL_USDC with this numeric client id. */
    public BackpackStandIn resting(long clientId, String side, String price) {
        open.put(clientId, """
                {"id": "%d", "clientId": %d, "symbol": "SOL_USDC", "side": "%s", "orderType": "Limit",
                 "timeInForce": "GTC", "price": "%s", "quantity": "1", "executedQuantity": "0",
                 "executedQuoteQuantity": "0", "status": "New", "postOnly": true, "createdAt": 1735689600123}"""
                .formatted(9_000_000 + clientId, clientId, side, price));
        return this;
    }

    /** Every cancel is answered 400 and the order stays. */
    public BackpackStandIn refusingCancels() {
        refuseCancels = true;
        return this;
    }

    /** {@code GET /api/v1/markets} gets no answer until {@link #close()}. */
    public BackpackStandIn hangingOnMarkets() {
        hangMarkets = true;
        return this;
    }

    public boolean awaitMarketsAsked(long seconds) throws InterruptedException {
        return marketsAsked.await(seconds, TimeUnit.SECONDS);
    }

    /** Client ids still resting. */
    public List<Long> restingIds() {
        return new ArrayList<>(new java.util.TreeSet<>(open.keySet()));
    }

    /** Requests as {@code METHOD /path}, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Requests that would place an order: {@code POST /api/v1/order} or {@code /api/v1/orders}. */
    public long placements() {
        return requests.stream().filter(r -> r.startsWith("POST /api/v1/order")).count();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        String method = request.getMethod();
        requests.add(method + " " + path);
        if (method.equals("GET") && path.equals("/api/v1/markets")) {
            marketsAsked.countDown();
            if (hangMarkets) {
                released.await(60, TimeUnit.SECONDS);
            }
            return json(200, "[" + markets + "]");
        }
        if (method.equals("GET") && path.equals("/api/v1/depth")) {
            return json(200, "{\"asks\": [[\"" + ask + "\", \"40\"]], \"bids\": [[\"" + bid + "\", \"40\"]],"
                    + " \"lastUpdateId\": \"1\", \"timestamp\": 1735689600000}");
        }
        if (method.equals("GET") && path.equals("/api/v1/capital")) {
            return json(200, capital);
        }
        if (method.equals("GET") && path.equals("/api/v1/time")) {
            return json(200, Long.toString(System.currentTimeMillis()));
        }
        if (method.equals("GET") && path.equals("/api/v1/orders")) {
            return json(200, "[" + String.join(",", open.values()) + "]");
        }
        if (method.equals("DELETE") && path.equals("/api/v1/order")) {
            return cancel(request);
        }
        return json(400, "{\"code\": \"INVALID_ORDER\", \"message\": \"the stand-in takes no orders\"}");
    }

    private MockResponse cancel(RecordedRequest request) {
        long clientId;
        try {
            JsonNode body = JSON.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
            clientId = body.path("clientId").asLong();
        } catch (IOException e) {
            return json(400, "{\"code\": \"INVALID_CLIENT_REQUEST\", \"message\": \"bad body\"}");
        }
        if (refuseCancels) {
            return json(400, "{\"code\": \"INVALID_CLIENT_REQUEST\", \"message\": \"cancels are refused\"}");
        }
        String order = open.remove(clientId);
        if (order == null) {
            return json(404, "{\"code\": \"RESOURCE_NOT_FOUND\", \"message\": \"Order not found\"}");
        }
        return json(200, order.replace("\"New\"", "\"Cancelled\""));
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        released.countDown();
        server.close();
    }
}
