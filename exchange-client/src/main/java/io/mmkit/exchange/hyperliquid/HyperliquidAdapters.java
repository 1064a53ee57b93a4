package io.mmkit.exchange.hyperliquid;

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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Static, pure translations between Hyperliquid's shapes and the core records. */
public final class HyperliquidAdapters {
    /** Perpetuals settle in USDC. */
    static final String QUOTE = "USDC";
    /** Hyperliquid's documented minimum order value, in USDC. */
    static final BigDecimal MIN_ORDER_VALUE = BigDecimal.TEN;

    private HyperliquidAdapters() {
    }

    /**
     * A perpetual's rules: lot {@code 10^-szDecimals}, minimum the lot, minimum value 10 USDC, and the tick that
     * Hyperliquid's price rule gives at the reference (mark) price.
     */
    public static Instrument instrument(HyperliquidDtos.AssetInfo asset, BigDecimal referencePrice) {
        BigDecimal lot = HyperliquidTicks.lot(asset.szDecimals());
        BigDecimal tick = HyperliquidTicks.tickAt(referencePrice, asset.szDecimals(), true);
        return new Instrument(asset.name(), asset.name(), QUOTE, MarketType.PERPETUAL, tick, lot, lot,
                MIN_ORDER_VALUE);
    }

    public static OrderBook orderBook(String symbol, HyperliquidDtos.L2Book book, int maxLevels) {
        return new OrderBook(symbol, levels(book.bids(), maxLevels), levels(book.asks(), maxLevels), book.time(),
                Instant.ofEpochMilli(book.time()));
    }

    /** The best bid and ask of a streamed {@code l2Book} snapshot; null when a side is empty or the book crossed. */
    public static BookTop top(String symbol, HyperliquidDtos.L2Book book) {
        if (book.bids().isEmpty() || book.asks().isEmpty()
                || book.bids().get(0).px().compareTo(book.asks().get(0).px()) >= 0) {
            return null;
        }
        HyperliquidDtos.Level bid = book.bids().get(0);
        HyperliquidDtos.Level ask = book.asks().get(0);
        return new BookTop(symbol, bid.px(), bid.sz(), ask.px(), ask.sz(), Instant.ofEpochMilli(book.time()));
    }

    static String tif(TimeInForce tif) {
        return switch (tif) {
            case POST_ONLY -> "Alo";
            case GTC -> "Gtc";
            case IOC -> "Ioc";
        };
    }

    static TimeInForce tif(String tif) {
        if (tif == null) {
            return TimeInForce.GTC;
        }
        return switch (tif) {
            case "Alo" -> TimeInForce.POST_ONLY;
            case "Ioc", "FrontendMarket" -> TimeInForce.IOC;
            default -> TimeInForce.GTC;
        };
    }

    static Side side(String venueSide) {
        return "B".equals(venueSide) ? Side.BUY : Side.SELL;
    }

    /**
     * The result of an order action's first status: {@code {"resting": {"oid"}}} and {@code {"filled": {"totalSz",
     * "avgPx", "oid"}}} are accepted, {@code {"error": "…"}} is a rejection.
     */
    public static PlaceResult placeResult(OrderRequest request, BigDecimal limitPrice, JsonNode status, Instant now) {
        if (status.has("error")) {
            String error = status.get("error").asText();
            return PlaceResult.rejected(request.clientOrderId(), HyperliquidErrors.reason(error), error);
        }
        JsonNode resting = status.get("resting");
        JsonNode filled = status.get("filled");
        JsonNode body = resting != null ? resting : filled;
        if (body == null || !body.has("oid")) {
            return PlaceResult.rejected(request.clientOrderId(), RejectReason.OTHER,
                    "unrecognised order status " + status);
        }
        BigDecimal filledQty = filled == null ? BigDecimal.ZERO : new BigDecimal(filled.path("totalSz").asText("0"));
        return PlaceResult.accepted(new OpenOrder(body.get("oid").asText(), request.clientOrderId(), request.symbol(),
                request.side(), limitPrice, request.quantity(), filledQty.min(request.quantity()),
                request.timeInForce(), request.reduceOnly(), now));
    }

    /**
     * What a placement whose answer was lost turned out to be, by the venue's {@code orderStatus}: refused when the
     * venue rejected it, otherwise accepted as the venue holds it (resting, or already filled or cancelled).
     */
    public static PlaceResult recovered(OrderRequest request, HyperliquidDtos.OrderWithStatus found) {
        OrderState state = orderState(found, request.clientOrderId());
        if (state.status() == OrderState.Status.REJECTED) {
            return PlaceResult.rejected(request.clientOrderId(), HyperliquidErrors.reason(found.status()),
                    "found " + found.status() + " after the answer was lost");
        }
        return PlaceResult.accepted(openOrder(found.order()));
    }

    public static OpenOrder openOrder(HyperliquidDtos.Order o) {
        BigDecimal original = o.origSz() == null ? o.sz() : o.origSz();
        BigDecimal filled = original.subtract(o.sz()).max(BigDecimal.ZERO);
        return new OpenOrder(Long.toString(o.oid()), HyperliquidCloids.fromCloid(o.cloid()), o.coin(), side(o.side()),
                o.limitPx(), original, filled, tif(o.tif()), Boolean.TRUE.equals(o.reduceOnly()),
                Instant.ofEpochMilli(o.timestamp()));
    }

    /** An {@code orderStatus} answer's order: {@code open} rests, {@code filled} filled, anything else is over. */
    public static OrderState orderState(HyperliquidDtos.OrderWithStatus found, String clientOrderId) {
        HyperliquidDtos.Order o = found.order();
        BigDecimal original = o.origSz() == null ? o.sz() : o.origSz();
        BigDecimal filled = original.subtract(o.sz()).max(BigDecimal.ZERO);
        String status = found.status() == null ? "" : found.status();
        OrderState.Status s;
        if ("open".equals(status) || "triggered".equals(status)) {
            s = OrderState.Status.OPEN;
        } else if ("filled".equals(status)) {
            s = OrderState.Status.FILLED;
            filled = original;
        } else if (status.toLowerCase(Locale.ROOT).endsWith("rejected") && filled.signum() == 0) {
            s = OrderState.Status.REJECTED;
        } else {
            s = OrderState.Status.CANCELLED;
        }
        return new OrderState(clientOrderId, Long.toString(o.oid()), s, original, filled);
    }

    /**
     * A fill. Its id is the venue's trade id {@code tid} and our order's {@code oid}: a trade between two of our own
     * orders has one {@code tid} and two fills. Taker when it {@code crossed}. The fee is charged in {@code feeToken}
     * (USDC when absent).
     */
    public static Fill fill(HyperliquidDtos.Fill f) {
        String id = (f.tid() != null ? Long.toString(f.tid()) : f.hash() + "@" + f.time()) + "-" + f.oid();
        return new Fill(id, Long.toString(f.oid()), HyperliquidCloids.fromCloid(f.cloid()), f.coin(), side(f.side()),
                f.px(), f.sz(), f.fee() == null ? BigDecimal.ZERO : f.fee(),
                f.feeToken() == null ? QUOTE : f.feeToken(), f.crossed() ? Liquidity.TAKER : Liquidity.MAKER,
                Instant.ofEpochMilli(f.time()));
    }

    public static Trade trade(HyperliquidDtos.Trade t) {
        return new Trade(t.coin(), t.px(), t.sz(), side(t.side()), Instant.ofEpochMilli(t.time()));
    }

    /** A position; the mark price is its value over its size, funding the sum paid since it was opened. */
    public static Position position(HyperliquidDtos.Position p) {
        BigDecimal size = p.szi() == null ? BigDecimal.ZERO : p.szi();
        BigDecimal value = p.positionValue() == null ? BigDecimal.ZERO : p.positionValue();
        BigDecimal mark = size.signum() == 0 ? BigDecimal.ZERO
                : value.divide(size.abs(), 12, RoundingMode.HALF_EVEN);
        BigDecimal funding = p.cumFunding() == null || p.cumFunding().sinceOpen() == null ? BigDecimal.ZERO
                : p.cumFunding().sinceOpen();
        return new Position(p.coin(), size, orZero(p.entryPx()), mark, orZero(p.unrealizedPnl()), funding);
    }

    /**
     * Balances: the perpetuals account as USDC (free what can be withdrawn, locked the rest of its value), plus
     * the spot tokens (free their total less what orders hold); a spot USDC balance is added to the perpetual one.
     */
    public static List<Balance> balances(HyperliquidDtos.ClearinghouseState perp, HyperliquidDtos.SpotState spot) {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        if (perp != null && perp.marginSummary() != null) {
            BigDecimal value = orZero(perp.marginSummary().accountValue());
            BigDecimal free = orZero(perp.withdrawable());
            sums.put(QUOTE, new BigDecimal[] {free, value.subtract(free).max(BigDecimal.ZERO)});
        }
        if (spot != null) {
            for (HyperliquidDtos.SpotBalance b : spot.balances()) {
                BigDecimal hold = orZero(b.hold());
                BigDecimal free = orZero(b.total()).subtract(hold);
                sums.merge(b.coin(), new BigDecimal[] {free, hold},
                        (x, y) -> new BigDecimal[] {x[0].add(y[0]), x[1].add(y[1])});
            }
        }
        List<Balance> out = new ArrayList<>();
        sums.forEach((asset, v) -> out.add(new Balance(asset, v[0], v[1])));
        return out;
    }

    private static List<BookLevel> levels(List<HyperliquidDtos.Level> levels, int max) {
        List<BookLevel> out = new ArrayList<>();
        for (HyperliquidDtos.Level l : levels) {
            if (out.size() >= max) {
                break;
            }
            out.add(new BookLevel(l.px(), l.sz()));
        }
        return out;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
