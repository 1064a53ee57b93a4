package io.mmkit.run.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.backtest.http.BackpackOverHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * A Backpack-shaped venue on 127.0.0.1 that misbehaves on purpose, for process-level tests of the real
 * Backpack client: a static two-sided SOL_USDC book, an order book of what was placed, and three faults —
 * every placement answered only after a delay; cancels of the first order it is asked to cancel held for a
 * long time (every time); or cancels of that order answered "Cancelled" while the order stays open.
 * It answers the calls the client makes in REST-only mode: markets, depth, time, order execute / cancel /
 * query, open orders, capital, positions and fill history. Signatures are not checked.
 *
 * <p>Records when each placement arrived (on {@link System#nanoTime()}), so a test can count what reached the
 * venue after it sent a signal. Thread-safe: mockwebserver serves each connection on its own thread.
 */
public final class HostileBackpackVenue implements AutoCloseable {
    public static final String SYMBOL = "SOL_USDC";
    /** Signatures are not checked; the client still wants a key pair that belongs together. */
    public static final String API_KEY = BackpackOverHttp.DUMMY_API_KEY;
    public static final String SECRET = BackpackOverHttp.DUMMY_SECRET;

    /** What the venue does with cancels of the first order it is asked to cancel. */
    public enum CancelFault {
        NONE,
        /** Held for {@link #HANG}, every time it is asked. */
        HANG,
        /** Answered "Cancelled"; the order stays open. */
        ANSWER_BUT_KEEP
    }

    static final Duration HANG = Duration.ofSeconds(60);
    private static final Headers JSON = Headers.of("Content-Type", "application/json");

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final Duration placementDelay;
    private final CancelFault cancelFault;
    private final Map<Long, ObjectNode> open = new LinkedHashMap<>();
    private final List<Long> placementArrivals = new ArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicLong orderIds = new AtomicLong(1000);
    private Long faultyOrder;

    private HostileBackpackVenue(Duration placementDelay, CancelFault cancelFault) {
        this.placementDelay = placementDelay;
        this.cancelFault = cancelFault;
    }

    /** Starts serving on an ephemeral port of 127.0.0.1. */
    public static HostileBackpackVenue start(Duration placementDelay, CancelFault cancelFault) throws IOException {
        HostileBackpackVenue venue = new HostileBackpackVenue(placementDelay, cancelFault);
        venue.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return venue.answer(request);
            }
        });
        venue.server.start(java.net.InetAddress.getLoopbackAddress(), 0);
        return venue;
    }

    public String baseUrl() {
        String url = server.url("/").toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Client ids of the orders resting here now. */
    public synchronized List<String> openClientIds() {
        return open.keySet().stream().map(String::valueOf).toList();
    }

    /** How many placements arrived at or after {@code nanos} ({@link System#nanoTime()}). */
    public synchronized long placementsArrivedSince(long nanos) {
        return placementArrivals.stream().filter(t -> t - nanos >= 0).count();
    }

    public synchronized int placementsArrived() {
        return placementArrivals.size();
    }

    /** When the first placement arrived ({@link System#nanoTime()}), or null. */
    public synchronized Long firstPlacementNanos() {
        return placementArrivals.isEmpty() ? null : placementArrivals.get(0);
    }

    /** The order whose cancels are faulty, once a cancel of it has arrived. */
    public synchronized String faultyOrder() {
        return faultyOrder == null ? null : faultyOrder.toString();
    }

    @Override
    public void close() {
        released.countDown();
        server.close();
    }

    private MockResponse answer(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        try {
            return switch (request.getMethod() + " " + path) {
                case "GET /api/v1/time" -> ok(Long.toString(System.currentTimeMillis()));
                case "GET /api/v1/markets" -> ok(markets());
                case "GET /api/v1/depth" -> ok("""
                        {"asks":[["150.10","40"]],"bids":[["150.00","40"]],"lastUpdateId":"0","timestamp":%d}"""
                        .formatted(System.currentTimeMillis()));
                case "POST /api/v1/order" -> place(json.readTree(body));
                case "DELETE /api/v1/order" -> cancel(json.readTree(body));
                case "GET /api/v1/order" -> query(request.getUrl().queryParameter("clientId"));
                case "GET /api/v1/orders" -> ok(openOrders());
                case "GET /api/v1/capital" -> ok("""
                        {"USDC":{"available":"100000","locked":"0","staked":"0"},
                         "SOL":{"available":"500","locked":"0","staked":"0"}}""");
                case "GET /api/v1/position", "GET /wapi/v1/history/fills" -> ok("[]");
                default -> new MockResponse(404, JSON, "{\"code\":\"NOT_FOUND\",\"message\":\"no such endpoint\"}");
            };
        } catch (IOException e) {
            return new MockResponse(400, JSON, "{\"code\":\"INVALID_CLIENT_REQUEST\",\"message\":\"bad body\"}");
        }
    }

    private String markets() {
        return """
                [{"symbol":"SOL_USDC","baseSymbol":"SOL","quoteSymbol":"USDC","marketType":"SPOT",
                  "filters":{"price":{"tickSize":"0.01"},"quantity":{"stepSize":"0.01","minQuantity":"0.01"}},
                  "orderBookState":"Open"}]""";
    }

    private MockResponse place(JsonNode b) throws InterruptedException {
        synchronized (this) {
            placementArrivals.add(System.nanoTime());
        }
        if (!placementDelay.isZero() && released.await(placementDelay.toMillis(), TimeUnit.MILLISECONDS)) {
            return new MockResponse(503, JSON, "{\"code\":\"SERVICE_UNAVAILABLE\",\"message\":\"closing\"}");
        }
        ObjectNode order = json.createObjectNode();
        order.put("id", Long.toString(orderIds.incrementAndGet()));
        order.put("clientId", b.path("clientId").asLong());
        order.put("symbol", b.path("symbol").asText());
        order.put("side", b.path("side").asText());
        order.put("orderType", "Limit");
        order.put("timeInForce", "GTC");
        order.put("postOnly", b.path("postOnly").asBoolean(false));
        order.put("price", b.path("price").asText());
        order.put("quantity", b.path("quantity").asText());
        order.put("executedQuantity", "0");
        order.put("reduceOnly", false);
        order.put("status", "New");
        order.put("createdAt", System.currentTimeMillis());
        synchronized (this) {
            open.put(b.path("clientId").asLong(), order);
        }
        return ok(order.toString());
    }

    private MockResponse cancel(JsonNode b) throws InterruptedException {
        long clientId = b.path("clientId").asLong();
        boolean faulty;
        synchronized (this) {
            if (faultyOrder == null && cancelFault != CancelFault.NONE) {
                faultyOrder = clientId;
            }
            faulty = faultyOrder != null && faultyOrder == clientId;
        }
        if (faulty && cancelFault == CancelFault.HANG) {
            released.await(HANG.toMillis(), TimeUnit.MILLISECONDS);
        }
        ObjectNode order;
        synchronized (this) {
            order = faulty ? open.get(clientId) : open.remove(clientId);
        }
        if (order == null) {
            return new MockResponse(404, JSON, "{\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"Order not found\"}");
        }
        ObjectNode answer = order.deepCopy();
        answer.put("status", "Cancelled");
        return ok(answer.toString());
    }

    private synchronized MockResponse query(String clientId) {
        ObjectNode order = clientId == null ? null : open.get(Long.parseLong(clientId));
        return order == null
                ? new MockResponse(404, JSON, "{\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"Order not found\"}")
                : ok(order.toString());
    }

    private synchronized String openOrders() {
        ArrayNode out = json.createArrayNode();
        open.values().forEach(out::add);
        return out.toString();
    }

    private static MockResponse ok(String body) {
        return new MockResponse(200, JSON, body);
    }
}
