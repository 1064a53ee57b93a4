package io.mmkit.backtest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderType;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Maps Backpack's REST shape onto a {@link BacktestExchange}: markets, depth, ticker, time, order execute /
 * query / cancel, open orders, cancel all, capital, positions and fill history: every call the real
 * {@code BackpackGateway} makes in REST-only mode. Signatures are accepted unchecked (the simulated venue has
 * no keys). Answers are (status, JSON body) pairs; business rejections are 400s with Backpack's
 * {@code {"code","message"}} body, worded as Backpack words them so the client maps them back to the same
 * {@link RejectReason}. Thread-safe: the exchange is.
 */
final class BackpackShapeHandler {
    /** An HTTP answer. */
    record Answer(int status, String body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final BacktestExchange exchange;
    private final Instrument instrument;

    BackpackShapeHandler(BacktestExchange exchange) {
        this.exchange = exchange;
        this.instrument = exchange.settings().instrument();
    }

    Answer handle(String method, String path, Map<String, String> query, String body) throws IOException {
        return switch (method + " " + path) {
            case "GET /api/v1/time" -> ok(Long.toString(exchange.time().now().toEpochMilli()));
            case "GET /api/v1/markets" -> ok(json.writeValueAsString(List.of(market())));
            case "GET /api/v1/depth" -> ok(json.writeValueAsString(depth()));
            case "GET /api/v1/ticker" -> ok(json.writeValueAsString(ticker()));
            case "POST /api/v1/order" -> place(json.readTree(body));
            case "DELETE /api/v1/order" -> cancel(json.readTree(body));
            case "GET /api/v1/order" -> query(query.get("clientId"));
            case "GET /api/v1/orders" -> ok(json.writeValueAsString(orders(exchange.openOrders(instrument.symbol()))));
            case "DELETE /api/v1/orders" -> cancelAll();
            case "GET /api/v1/capital" -> ok(json.writeValueAsString(capital()));
            case "GET /api/v1/position" -> ok(json.writeValueAsString(positions()));
            case "GET /wapi/v1/history/fills" -> ok(json.writeValueAsString(fills(query.get("from"))));
            default -> new Answer(404, error("NOT_FOUND", "no such endpoint " + method + " " + path));
        };
    }

    private Answer place(JsonNode b) throws IOException {
        Side side = "Bid".equals(b.path("side").asText()) ? Side.BUY : Side.SELL;
        boolean market = "Market".equals(b.path("orderType").asText());
        TimeInForce tif = b.path("postOnly").asBoolean(false) ? TimeInForce.POST_ONLY
                : "IOC".equals(b.path("timeInForce").asText()) ? TimeInForce.IOC : TimeInForce.GTC;
        OrderRequest request = new OrderRequest(b.path("symbol").asText(), b.path("clientId").asText(), side,
                market ? OrderType.MARKET : OrderType.LIMIT, market ? TimeInForce.IOC : tif,
                market ? null : new BigDecimal(b.path("price").asText()), new BigDecimal(b.path("quantity").asText()),
                b.path("reduceOnly").asBoolean(false));
        PlaceResult result = exchange.place(request);
        if (result instanceof PlaceResult.Accepted a) {
            return ok(json.writeValueAsString(order(a.order(), "New")));
        }
        PlaceResult.Rejected r = (PlaceResult.Rejected) result;
        return new Answer(400, error("INVALID_ORDER", wording(r)));
    }

    /** Backpack's words for a rejection, which its client's error adapter reads back as the same reason. */
    private static String wording(PlaceResult.Rejected r) {
        return switch (r.reason()) {
            case POST_ONLY_WOULD_CROSS -> "Order would immediately match and take.";
            case INSUFFICIENT_FUNDS -> "Insufficient funds.";
            case BELOW_MIN_QUANTITY -> "Quantity is below the minimum allowed value.";
            case BELOW_MIN_NOTIONAL -> "Order notional is below the minimum allowed value.";
            case INVALID_PRECISION -> "Price or quantity does not match the tick size or step size.";
            case REDUCE_ONLY_REJECTED -> "Reduce only order would not reduce the position.";
            case DUPLICATE_CLIENT_ID -> "Duplicate client id.";
            case NO_LIQUIDITY -> "Not enough liquidity to fill the order.";
            case OTHER -> "Order rejected: " + r.detail();
        };
    }

    private Answer cancel(JsonNode b) throws IOException {
        String id = b.path("clientId").asText();
        OpenOrder open = find(id);
        // The engine's answer decides, as in process: the listed order only fills in the body.
        CancelResult r = exchange.cancel(b.path("symbol").asText(), id);
        if (r == CancelResult.NOT_FOUND) {
            return new Answer(404, error("RESOURCE_NOT_FOUND", "Order not found"));
        }
        if (open == null) {
            ObjectNode n = json.createObjectNode();
            n.put("clientId", Long.parseLong(id));
            n.put("symbol", instrument.symbol());
            n.put("status", "Cancelled");
            return ok(n.toString());
        }
        return ok(json.writeValueAsString(order(open, "Cancelled")));
    }

    private Answer query(String clientId) throws IOException {
        OpenOrder o = find(clientId);
        return o == null ? new Answer(404, error("RESOURCE_NOT_FOUND", "Order not found"))
                : ok(json.writeValueAsString(order(o, "New")));
    }

    private Answer cancelAll() throws IOException {
        List<OpenOrder> open = exchange.openOrders(instrument.symbol());
        exchange.cancelAll(instrument.symbol());
        ArrayNode out = json.createArrayNode();
        open.forEach(o -> out.add(order(o, "Cancelled")));
        return ok(json.writeValueAsString(out));
    }

    private OpenOrder find(String clientId) {
        for (OpenOrder o : exchange.openOrders(instrument.symbol())) {
            if (o.clientOrderId().equals(clientId)) {
                return o;
            }
        }
        return null;
    }

    private ObjectNode market() {
        ObjectNode m = json.createObjectNode();
        m.put("symbol", instrument.symbol());
        m.put("baseSymbol", instrument.baseAsset());
        m.put("quoteSymbol", instrument.quoteAsset());
        m.put("marketType", instrument.isPerpetual() ? "PERP" : "SPOT");
        ObjectNode filters = m.putObject("filters");
        filters.putObject("price").put("tickSize", instrument.tickSize().toPlainString());
        filters.putObject("quantity").put("stepSize", instrument.stepSize().toPlainString())
                .put("minQuantity", instrument.minQuantity().toPlainString());
        m.put("orderBookState", "Open");
        return m;
    }

    private ObjectNode depth() {
        OrderBook book = exchange.orderBook(instrument.symbol(), 50);
        ObjectNode d = json.createObjectNode();
        // Backpack lists both sides in ascending price order.
        levels(d.putArray("asks"), book.asks());
        List<BookLevel> bids = new java.util.ArrayList<>(book.bids());
        java.util.Collections.reverse(bids);
        levels(d.putArray("bids"), bids);
        d.put("lastUpdateId", "0");
        d.put("timestamp", book.time().toEpochMilli());
        return d;
    }

    private ObjectNode ticker() {
        ObjectNode t = json.createObjectNode();
        t.put("symbol", instrument.symbol());
        OrderBook book = exchange.orderBook(instrument.symbol(), 1);
        if (!book.bids().isEmpty() && !book.asks().isEmpty()) {
            String mid = book.bids().get(0).price().add(book.asks().get(0).price())
                    .divide(BigDecimal.valueOf(2)).toPlainString();
            t.put("firstPrice", mid).put("lastPrice", mid).put("high", mid).put("low", mid);
        }
        t.put("volume", "0").put("quoteVolume", "0").put("trades", 0);
        return t;
    }

    private ArrayNode positions() {
        ArrayNode out = json.createArrayNode();
        for (Position p : exchange.positions()) {
            out.addObject().put("symbol", p.symbol())
                    .put("netQuantity", p.quantity().toPlainString())
                    .put("entryPrice", p.entryPrice().toPlainString())
                    .put("markPrice", p.markPrice().toPlainString())
                    .put("pnlUnrealized", p.unrealizedPnl().toPlainString())
                    .put("pnlRealized", "0")
                    .put("cumulativeFundingPayment", p.fundingPaid().toPlainString());
        }
        return out;
    }

    private static void levels(ArrayNode out, List<BookLevel> levels) {
        for (BookLevel l : levels) {
            out.addArray().add(l.price().toPlainString()).add(l.quantity().toPlainString());
        }
    }

    private ArrayNode orders(List<OpenOrder> open) {
        ArrayNode out = json.createArrayNode();
        open.forEach(o -> out.add(order(o, "New")));
        return out;
    }

    private ObjectNode order(OpenOrder o, String status) {
        ObjectNode n = json.createObjectNode();
        n.put("id", o.orderId());
        n.put("clientId", Long.parseLong(o.clientOrderId()));
        n.put("symbol", o.symbol());
        n.put("side", o.side() == Side.BUY ? "Bid" : "Ask");
        n.put("orderType", "Limit");
        n.put("timeInForce", o.timeInForce() == TimeInForce.IOC ? "IOC" : "GTC");
        n.put("postOnly", o.timeInForce() == TimeInForce.POST_ONLY);
        n.put("price", o.price().toPlainString());
        n.put("quantity", o.quantity().toPlainString());
        n.put("executedQuantity", o.filledQuantity().toPlainString());
        n.put("reduceOnly", o.reduceOnly());
        n.put("status", o.remainingQuantity().signum() == 0 ? "Filled" : status);
        n.put("createdAt", o.createdAt().toEpochMilli());
        return n;
    }

    private ObjectNode capital() {
        ObjectNode out = json.createObjectNode();
        for (Balance b : exchange.balances()) {
            out.putObject(b.asset()).put("available", b.free().toPlainString())
                    .put("locked", b.locked().toPlainString()).put("staked", "0");
        }
        return out;
    }

    private ArrayNode fills(String fromMillis) {
        Instant from = fromMillis == null ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(fromMillis));
        ArrayNode out = json.createArrayNode();
        for (Fill f : exchange.fillsSince(instrument.symbol(), from)) {
            ObjectNode n = out.addObject();
            n.put("tradeId", f.fillId());
            n.put("orderId", f.orderId());
            n.put("clientId", f.clientOrderId());
            n.put("symbol", f.symbol());
            n.put("side", f.side() == Side.BUY ? "Bid" : "Ask");
            n.put("price", f.price().toPlainString());
            n.put("quantity", f.quantity().toPlainString());
            n.put("fee", f.fee().toPlainString());
            n.put("feeSymbol", f.feeAsset());
            n.put("isMaker", f.liquidity() == io.mmkit.core.model.Liquidity.MAKER);
            n.put("timestamp", f.time().toString());
        }
        return out;
    }

    private String error(String code, String message) {
        ObjectNode e = json.createObjectNode();
        e.put("code", code);
        e.put("message", message);
        return e.toString();
    }

    private static Answer ok(String body) {
        return new Answer(200, body);
    }
}
