package io.mmkit.sim;

import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One of our orders inside the engine. Mutable on purpose and confined to the engine's lock: the fill rule
 * moves {@link #ahead}, the engine the filled quantity and the timers.
 */
final class SimulatedOrder {
    final String orderId;
    final OrderRequest request;
    final Side side;
    final boolean isBuy;
    /** Limit price in units; for market orders the worst price allowed (0 or {@code Long.MAX_VALUE}). */
    final long price;
    final long quantity;
    final Instant createdAt;
    /** Engine time (epoch ns) from which the order can trade: placement plus entry latency. */
    final long activeAt;
    long filled;
    /** Quantity ahead of us at our price, for the queue model. */
    long ahead;
    boolean active;
    /** Engine time at which a requested cancel takes effect; {@code Long.MAX_VALUE} while none. */
    long cancelAt = Long.MAX_VALUE;
    boolean cancelRequested;
    /** Whether the account holds a reservation for the remaining quantity (resting spot orders). */
    boolean reserved;

    SimulatedOrder(String orderId, OrderRequest request, long price, long quantity, Instant createdAt, long activeAt) {
        this.orderId = orderId;
        this.request = request;
        this.side = request.side();
        this.isBuy = side == Side.BUY;
        this.price = price;
        this.quantity = quantity;
        this.createdAt = createdAt;
        this.activeAt = activeAt;
    }

    long remaining() {
        return quantity - filled;
    }

    String clientOrderId() {
        return request.clientOrderId();
    }

    OpenOrder toOpenOrder(FixedPoint qty, BigDecimal priceShown) {
        return new OpenOrder(orderId, request.clientOrderId(), request.symbol(), side, priceShown,
                request.quantity(), qty.decimal(filled), request.timeInForce(), request.reduceOnly(), createdAt);
    }
}
