package io.mmkit.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure conversions between Binance's payloads and core records. */
public final class BinanceAdapters {
    private BinanceAdapters() {
    }

    /** A symbol's rules from its {@code PRICE_FILTER}, {@code LOT_SIZE} and {@code NOTIONAL}/{@code MIN_NOTIONAL} filters. */
    public static Instrument instrument(BinanceDtos.SymbolInfo s, BinanceMarket market) {
        BigDecimal tick = null;
        BigDecimal step = null;
        BigDecimal minQty = BigDecimal.ZERO;
        BigDecimal minNotional = BigDecimal.ZERO;
        BigDecimal maxQty = null;
        for (JsonNode f : s.filters()) {
            switch (f.path("filterType").asText()) {
                case "PRICE_FILTER" -> tick = Json.decimal(f, "tickSize");
                case "LOT_SIZE" -> {
                    step = Json.decimal(f, "stepSize");
                    minQty = Json.decimal(f, "minQty");
                    maxQty = Json.decimal(f, "maxQty");
                }
                case "NOTIONAL", "MIN_NOTIONAL" -> {
                    BigDecimal n = f.has("minNotional") ? Json.decimal(f, "minNotional") : Json.decimal(f, "notional");
                    if (n != null) {
                        minNotional = n;
                    }
                }
                default -> { }
            }
        }
        if (tick == null || step == null) {
            throw new IllegalArgumentException(s.symbol() + " has no PRICE_FILTER or LOT_SIZE filter");
        }
        MarketType type = market.isFutures() ? MarketType.PERPETUAL : MarketType.SPOT;
        return new Instrument(s.symbol(), s.baseAsset(), s.quoteAsset(), type, tick, step, minQty, minNotional,
                maxQty == null || maxQty.signum() <= 0 ? null : maxQty);
    }

    public static OrderBook orderBook(String symbol, BinanceDtos.Depth d, int maxLevels, Instant receivedAt) {
        Instant time = d.T() != null ? Instant.ofEpochMilli(d.T()) : d.E() != null ? Instant.ofEpochMilli(d.E())
                : receivedAt;
        return new OrderBook(symbol, levels(d.bids(), maxLevels), levels(d.asks(), maxLevels), d.lastUpdateId(), time);
    }

    /** The parameters of a new order, in the order they are sent and signed (timestamp and signature follow). */
    public static Map<String, String> orderParams(OrderRequest r, BinanceMarket market) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", r.symbol());
        p.put("side", r.side().name());
        if (r.isMarket()) {
            p.put("type", "MARKET");
        } else if (r.timeInForce() == TimeInForce.POST_ONLY && !market.isFutures()) {
            p.put("type", "LIMIT_MAKER");
        } else {
            p.put("type", "LIMIT");
            p.put("timeInForce", switch (r.timeInForce()) {
                case POST_ONLY -> "GTX";
                case IOC -> "IOC";
                case GTC -> "GTC";
            });
        }
        p.put("quantity", r.quantity().toPlainString());
        if (!r.isMarket()) {
            p.put("price", r.price().toPlainString());
        }
        p.put("newClientOrderId", r.clientOrderId());
        // Spot has no reduce-only flag: a spot sell only ever reduces what the account holds.
        if (r.reduceOnly() && market.isFutures()) {
            p.put("reduceOnly", "true");
        }
        p.put("newOrderRespType", "RESULT");
        return p;
    }

    public static PlaceResult placeResult(OrderRequest request, BinanceDtos.Order o, Instant now) {
        BigDecimal executed = orZero(o.executedQty());
        boolean dead = "EXPIRED".equals(o.status()) || "CANCELED".equals(o.status())
                || "REJECTED".equals(o.status()) || "EXPIRED_IN_MATCH".equals(o.status());
        if (dead && executed.signum() == 0) {
            RejectReason reason = request.timeInForce() == TimeInForce.POST_ONLY
                    ? RejectReason.POST_ONLY_WOULD_CROSS : RejectReason.NO_LIQUIDITY;
            return PlaceResult.rejected(request.clientOrderId(), reason, "order " + o.status());
        }
        return PlaceResult.accepted(openOrder(o, now));
    }

    public static OpenOrder openOrder(BinanceDtos.Order o, Instant fallbackTime) {
        BigDecimal executed = orZero(o.executedQty());
        BigDecimal price = o.price();
        if (price == null || price.signum() == 0) {
            price = averagePrice(o, executed);
        }
        TimeInForce tif = "LIMIT_MAKER".equals(o.type()) || "GTX".equals(o.timeInForce()) ? TimeInForce.POST_ONLY
                : "IOC".equals(o.timeInForce()) ? TimeInForce.IOC : TimeInForce.GTC;
        Long millis = o.time() != null ? o.time() : o.transactTime() != null ? o.transactTime() : o.updateTime();
        Instant created = millis == null ? fallbackTime : Instant.ofEpochMilli(millis);
        return new OpenOrder(Long.toString(o.orderId()), o.clientOrderId(), o.symbol(), Side.valueOf(o.side()), price,
                o.origQty(), executed, tif, Boolean.TRUE.equals(o.reduceOnly()), created);
    }

    /**
     * The venue's record of an order ({@code GET order}): NEW / PARTIALLY_FILLED rest; FILLED; CANCELED, EXPIRED,
     * EXPIRED_IN_MATCH (possibly after partial fills) are cancelled; REJECTED never rested. Spot's
     * PENDING_CANCEL still rests.
     */
    public static OrderState orderState(BinanceDtos.Order o) {
        OrderState.Status status = switch (o.status() == null ? "" : o.status()) {
            case "FILLED" -> OrderState.Status.FILLED;
            case "CANCELED", "EXPIRED", "EXPIRED_IN_MATCH" -> OrderState.Status.CANCELLED;
            case "REJECTED" -> OrderState.Status.REJECTED;
            default -> OrderState.Status.OPEN;
        };
        return new OrderState(o.clientOrderId(), Long.toString(o.orderId()), status, orZero(o.origQty()),
                orZero(o.executedQty()));
    }

    public static List<Balance> spotBalances(BinanceDtos.SpotAccount account) {
        List<Balance> out = new ArrayList<>();
        for (BinanceDtos.SpotBalance b : account.balances()) {
            if (b.free().signum() != 0 || b.locked().signum() != 0) {
                out.add(new Balance(b.asset(), b.free(), b.locked()));
            }
        }
        return out;
    }

    /** Futures wallet balances: what is available is free, the rest of the wallet is locked as margin. */
    public static List<Balance> futuresBalances(List<BinanceDtos.FuturesBalance> balances) {
        List<Balance> out = new ArrayList<>();
        for (BinanceDtos.FuturesBalance b : balances) {
            BigDecimal available = orZero(b.availableBalance());
            BigDecimal locked = orZero(b.balance()).subtract(available).max(BigDecimal.ZERO);
            if (orZero(b.balance()).signum() != 0) {
                out.add(new Balance(b.asset(), available, locked));
            }
        }
        return out;
    }

    public static Position position(BinanceDtos.PositionRisk p) {
        return new Position(p.symbol(), orZero(p.positionAmt()), orZero(p.entryPrice()), orZero(p.markPrice()),
                orZero(p.unRealizedProfit()), BigDecimal.ZERO);
    }

    public static Fill fill(BinanceDtos.UserTrade t) {
        boolean buyer = Boolean.TRUE.equals(t.isBuyer()) || Boolean.TRUE.equals(t.buyer());
        boolean maker = Boolean.TRUE.equals(t.isMaker()) || Boolean.TRUE.equals(t.maker());
        return new Fill(Long.toString(t.id()), Long.toString(t.orderId()), null, t.symbol(),
                buyer ? Side.BUY : Side.SELL, t.price(), t.qty(), orZero(t.commission()),
                t.commissionAsset() == null ? "" : t.commissionAsset(), maker ? Liquidity.MAKER : Liquidity.TAKER,
                Instant.ofEpochMilli(t.time()));
    }

    /** A {@code depthUpdate} event (spot, or futures with {@code pu}). */
    public static DepthDiff depthDiff(JsonNode d) {
        long previous = d.has("pu") ? d.get("pu").asLong() : -1;
        return new DepthDiff(d.get("U").asLong(), d.get("u").asLong(), previous, DepthDiff.levels(d.get("b")),
                DepthDiff.levels(d.get("a")), Instant.ofEpochMilli(d.path("E").asLong()));
    }

    /** A {@code trade} or {@code aggTrade} event; {@code m} (buyer is maker) means the seller took. */
    public static Trade trade(JsonNode d) {
        return new Trade(Json.text(d, "s"), Json.decimal(d, "p"), Json.decimal(d, "q"),
                d.path("m").asBoolean() ? Side.SELL : Side.BUY, Instant.ofEpochMilli(d.path("T").asLong()));
    }

    /**
     * A fill from the user data stream: a spot {@code executionReport} or the {@code o} object of a futures
     * {@code ORDER_TRADE_UPDATE}, when its execution type is {@code TRADE}; null otherwise.
     */
    public static Fill streamFill(JsonNode o) {
        if (!"TRADE".equals(Json.text(o, "x"))) {
            return null;
        }
        return new Fill(o.path("t").asText(), o.path("i").asText(), Json.text(o, "c"), Json.text(o, "s"),
                Side.valueOf(Json.text(o, "S")), Json.decimal(o, "L"), Json.decimal(o, "l"),
                orZero(Json.decimal(o, "n")), o.hasNonNull("N") ? o.get("N").asText() : "",
                o.path("m").asBoolean() ? Liquidity.MAKER : Liquidity.TAKER, Instant.ofEpochMilli(o.path("T").asLong()));
    }

    private static BigDecimal averagePrice(BinanceDtos.Order o, BigDecimal executed) {
        if (o.avgPrice() != null && o.avgPrice().signum() > 0) {
            return o.avgPrice();
        }
        BigDecimal quote = o.cummulativeQuoteQty() != null ? o.cummulativeQuoteQty() : o.cumQuote();
        if (quote != null && executed.signum() > 0) {
            return quote.divide(executed, MathContext.DECIMAL64);
        }
        return null;
    }

    private static List<BookLevel> levels(List<List<BigDecimal>> raw, int max) {
        List<BookLevel> out = new ArrayList<>();
        if (raw != null) {
            for (List<BigDecimal> level : raw) {
                if (out.size() >= max) {
                    break;
                }
                if (level.get(1).signum() > 0) {
                    out.add(new BookLevel(level.get(0), level.get(1)));
                }
            }
        }
        return out;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
