package io.mmkit.exchange.backpack;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.core.model.Trade;
import io.mmkit.exchange.http.Json;
import io.mmkit.exchange.ws.DepthDiff;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure conversions between Backpack's payloads and core records. */
public final class BackpackAdapters {
    private BackpackAdapters() {
    }

    public static Instrument instrument(BackpackDtos.Market m) {
        MarketType type = "SPOT".equalsIgnoreCase(m.marketType()) ? MarketType.SPOT : MarketType.PERPETUAL;
        BigDecimal minQty = m.filters().quantity().minQuantity();
        return new Instrument(m.symbol(), m.baseSymbol(), m.quoteSymbol(), type, m.filters().price().tickSize(),
                m.filters().quantity().stepSize(), minQty == null ? BigDecimal.ZERO : minQty, BigDecimal.ZERO,
                m.filters().quantity().maxQuantity());
    }

    /** A depth snapshot, best first on both sides whatever order the venue listed them in. */
    public static OrderBook orderBook(String symbol, BackpackDtos.Depth depth, int maxLevels, Instant receivedAt) {
        List<BookLevel> bids = levels(depth.bids(), Comparator.comparing(BookLevel::price).reversed(), maxLevels);
        List<BookLevel> asks = levels(depth.asks(), Comparator.comparing(BookLevel::price), maxLevels);
        long sequence = depth.lastUpdateId() == null ? 0 : Long.parseLong(depth.lastUpdateId());
        Instant time = depth.timestamp() == null ? receivedAt : Instant.ofEpochMilli(depth.timestamp());
        return new OrderBook(symbol, bids, asks, sequence, time);
    }

    /** The JSON body of {@code orderExecute}: also exactly what is signed. */
    public static Map<String, Object> orderBody(OrderRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", r.symbol());
        body.put("side", side(r.side()));
        body.put("orderType", r.isMarket() ? "Market" : "Limit");
        body.put("quantity", r.quantity().toPlainString());
        body.put("clientId", clientId(r.clientOrderId()));
        if (!r.isMarket()) {
            body.put("price", r.price().toPlainString());
            if (r.timeInForce() == TimeInForce.POST_ONLY) {
                body.put("postOnly", true);
            } else {
                body.put("timeInForce", r.timeInForce() == TimeInForce.IOC ? "IOC" : "GTC");
            }
        }
        if (r.reduceOnly()) {
            body.put("reduceOnly", true);
        }
        return body;
    }

    /** Backpack takes a u32 client id; ours are decimal strings of such numbers. */
    public static long clientId(String clientOrderId) {
        long id;
        try {
            id = Long.parseLong(clientOrderId);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Backpack needs a numeric client id, got " + clientOrderId);
        }
        if (id < 0 || id >= (1L << 32)) {
            throw new IllegalArgumentException("Backpack client ids are u32, got " + clientOrderId);
        }
        return id;
    }

    /** The venue's answer to a placement: accepted, or rejected when it expired without trading. */
    public static PlaceResult placeResult(OrderRequest request, BackpackDtos.Order order, Instant receivedAt) {
        BigDecimal executed = orZero(order.executedQuantity());
        boolean dead = "Expired".equalsIgnoreCase(order.status()) || "Cancelled".equalsIgnoreCase(order.status());
        if (dead && executed.signum() == 0) {
            RejectReason reason = order.expiryReason() != null ? BackpackErrors.reason(order.expiryReason())
                    : request.timeInForce() == TimeInForce.POST_ONLY ? RejectReason.POST_ONLY_WOULD_CROSS
                    : RejectReason.NO_LIQUIDITY;
            return PlaceResult.rejected(request.clientOrderId(), reason, "order " + order.status());
        }
        return PlaceResult.accepted(openOrder(order, request.clientOrderId(), receivedAt));
    }

    public static OpenOrder openOrder(BackpackDtos.Order o, String fallbackClientId, Instant fallbackTime) {
        BigDecimal quantity = o.quantity() != null ? o.quantity() : orZero(o.executedQuantity());
        BigDecimal price = o.price();
        if (price == null && orZero(o.executedQuantity()).signum() > 0 && o.executedQuoteQuantity() != null) {
            price = o.executedQuoteQuantity().divide(o.executedQuantity(), MathContext.DECIMAL64);
        }
        TimeInForce tif = Boolean.TRUE.equals(o.postOnly()) ? TimeInForce.POST_ONLY
                : "IOC".equalsIgnoreCase(o.timeInForce()) ? TimeInForce.IOC : TimeInForce.GTC;
        String clientId = o.clientId() != null ? Long.toString(o.clientId()) : fallbackClientId;
        return new OpenOrder(o.id(), clientId, o.symbol(), side(o.side()), price, quantity,
                orZero(o.executedQuantity()), tif, Boolean.TRUE.equals(o.reduceOnly()), time(o.createdAt(), fallbackTime));
    }

    /**
     * An order record ({@code /api/v1/order} while it rests, {@code /wapi/v1/history/orders} after): New and
     * PartiallyFilled rest (as do trigger orders not yet fired); Filled; Cancelled and Expired, possibly after
     * partial fills; TriggerFailed never rested.
     */
    public static OrderState orderState(BackpackDtos.Order o, String clientOrderId) {
        String status = o.status() == null ? "" : o.status();
        OrderState.Status mapped = switch (status) {
            case "Filled" -> OrderState.Status.FILLED;
            case "Cancelled", "Expired" -> OrderState.Status.CANCELLED;
            case "TriggerFailed" -> OrderState.Status.REJECTED;
            default -> OrderState.Status.OPEN;
        };
        BigDecimal quantity = o.quantity() != null ? o.quantity() : orZero(o.executedQuantity());
        return new OrderState(clientOrderId, o.id(), mapped, quantity, orZero(o.executedQuantity()));
    }

    public static List<Balance> balances(Map<String, BackpackDtos.CapitalBalance> capital) {
        List<Balance> out = new ArrayList<>();
        capital.forEach((asset, b) -> out.add(new Balance(asset, orZero(b.available()), orZero(b.locked()))));
        out.sort(Comparator.comparing(Balance::asset));
        return out;
    }

    public static Position position(BackpackDtos.FuturePosition p) {
        return new Position(p.symbol(), orZero(p.netQuantity()), orZero(p.entryPrice()), orZero(p.markPrice()),
                orZero(p.pnlUnrealized()), orZero(p.cumulativeFundingPayment()));
    }

    public static Fill fill(BackpackDtos.FillRecord f) {
        return new Fill(f.tradeId(), f.orderId(), f.clientId(), f.symbol(), side(f.side()), f.price(), f.quantity(),
                orZero(f.fee()), f.feeSymbol() == null ? "" : f.feeSymbol(),
                Boolean.TRUE.equals(f.isMaker()) ? Liquidity.MAKER : Liquidity.TAKER, naiveUtc(f.timestamp()));
    }

    /** A {@code depth.<symbol>} event; event times are microseconds. */
    public static DepthDiff depthDiff(JsonNode data) {
        return new DepthDiff(data.get("U").asLong(), data.get("u").asLong(), -1, DepthDiff.levels(data.get("b")),
                DepthDiff.levels(data.get("a")), micros(data.path("E").asLong()));
    }

    /** A {@code bookTicker.<symbol>} event. */
    public static BookTop bookTicker(JsonNode data) {
        return new BookTop(Json.text(data, "s"), Json.decimal(data, "b"), Json.decimal(data, "B"),
                Json.decimal(data, "a"), Json.decimal(data, "A"), micros(data.path("E").asLong()));
    }

    /**
     * A {@code trade.<symbol>} event: {@code p} price, {@code q} quantity, {@code m} true when the buyer was the maker
     * (so the seller was the aggressor), {@code T} the trade time in microseconds ({@code E}, the event's, if absent).
     */
    public static Trade trade(JsonNode data) {
        Side aggressor = data.path("m").asBoolean() ? Side.SELL : Side.BUY;
        return new Trade(Json.text(data, "s"), Json.decimal(data, "p"), Json.decimal(data, "q"), aggressor,
                micros(data.path("T").asLong(data.path("E").asLong())));
    }

    /** An {@code account.orderUpdate} event that is a fill, as a fill. */
    public static Fill orderFill(JsonNode data) {
        String clientId = data.hasNonNull("c") ? data.get("c").asText() : null;
        return new Fill(data.get("t").asText(), Json.text(data, "i"), clientId, Json.text(data, "s"),
                side(Json.text(data, "S")), Json.decimal(data, "L"), Json.decimal(data, "l"),
                orZero(Json.decimal(data, "n")), data.hasNonNull("N") ? data.get("N").asText() : "",
                data.path("m").asBoolean(false) ? Liquidity.MAKER : Liquidity.TAKER,
                micros(data.path("T").asLong(data.path("E").asLong())));
    }

    static String side(Side side) {
        return side == Side.BUY ? "Bid" : "Ask";
    }

    static Side side(String venueSide) {
        return "Bid".equalsIgnoreCase(venueSide) || "Buy".equalsIgnoreCase(venueSide) ? Side.BUY : Side.SELL;
    }

    static Instant naiveUtc(String text) {
        if (text == null) {
            return Instant.EPOCH;
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(text));
        }
        String trimmed = text.endsWith("Z") ? text.substring(0, text.length() - 1) : text;
        return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
    }

    private static Instant time(JsonNode node, Instant fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        return node.isNumber() ? Instant.ofEpochMilli(node.asLong()) : naiveUtc(node.asText());
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
    }

    private static List<BookLevel> levels(List<List<BigDecimal>> raw, Comparator<BookLevel> bestFirst, int max) {
        List<BookLevel> out = new ArrayList<>();
        if (raw != null) {
            for (List<BigDecimal> level : raw) {
                if (level.get(1).signum() > 0) {
                    out.add(new BookLevel(level.get(0), level.get(1)));
                }
            }
        }
        out.sort(bestFirst);
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
