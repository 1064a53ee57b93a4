package io.mmkit.run.hyperliquid;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.exchange.hyperliquid.HyperliquidSigner;
import io.mmkit.exchange.signing.EthKey;
import io.mmkit.exchange.signing.EthSignature;
import io.mmkit.exchange.signing.Hex;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * One Hyperliquid perpetual in the venue's {@code /info} and {@code /exchange} shapes, on 127.0.0.1, that remembers:
 * orders rest until cancelled or until the test fills them with {@link #fill} (while the bot is down, say); fills
 * stay in the fill history ({@code userFillsByTime}); finished orders answer {@code orderStatus}. Static book;
 * post-only ({@code Alo}) orders that would cross are refused with Hyperliquid's wording. Every action's signature
 * is checked: it must recover to the API wallet's address over the action and nonce as sent (testnet source, the
 * stand-in not being mainnet), else the action is refused as Hyperliquid refuses an unknown wallet.
 *
 * <p>Times are the wall clock: the bot under test is a live process. Thread-safe (synchronized).
 */
final class StatefulHyperliquidVenue extends Dispatcher implements AutoCloseable {
    /** A placement as the venue received it. */
    record Placement(String cloid, boolean isBuy, BigDecimal price, BigDecimal size, boolean accepted) {
    }

    private static final class Order {
        final long oid;
        final String cloid;
        final boolean isBuy;
        final BigDecimal price;
        final BigDecimal size;
        final long timestamp;
        BigDecimal filled = BigDecimal.ZERO;
        String status = "open";

        Order(long oid, String cloid, boolean isBuy, BigDecimal price, BigDecimal size, long timestamp) {
            this.oid = oid;
            this.cloid = cloid;
            this.isBuy = isBuy;
            this.price = price;
            this.size = size;
            this.timestamp = timestamp;
        }

        boolean rests() {
            return "open".equals(status);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final String coin;
    private final int szDecimals;
    private final BigDecimal bid;
    private final BigDecimal ask;
    private final String walletAddress;
    private final HyperliquidSigner digests;
    private final List<Order> orders = new ArrayList<>();
    private final List<ObjectNode> fills = new ArrayList<>();
    private final List<Placement> placements = new ArrayList<>();
    private final List<String> actionTypes = new ArrayList<>();
    private int badSignatures;
    private BigDecimal position = BigDecimal.ZERO;
    private long nextOid = 5_000_000L;
    private long nextTid = 900_000L;

    /**
     * @param walletKey the API wallet's key, only to learn its address and the digest rule (the venue never signs)
     */
    StatefulHyperliquidVenue(String coin, int szDecimals, String bid, String ask, String walletKey) throws IOException {
        this.coin = coin;
        this.szDecimals = szDecimals;
        this.bid = new BigDecimal(bid);
        this.ask = new BigDecimal(ask);
        EthKey key = EthKey.fromHex(walletKey);
        this.walletAddress = key.address();
        this.digests = new HyperliquidSigner(key, false);
        server.setDispatcher(this);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    synchronized List<Placement> placements() {
        return List.copyOf(placements);
    }

    /** Every action type received, in order. */
    synchronized List<String> actionTypes() {
        return List.copyOf(actionTypes);
    }

    synchronized int badSignatures() {
        return badSignatures;
    }

    /** Cloids of the orders resting now (null for an order placed without one). */
    synchronized List<String> resting() {
        return orders.stream().filter(Order::rests).map(o -> o.cloid).toList();
    }

    /** The cloid of the resting order at {@code price} on the buy ({@code true}) or sell side, or null. */
    synchronized String restingAt(boolean isBuy, String price) {
        return orders.stream().filter(o -> o.rests() && o.isBuy == isBuy
                        && o.price.compareTo(new BigDecimal(price)) == 0)
                .map(o -> o.cloid).findFirst().orElse(null);
    }

    /** Another program's order on the same account: resting, with no cloid. */
    synchronized void placeForeign(boolean isBuy, String price, String size) {
        orders.add(new Order(nextOid++, null, isBuy, new BigDecimal(price), new BigDecimal(size),
                System.currentTimeMillis()));
    }

    /** The market trades through a resting order: it fills completely, as maker, at its price, fee 0. */
    synchronized void fill(String cloid) {
        Order o = orders.stream().filter(x -> cloid.equals(x.cloid) && x.rests()).findFirst()
                .orElseThrow(() -> new IllegalStateException("order " + cloid + " is not resting"));
        BigDecimal qty = o.size.subtract(o.filled);
        o.filled = o.size;
        o.status = "filled";
        ObjectNode f = json.createObjectNode();
        f.put("coin", coin).put("px", o.price.toPlainString()).put("sz", qty.toPlainString())
                .put("side", o.isBuy ? "B" : "A").put("time", System.currentTimeMillis())
                .put("startPosition", position.toPlainString()).put("dir", o.isBuy ? "Open Long" : "Open Short")
                .put("closedPnl", "0.0").put("hash", "0x" + Long.toHexString(nextTid)).put("oid", o.oid)
                .put("crossed", false).put("fee", "0.0").put("tid", nextTid++).put("feeToken", "USDC")
                .put("cloid", o.cloid);
        fills.add(f);
        position = position.add(o.isBuy ? qty : qty.negate());
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        try {
            JsonNode body = json.readTree(request.getBody().utf8());
            return switch (request.getMethod() + " " + path) {
                case "POST /info" -> info(body);
                case "POST /exchange" -> exchange(body);
                default -> new MockResponse.Builder().code(404).body("no such endpoint " + path).build();
            };
        } catch (IOException | RuntimeException e) {
            return new MockResponse.Builder().code(422).addHeader("Content-Type", "text/plain")
                    .body("Failed to deserialize the JSON body into the target type: " + e.getMessage()).build();
        }
    }

    private MockResponse info(JsonNode q) {
        String type = q.path("type").asText();
        return switch (type) {
            case "metaAndAssetCtxs" -> ok(meta());
            case "l2Book" -> ok(book());
            case "frontendOpenOrders" -> ok(openOrders());
            case "orderStatus" -> ok(orderStatus(q.path("oid").asText()));
            case "userFillsByTime" -> ok(fillsSince(q.path("startTime").asLong()));
            case "clearinghouseState" -> ok(clearinghouse());
            case "spotClearinghouseState" -> ok("{\"balances\":[]}");
            default -> new MockResponse.Builder().code(422).body("unknown info type " + type).build();
        };
    }

    private MockResponse exchange(JsonNode body) {
        JsonNode action = body.get("action");
        actionTypes.add(action.path("type").asText());
        if (!signedByWallet(body)) {
            badSignatures++;
            return ok("{\"status\":\"err\",\"response\":\"User or API Wallet 0x0000000000000000000000000000000000000000"
                    + " does not exist.\"}");
        }
        ArrayNode statuses = json.createArrayNode();
        switch (action.path("type").asText()) {
            case "order" -> action.path("orders").forEach(o -> statuses.add(place(o)));
            case "cancelByCloid" -> action.path("cancels").forEach(c -> statuses.add(cancel(
                    orders.stream().filter(o -> c.path("cloid").asText().equals(o.cloid)).findFirst().orElse(null))));
            case "cancel" -> action.path("cancels").forEach(c -> statuses.add(cancel(
                    orders.stream().filter(o -> o.oid == c.path("o").asLong()).findFirst().orElse(null))));
            case "updateLeverage", "scheduleCancel" -> {
                return ok("{\"status\":\"ok\",\"response\":{\"type\":\"default\"}}");
            }
            default -> {
                return ok("{\"status\":\"err\",\"response\":\"unsupported action\"}");
            }
        }
        ObjectNode out = json.createObjectNode().put("status", "ok");
        ObjectNode response = out.putObject("response");
        response.put("type", "order".equals(action.path("type").asText()) ? "order" : "cancel");
        response.putObject("data").set("statuses", statuses);
        return ok(out.toString());
    }

    private JsonNode place(JsonNode o) {
        boolean isBuy = o.path("b").asBoolean();
        BigDecimal price = new BigDecimal(o.path("p").asText());
        BigDecimal size = new BigDecimal(o.path("s").asText());
        String cloid = o.hasNonNull("c") ? o.get("c").asText() : null;
        boolean postOnly = "Alo".equals(o.path("t").path("limit").path("tif").asText());
        boolean crosses = isBuy ? price.compareTo(ask) >= 0 : price.compareTo(bid) <= 0;
        ObjectNode status = json.createObjectNode();
        boolean duplicate = cloid != null && orders.stream().anyMatch(x -> cloid.equals(x.cloid));
        placements.add(new Placement(cloid, isBuy, price, size, !(postOnly && crosses) && !duplicate));
        if (postOnly && crosses) {
            return status.put("error", "Post only order would have immediately matched, bbo was "
                    + bid.toPlainString() + "@" + ask.toPlainString() + ". asset=1");
        }
        if (duplicate) {
            return status.put("error", "Duplicate cloid. asset=1");
        }
        Order order = new Order(nextOid++, cloid, isBuy, price, size, System.currentTimeMillis());
        orders.add(order);
        status.putObject("resting").put("oid", order.oid);
        return status;
    }

    private JsonNode cancel(Order o) {
        if (o == null || !o.rests()) {
            return json.getNodeFactory().objectNode()
                    .put("error", "Order was never placed, already canceled, or filled. asset=1");
        }
        o.status = "canceled";
        return json.getNodeFactory().textNode("success");
    }

    private boolean signedByWallet(JsonNode body) {
        try {
            Map<String, Object> action = json.convertValue(body.get("action"),
                    new TypeReference<LinkedHashMap<String, Object>>() { });
            JsonNode sig = body.get("signature");
            EthSignature signature = new EthSignature(Hex.decode(sig.get("r").asText()),
                    Hex.decode(sig.get("s").asText()), sig.get("v").asInt());
            byte[] digest = digests.agentDigest(HyperliquidSigner.connectionId(action, body.get("nonce").asLong(), null));
            return walletAddress.equals(EthKey.recoverAddress(digest, signature));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String meta() {
        return "[{\"universe\":[{\"name\":\"BTC\",\"szDecimals\":5,\"maxLeverage\":40},{\"name\":\"" + coin
                + "\",\"szDecimals\":" + szDecimals + ",\"maxLeverage\":20}]},[{\"markPx\":\"97000.0\",\"midPx\":"
                + "\"97000.5\",\"oraclePx\":\"97000.0\",\"funding\":\"0.0000125\"},{\"markPx\":\""
                + bid.add(ask).divide(BigDecimal.valueOf(2)).toPlainString() + "\",\"midPx\":null,\"oraclePx\":\""
                + bid.toPlainString() + "\",\"funding\":\"0.0000125\"}]]";
    }

    private String book() {
        return "{\"coin\":\"" + coin + "\",\"time\":" + System.currentTimeMillis() + ",\"levels\":[[{\"px\":\""
                + bid.toPlainString() + "\",\"sz\":\"40\",\"n\":3}],[{\"px\":\"" + ask.toPlainString()
                + "\",\"sz\":\"40\",\"n\":2}]]}";
    }

    private String openOrders() {
        ArrayNode out = json.createArrayNode();
        orders.stream().filter(Order::rests).forEach(o -> out.add(order(o)));
        return out.toString();
    }

    private String orderStatus(String cloid) {
        return orders.stream().filter(o -> cloid.equals(o.cloid)).findFirst().map(o -> {
            ObjectNode s = json.createObjectNode().put("status", "order");
            ObjectNode inner = s.putObject("order");
            inner.set("order", order(o));
            inner.put("status", o.status).put("statusTimestamp", System.currentTimeMillis());
            return s.toString();
        }).orElse("{\"status\":\"unknownOid\"}");
    }

    private String fillsSince(long start) {
        ArrayNode out = json.createArrayNode();
        fills.stream().filter(f -> f.path("time").asLong() >= start).forEach(out::add);
        return out.toString();
    }

    private String clearinghouse() {
        ObjectNode s = json.createObjectNode();
        ArrayNode positions = s.putArray("assetPositions");
        if (position.signum() != 0) {
            ObjectNode p = positions.addObject().put("type", "oneWay").putObject("position");
            BigDecimal mid = bid.add(ask).divide(BigDecimal.valueOf(2));
            p.put("coin", coin).put("szi", position.toPlainString()).put("entryPx", mid.toPlainString())
                    .put("positionValue", position.abs().multiply(mid).toPlainString()).put("unrealizedPnl", "0.0");
        }
        s.putObject("marginSummary").put("accountValue", "100000.0").put("totalMarginUsed", "0.0")
                .put("totalNtlPos", "0.0");
        s.put("withdrawable", "100000.0");
        return s.toString();
    }

    private ObjectNode order(Order o) {
        ObjectNode n = json.createObjectNode();
        n.put("coin", coin).put("side", o.isBuy ? "B" : "A").put("limitPx", o.price.toPlainString())
                .put("sz", o.size.subtract(o.filled).toPlainString()).put("oid", o.oid).put("timestamp", o.timestamp)
                .put("reduceOnly", false).put("orderType", "Limit").put("origSz", o.size.toPlainString())
                .put("tif", "Alo");
        if (o.cloid == null) {
            n.putNull("cloid");
        } else {
            n.put("cloid", o.cloid);
        }
        return n;
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
