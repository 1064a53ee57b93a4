package io.mmkit.run.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A one-market spot venue in Backpack's REST shape, on 127.0.0.1, that remembers: orders rest until cancelled or
 * until the test fills them with {@link #fill} (while the bot is down, say), fills stay in the fill history, and
 * finished orders stay in the order history. Static book; post-only orders that would cross are refused as
 * Backpack refuses them. Signatures and timestamps are not checked (the stand-in has no keys). Every placement
 * is recorded, accepted or not.
 *
 * <p>Times are the wall clock: the bot under test is a live process. Thread-safe (synchronized): the server's
 * threads answer while the test thread fills.
 */
final class StatefulBackpackVenue extends Dispatcher implements AutoCloseable {
    /** A placement as the venue received it. */
    record Placement(String clientId, String side, BigDecimal price, BigDecimal quantity, boolean accepted) {
    }

    private static final class Order {
        final String id;
        final long clientId;
        final String side;
        final BigDecimal price;
        final BigDecimal quantity;
        BigDecimal executed = BigDecimal.ZERO;
        String status = "New";
        final long createdAt;

        Order(String id, long clientId, String side, BigDecimal price, BigDecimal quantity, long createdAt) {
            this.id = id;
            this.clientId = clientId;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
            this.createdAt = createdAt;
        }

        boolean rests() {
            return "New".equals(status) || "PartiallyFilled".equals(status);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final String symbol;
    private final BigDecimal bid;
    private final BigDecimal ask;
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private final List<ObjectNode> fills = new ArrayList<>();
    private final List<Placement> placements = new ArrayList<>();
    private final Map<String, BigDecimal> balances = new LinkedHashMap<>();
    private long nextId = 111_000_000_000L;

    StatefulBackpackVenue(String symbol, String bid, String ask, String base, String quote) throws IOException {
        this.symbol = symbol;
        this.bid = new BigDecimal(bid);
        this.ask = new BigDecimal(ask);
        balances.put(base, new BigDecimal("100"));
        balances.put(quote, new BigDecimal("100000"));
        server.setDispatcher(this);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Every placement received so far, in order. */
    synchronized List<Placement> placements() {
        return List.copyOf(placements);
    }

    /** Client ids of the orders resting now. */
    synchronized List<String> resting() {
        return orders.values().stream().filter(Order::rests).map(o -> Long.toString(o.clientId)).toList();
    }

    /** The resting order of ours at {@code price} on {@code side} ("Bid"/"Ask"), if any. */
    synchronized String restingAt(String side, String price) {
        return orders.values().stream()
                .filter(o -> o.rests() && o.side.equals(side) && o.price.compareTo(new BigDecimal(price)) == 0)
                .map(o -> Long.toString(o.clientId)).findFirst().orElse(null);
    }

    /** The market trades through a resting order: it fills completely, as maker, at its price, fee 0. */
    synchronized void fill(String clientId) {
        Order o = orders.get(Long.parseLong(clientId));
        if (o == null || !o.rests()) {
            throw new IllegalStateException("order " + clientId + " is not resting");
        }
        BigDecimal qty = o.quantity.subtract(o.executed);
        o.executed = o.quantity;
        o.status = "Filled";
        ObjectNode f = json.createObjectNode();
        f.put("tradeId", Long.toString(fills.size() + 1L));
        f.put("orderId", o.id);
        f.put("clientId", Long.toString(o.clientId));
        f.put("symbol", symbol);
        f.put("side", o.side);
        f.put("price", o.price.toPlainString());
        f.put("quantity", qty.toPlainString());
        f.put("fee", "0");
        f.put("feeSymbol", "Bid".equals(o.side) ? "SOL" : "USDC");
        f.put("isMaker", true);
        f.put("timestamp", LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC).toString());
        f.put("millis", System.currentTimeMillis());
        fills.add(f);
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String method = request.getMethod();
        try {
            return switch (method + " " + path) {
                case "GET /api/v1/time" -> ok(Long.toString(System.currentTimeMillis()));
                case "GET /api/v1/markets" -> ok(markets());
                case "GET /api/v1/depth" -> ok(depth());
                case "GET /api/v1/ticker" -> ok(ticker());
                case "POST /api/v1/order" -> place(json.readTree(request.getBody().utf8()));
                case "DELETE /api/v1/order" -> cancel(json.readTree(request.getBody().utf8()).path("clientId").asLong());
                case "GET /api/v1/order" -> query(Long.parseLong(request.getUrl().queryParameter("clientId")));
                case "GET /api/v1/orders" -> ok(list(true));
                case "DELETE /api/v1/orders" -> cancelAll();
                case "GET /api/v1/capital" -> ok(capital());
                case "GET /api/v1/position" -> ok("[]");
                case "GET /wapi/v1/history/fills" -> ok(fillHistory(request.getUrl().queryParameter("from")));
                case "GET /wapi/v1/history/orders" -> ok(list(false));
                default -> error(404, "RESOURCE_NOT_FOUND", "no such endpoint " + method + " " + path);
            };
        } catch (IOException | RuntimeException e) {
            return error(400, "INVALID_CLIENT_REQUEST", String.valueOf(e.getMessage()));
        }
    }

    private MockResponse place(JsonNode b) {
        long clientId = b.path("clientId").asLong();
        String side = b.path("side").asText();
        BigDecimal price = new BigDecimal(b.path("price").asText());
        BigDecimal quantity = new BigDecimal(b.path("quantity").asText());
        boolean crosses = "Bid".equals(side) ? price.compareTo(ask) >= 0 : price.compareTo(bid) <= 0;
        boolean postOnly = b.path("postOnly").asBoolean(false);
        placements.add(new Placement(Long.toString(clientId), side, price, quantity, !(postOnly && crosses)));
        if (postOnly && crosses) {
            return error(400, "INVALID_ORDER", "Order would immediately match and take.");
        }
        if (orders.containsKey(clientId)) {
            return error(400, "INVALID_ORDER", "Duplicate client id.");
        }
        Order o = new Order(Long.toString(nextId++), clientId, side, price, quantity, System.currentTimeMillis());
        orders.put(clientId, o);
        return ok(order(o).toString());
    }

    private MockResponse cancel(long clientId) {
        Order o = orders.get(clientId);
        if (o == null || !o.rests()) {
            return error(404, "RESOURCE_NOT_FOUND", "Order not found");
        }
        o.status = "Cancelled";
        return ok(order(o).toString());
    }

    private MockResponse query(long clientId) {
        Order o = orders.get(clientId);
        return o == null || !o.rests() ? error(404, "RESOURCE_NOT_FOUND", "Order not found") : ok(order(o).toString());
    }

    private MockResponse cancelAll() {
        ArrayNode out = json.createArrayNode();
        for (Order o : orders.values()) {
            if (o.rests()) {
                o.status = "Cancelled";
                out.add(order(o));
            }
        }
        return ok(out.toString());
    }

    /** Resting orders oldest first, or (the order history) finished ones newest first. */
    private String list(boolean resting) {
        ArrayNode out = json.createArrayNode();
        List<Order> all = new ArrayList<>(orders.values());
        if (!resting) {
            java.util.Collections.reverse(all);
        }
        all.stream().filter(o -> o.rests() == resting).forEach(o -> out.add(order(o)));
        return out.toString();
    }

    private String fillHistory(String fromMillis) {
        long from = fromMillis == null ? 0 : Long.parseLong(fromMillis);
        ArrayNode out = json.createArrayNode();
        for (ObjectNode f : fills) {
            if (f.path("millis").asLong() >= from) {
                ObjectNode copy = f.deepCopy();
                copy.remove("millis");
                out.add(copy);
            }
        }
        return out.toString();
    }

    private ObjectNode order(Order o) {
        ObjectNode n = json.createObjectNode();
        n.put("id", o.id);
        n.put("clientId", o.clientId);
        n.put("symbol", symbol);
        n.put("side", o.side);
        n.put("orderType", "Limit");
        n.put("timeInForce", "GTC");
        n.put("postOnly", true);
        n.put("price", o.price.toPlainString());
        n.put("quantity", o.quantity.toPlainString());
        n.put("executedQuantity", o.executed.toPlainString());
        n.put("executedQuoteQuantity", o.executed.multiply(o.price).toPlainString());
        n.put("reduceOnly", false);
        n.put("selfTradePrevention", "RejectTaker");
        n.put("status", o.status);
        n.put("createdAt", o.createdAt);
        return n;
    }

    private String markets() {
        ArrayNode out = json.createArrayNode();
        ObjectNode m = out.addObject();
        m.put("symbol", symbol);
        m.put("baseSymbol", symbol.substring(0, symbol.indexOf('_')));
        m.put("quoteSymbol", symbol.substring(symbol.indexOf('_') + 1));
        m.put("marketType", "SPOT");
        ObjectNode filters = m.putObject("filters");
        filters.putObject("price").put("tickSize", "0.01").put("minPrice", "0.01");
        filters.putObject("quantity").put("stepSize", "0.01").put("minQuantity", "0.01");
        m.put("orderBookState", "Open");
        return out.toString();
    }

    private String depth() {
        ObjectNode d = json.createObjectNode();
        d.putArray("asks").addArray().add(ask.toPlainString()).add("40");
        d.putArray("bids").addArray().add(bid.toPlainString()).add("40");
        d.put("lastUpdateId", "1");
        d.put("timestamp", System.currentTimeMillis());
        return d.toString();
    }

    private String ticker() {
        String mid = bid.add(ask).divide(BigDecimal.valueOf(2)).toPlainString();
        ObjectNode t = json.createObjectNode();
        t.put("symbol", symbol).put("firstPrice", mid).put("lastPrice", mid).put("high", mid).put("low", mid)
                .put("volume", "0").put("quoteVolume", "0").put("trades", 0);
        return t.toString();
    }

    private String capital() {
        ObjectNode out = json.createObjectNode();
        balances.forEach((asset, qty) -> out.putObject(asset).put("available", qty.toPlainString())
                .put("locked", "0").put("staked", "0"));
        return out.toString();
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private MockResponse error(int code, String name, String message) {
        ObjectNode e = json.createObjectNode();
        e.put("code", name);
        e.put("message", message);
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(e.toString()).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
