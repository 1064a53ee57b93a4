package io.mmkit.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What we ask a venue to place. The client order id is assigned by the framework (see
 * {@code ClientOrderIds}) so that an instance can always find its own orders again.
 *
 * @param price the limit price; {@code null} for market orders
 */
public record OrderRequest(
        String symbol,
        String clientOrderId,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        BigDecimal price,
        BigDecimal quantity,
        boolean reduceOnly) {

    public OrderRequest {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timeInForce, "timeInForce");
        quantity = Decimals.requirePositive(quantity, "quantity");
        if (type == OrderType.LIMIT) {
            price = Decimals.requirePositive(price, "price");
        } else if (price != null) {
            throw new IllegalArgumentException("a market order carries no price");
        }
    }

    public static OrderRequest postOnly(String symbol, String clientOrderId, Side side, BigDecimal price,
                                        BigDecimal quantity) {
        return new OrderRequest(symbol, clientOrderId, side, OrderType.LIMIT, TimeInForce.POST_ONLY, price, quantity,
                false);
    }

    public static OrderRequest limit(String symbol, String clientOrderId, Side side, BigDecimal price,
                                     BigDecimal quantity, TimeInForce timeInForce) {
        return new OrderRequest(symbol, clientOrderId, side, OrderType.LIMIT, timeInForce, price, quantity, false);
    }

    public static OrderRequest market(String symbol, String clientOrderId, Side side, BigDecimal quantity) {
        return new OrderRequest(symbol, clientOrderId, side, OrderType.MARKET, TimeInForce.IOC, null, quantity, false);
    }

    public OrderRequest asReduceOnly() {
        return new OrderRequest(symbol, clientOrderId, side, type, timeInForce, price, quantity, true);
    }

    public boolean isMarket() {
        return type == OrderType.MARKET;
    }
}
