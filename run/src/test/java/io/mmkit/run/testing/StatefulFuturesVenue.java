package io.mmkit.run.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.exchange.aster.AsterSigner;
import io.mmkit.exchange.signing.EthKey;
import io.mmkit.exchange.signing.EthSignature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A one-market USDⓈ-M perpetual venue in Binance futures' REST shape, on 127.0.0.1, that remembers: orders rest
 * until cancelled or until the test fills them with {@link #fill} (while the bot is down, say); fills stay in the
 * trade history and move the one-way position. Static book; a post-only ({@code GTX}) order that would cross expires,
 * as Binance-shaped venues answer it. Every placement is recorded, accepted or not.
 *
 * <p>One stand-in for every Binance-futures dialect: {@link Dialect#BINANCE_FUTURES} / Aster v1 (paths under
 * {@code /fapi/v1}, balance and position risk under {@code /fapi/v2}, HMAC not checked: the stand-in has no secret)
 * and {@link Dialect#ASTER_V3} (every path under {@code /fapi/v3}), where it checks what Aster checks: each signed
 * call carries {@code user}, {@code signer} and a {@code nonce} never seen before, and its {@code signature} is the
 * configured API wallet's EIP-712 signature of the query string before it; a call that fails is answered
 * {@code -1022} and counted in {@link #refusedSignatures()}.
 *
 * <p>Times are the wall clock: the bot under test is a live process. Thread-safe (synchronized).
 */
public final class StatefulFuturesVenue extends Dispatcher implements AutoCloseable {
    /** Which Binance-futures paths and authentication the stand-in speaks. */
    public enum Dialect {
        BINANCE_FUTURES("/fapi/v1", "/fapi/v2"),
        ASTER_V3("/fapi/v3", "/fapi/v3");

        final String prefix;
        final String accountPrefix;

        Dialect(String prefix, String accountPrefix) {
            this.prefix = prefix;
            this.accountPrefix = accountPrefix;
        }
    }

    /** A placement as the venue received it. */
    public record Placement(String clientId, String side, BigDecimal price, BigDecimal quantity, boolean accepted) {
    }

    private static final class Order {
        final long orderId;
        final String clientId;
        final String side;
        final BigDecimal price;
        final BigDecimal quantity;
        final boolean reduceOnly;
        final long time;
        BigDecimal executed = BigDecimal.ZERO;
        String status = "NEW";

        Order(long orderId, String clientId, String side, BigDecimal price, BigDecimal quantity, boolean reduceOnly,
              long time) {
            this.orderId = orderId;
            this.clientId = clientId;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
            this.reduceOnly = reduceOnly;
            this.time = time;
        }

        boolean rests() {
            return "NEW".equals(status) || "PARTIALLY_FILLED".equals(status);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final Dialect dialect;
    private final String symbol;
    private final String base;
    private final String quote;
    private final BigDecimal bid;
    private final BigDecimal ask;
    private final AsterSigner expectedSigner;
    private final String expectedUser;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<ObjectNode> trades = new ArrayList<>();
    private final List<Placement> placements = new ArrayList<>();
    private final Set<String> nonces = new HashSet<>();
    private BigDecimal position = BigDecimal.ZERO;
    private BigDecimal entryPrice = BigDecimal.ZERO;
    private int leverage = 20;
    private int refusedSignatures;
    private long nextOrderId = 8_886_000;

    private StatefulFuturesVenue(Dialect dialect, String symbol, String base, String quote, String bid, String ask,
                                 AsterSigner expectedSigner, String expectedUser) throws IOException {
        this.dialect = dialect;
        this.symbol = symbol;
        this.base = base;
        this.quote = quote;
        this.bid = new BigDecimal(bid);
        this.ask = new BigDecimal(ask);
        this.expectedSigner = expectedSigner;
        this.expectedUser = expectedUser;
        server.setDispatcher(this);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    /** A Binance futures (or Aster v1) shaped venue; signatures are not checked. */
    public static StatefulFuturesVenue binanceFutures(String symbol, String base, String quote, String bid, String ask)
            throws IOException {
        return new StatefulFuturesVenue(Dialect.BINANCE_FUTURES, symbol, base, quote, bid, ask, null, null);
    }

    /**
     * An Aster v3 venue that accepts only calls signed by {@code signerKeyHex}'s wallet for {@code user} on
     * Aster's mainnet chain id.
     */
    public static StatefulFuturesVenue asterV3(String symbol, String base, String quote, String bid, String ask,
                                               String user, String signerKeyHex) throws IOException {
        return new StatefulFuturesVenue(Dialect.ASTER_V3, symbol, base, quote, bid, ask,
                new AsterSigner(EthKey.fromHex(signerKeyHex), AsterSigner.MAINNET_CHAIN_ID), user);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Every placement received so far, in order. */
    public synchronized List<Placement> placements() {
        return List.copyOf(placements);
    }

    /** Client ids of the orders resting now. */
    public synchronized List<String> resting() {
        return orders.values().stream().filter(Order::rests).map(o -> o.clientId).toList();
    }

    /** The client id of the resting order on {@code side} (BUY/SELL) nearest the book, if any. */
    public synchronized String restingNearest(String side) {
        return orders.values().stream().filter(o -> o.rests() && o.side.equals(side))
                .max((a, b) -> "BUY".equals(side) ? a.price.compareTo(b.price) : b.price.compareTo(a.price))
                .map(o -> o.clientId).orElse(null);
    }

    /** The net position: positive long. */
    public synchronized BigDecimal position() {
        return position;
    }

    public synchronized int leverage() {
        return leverage;
    }

    /** Signed calls refused for a bad signature, a wrong user or signer, or a reused nonce. */
    public synchronized int refusedSignatures() {
        return refusedSignatures;
    }

    /** The market trades through a resting order: it fills completely, as maker, at its price, fee 0. */
    public synchronized void fill(String clientId) {
        Order o = orders.get(clientId);
        if (o == null || !o.rests()) {
            throw new IllegalStateException("order " + clientId + " is not resting");
        }
        BigDecimal qty = o.quantity.subtract(o.executed);
        o.executed = o.quantity;
        o.status = "FILLED";
        BigDecimal signed = "BUY".equals(o.side) ? qty : qty.negate();
        BigDecimal after = position.add(signed);
        if (after.signum() != 0 && (position.signum() == 0 || position.signum() == signed.signum())) {
            entryPrice = entryPrice.multiply(position.abs()).add(o.price.multiply(qty))
                    .divide(after.abs(), MathContext.DECIMAL64);
        } else if (after.signum() == 0) {
            entryPrice = BigDecimal.ZERO;
        }
        position = after;
        ObjectNode t = json.createObjectNode();
        t.put("buyer", "BUY".equals(o.side));
        t.put("commission", "0");
        t.put("commissionAsset", quote);
        t.put("id", 698_000 + trades.size());
        t.put("maker", true);
        t.put("orderId", o.orderId);
        t.put("price", o.price.toPlainString());
        t.put("qty", qty.toPlainString());
        t.put("quoteQty", qty.multiply(o.price).toPlainString());
        t.put("realizedPnl", "0");
        t.put("side", o.side);
        t.put("positionSide", "BOTH");
        t.put("symbol", symbol);
        t.put("time", System.currentTimeMillis());
        trades.add(t);
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String method = request.getMethod();
        String p = dialect.prefix;
        String a = dialect.accountPrefix;
        try {
            if (path.equals(p + "/time")) {
                return ok("{\"serverTime\":" + System.currentTimeMillis() + "}");
            }
            if (path.equals(p + "/exchangeInfo")) {
                return ok(exchangeInfo());
            }
            if (path.equals(p + "/depth")) {
                return ok(depth());
            }
            Map<String, String> q = params(request);
            MockResponse refused = checkAuth(request, q);
            if (refused != null) {
                return refused;
            }
            String route = method + " " + path;
            if (route.equals("POST " + p + "/order")) {
                return place(q);
            }
            if (route.equals("GET " + p + "/order")) {
                Order o = q.containsKey("orderId") ? orders.values().stream()
                        .filter(x -> Long.toString(x.orderId).equals(q.get("orderId"))).findFirst().orElse(null)
                        : orders.get(q.get("origClientOrderId"));
                return o == null ? error(400, -2013, "Order does not exist.") : ok(order(o).toString());
            }
            if (route.equals("DELETE " + p + "/order")) {
                return cancel(q.get("origClientOrderId"));
            }
            if (route.equals("DELETE " + p + "/batchOrders")) {
                return cancelBatch(q.get("origClientOrderIdList"));
            }
            if (route.equals("DELETE " + p + "/allOpenOrders")) {
                orders.values().stream().filter(Order::rests).forEach(o -> o.status = "CANCELED");
                return ok("{\"code\":\"200\",\"msg\":\"The operation of cancel all open order is done.\"}");
            }
            if (route.equals("GET " + p + "/openOrders")) {
                ArrayNode out = json.createArrayNode();
                orders.values().stream().filter(Order::rests).forEach(o -> out.add(order(o)));
                return ok(out.toString());
            }
            if (route.equals("GET " + a + "/balance")) {
                return ok(balance());
            }
            if (route.equals("GET " + a + "/positionRisk")) {
                return ok(positionRisk());
            }
            if (route.equals("GET " + p + "/userTrades")) {
                return ok(userTrades(q.get("startTime")));
            }
            if (route.equals("POST " + p + "/leverage")) {
                leverage = Integer.parseInt(q.get("leverage"));
                return ok("{\"leverage\":" + leverage + ",\"maxNotionalValue\":\"1000000\",\"symbol\":\"" + symbol
                        + "\"}");
            }
            if (path.equals(p + "/listenKey")) {
                return ok("{\"listenKey\":\"standInListenKey0000000000000000000000000000000000000000000000000\"}");
            }
            return error(404, -1000, "not in the stand-in: " + route);
        } catch (RuntimeException e) {
            return error(400, -1100, String.valueOf(e.getMessage()));
        }
    }

    /** Aster v3: user and signer as configured, a fresh nonce, and the wallet's signature of the query before it. */
    private MockResponse checkAuth(RecordedRequest request, Map<String, String> q) {
        if (dialect != Dialect.ASTER_V3) {
            return null;
        }
        String query = request.getUrl().encodedQuery();
        int cut = query == null ? -1 : query.lastIndexOf("&signature=");
        boolean valid = cut > 0 && expectedUser.equals(q.get("user"))
                && expectedSigner.signerAddress().equalsIgnoreCase(q.get("signer")) && q.containsKey("nonce")
                && nonces.add(q.get("nonce"));
        if (valid) {
            try {
                String message = query.substring(0, cut);
                EthSignature signature = EthSignature.fromHex(query.substring(cut + "&signature=".length()));
                valid = EthKey.recoverAddress(expectedSigner.typedData(message).digest(), signature)
                        .equalsIgnoreCase(expectedSigner.signerAddress());
            } catch (IllegalArgumentException e) {
                valid = false;
            }
        }
        if (valid) {
            return null;
        }
        refusedSignatures++;
        return error(400, -1022, "Signature for this request is not valid.");
    }

    private MockResponse place(Map<String, String> q) {
        String clientId = q.get("newClientOrderId");
        String side = q.get("side");
        BigDecimal price = new BigDecimal(q.get("price"));
        BigDecimal quantity = new BigDecimal(q.get("quantity"));
        boolean postOnly = "GTX".equals(q.get("timeInForce"));
        boolean crosses = "BUY".equals(side) ? price.compareTo(ask) >= 0 : price.compareTo(bid) <= 0;
        boolean reduceOnly = "true".equals(q.get("reduceOnly"));
        if (orders.containsKey(clientId)) {
            placements.add(new Placement(clientId, side, price, quantity, false));
            return error(400, -4116, "ClientOrderId is duplicated.");
        }
        Order o = new Order(nextOrderId++, clientId, side, price, quantity, reduceOnly, System.currentTimeMillis());
        if (postOnly && crosses) {
            o.status = "EXPIRED";
        }
        orders.put(clientId, o);
        placements.add(new Placement(clientId, side, price, quantity, o.rests()));
        return ok(order(o).toString());
    }

    private MockResponse cancel(String clientId) {
        Order o = orders.get(clientId);
        if (o == null || !o.rests()) {
            return error(400, -2011, "Unknown order sent.");
        }
        o.status = "CANCELED";
        return ok(order(o).toString());
    }

    private MockResponse cancelBatch(String list) {
        ArrayNode out = json.createArrayNode();
        try {
            for (JsonNode id : json.readTree(list)) {
                Order o = orders.get(id.asText());
                if (o == null || !o.rests()) {
                    out.addObject().put("code", -2011).put("msg", "Unknown order sent.");
                } else {
                    o.status = "CANCELED";
                    out.add(order(o));
                }
            }
        } catch (IOException e) {
            return error(400, -1130, "origClientOrderIdList is not a JSON list");
        }
        return ok(out.toString());
    }

    private ObjectNode order(Order o) {
        ObjectNode n = json.createObjectNode();
        n.put("avgPrice", o.executed.signum() == 0 ? "0.00000" : o.price.toPlainString());
        n.put("clientOrderId", o.clientId);
        n.put("cumQuote", o.executed.multiply(o.price).toPlainString());
        n.put("executedQty", o.executed.toPlainString());
        n.put("orderId", o.orderId);
        n.put("origQty", o.quantity.toPlainString());
        n.put("origType", "LIMIT");
        n.put("price", o.price.toPlainString());
        n.put("reduceOnly", o.reduceOnly);
        n.put("side", o.side);
        n.put("positionSide", "BOTH");
        n.put("status", o.status);
        n.put("stopPrice", "0");
        n.put("closePosition", false);
        n.put("symbol", symbol);
        n.put("time", o.time);
        n.put("timeInForce", "GTX");
        n.put("type", "LIMIT");
        n.put("updateTime", o.time);
        n.put("workingType", "CONTRACT_PRICE");
        n.put("priceProtect", false);
        return n;
    }

    private String exchangeInfo() {
        ObjectNode root = json.createObjectNode();
        root.put("timezone", "UTC");
        root.put("serverTime", System.currentTimeMillis());
        ObjectNode s = root.putArray("symbols").addObject();
        s.put("symbol", symbol).put("pair", symbol).put("contractType", "PERPETUAL").put("status", "TRADING")
                .put("baseAsset", base).put("quoteAsset", quote).put("marginAsset", quote);
        ArrayNode filters = s.putArray("filters");
        filters.addObject().put("filterType", "PRICE_FILTER").put("minPrice", "0.0001").put("maxPrice", "100000")
                .put("tickSize", "0.0001");
        filters.addObject().put("filterType", "LOT_SIZE").put("minQty", "1").put("maxQty", "1000000")
                .put("stepSize", "1");
        filters.addObject().put("filterType", "MIN_NOTIONAL").put("notional", "5");
        return root.toString();
    }

    private String depth() {
        ObjectNode d = json.createObjectNode();
        d.put("lastUpdateId", 1027024);
        d.put("E", System.currentTimeMillis());
        d.put("T", System.currentTimeMillis());
        d.putArray("bids").addArray().add(bid.toPlainString()).add("5000");
        d.putArray("asks").addArray().add(ask.toPlainString()).add("5000");
        return d.toString();
    }

    private String balance() {
        ArrayNode out = json.createArrayNode();
        out.addObject().put("accountAlias", "SgsR").put("asset", quote).put("balance", "100000")
                .put("crossWalletBalance", "100000").put("crossUnPnl", "0").put("availableBalance", "90000")
                .put("maxWithdrawAmount", "90000").put("marginAvailable", true)
                .put("updateTime", System.currentTimeMillis());
        return out.toString();
    }

    private String positionRisk() {
        BigDecimal mark = bid.add(ask).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
        ArrayNode out = json.createArrayNode();
        out.addObject().put("entryPrice", entryPrice.toPlainString()).put("marginType", "cross")
                .put("isAutoAddMargin", "false").put("isolatedMargin", "0").put("leverage", Integer.toString(leverage))
                .put("liquidationPrice", "0").put("markPrice", mark.toPlainString())
                .put("maxNotionalValue", "1000000").put("positionAmt", position.toPlainString())
                .put("symbol", symbol)
                .put("unRealizedProfit", mark.subtract(entryPrice).multiply(position).toPlainString())
                .put("positionSide", "BOTH").put("updateTime", System.currentTimeMillis());
        return out.toString();
    }

    private String userTrades(String startTime) {
        long from = startTime == null ? 0 : Long.parseLong(startTime);
        ArrayNode out = json.createArrayNode();
        trades.stream().filter(t -> t.path("time").asLong() >= from).forEach(out::add);
        return out.toString();
    }

    /** Query parameters, and form parameters of a body if one was sent. */
    private static Map<String, String> params(RecordedRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : request.getUrl().queryParameterNames()) {
            out.put(name, request.getUrl().queryParameter(name));
        }
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private MockResponse error(int status, int code, String message) {
        ObjectNode e = json.createObjectNode();
        e.put("code", code);
        e.put("msg", message);
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body(e.toString()).build();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "StatefulFuturesVenue[" + dialect.name().toLowerCase(Locale.ROOT) + " " + symbol + "]";
    }
}
