package io.mmkit.core.sim;

import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order resting in the simulated exchange. Mutable on purpose and confined to the simulator's lock:
 * fill models update the queue position, the simulator the filled quantity.
 */
public final class SimOrder {
    private final String orderId;
    private final String clientOrderId;
    private final String symbol;
    private final Side side;
    private final BigDecimal price;
    private final BigDecimal quantity;
    private final TimeInForce timeInForce;
    private final boolean reduceOnly;
    private final Instant createdAt;
    private final Instant activeFrom;
    private BigDecimal filled = BigDecimal.ZERO;
    private BigDecimal queueAhead = BigDecimal.ZERO;
    private boolean resting;

    SimOrder(String orderId, String clientOrderId, String symbol, Side side, BigDecimal price, BigDecimal quantity,
             TimeInForce timeInForce, boolean reduceOnly, Instant createdAt, Instant activeFrom) {
        this.orderId = orderId;
        this.clientOrderId = clientOrderId;
        this.symbol = symbol;
        this.side = side;
        this.price = price;
        this.quantity = quantity;
        this.timeInForce = timeInForce;
        this.reduceOnly = reduceOnly;
        this.createdAt = createdAt;
        this.activeFrom = activeFrom;
    }

    public String orderId() {
        return orderId;
    }

    public String clientOrderId() {
        return clientOrderId;
    }

    public String symbol() {
        return symbol;
    }

    public Side side() {
        return side;
    }

    public BigDecimal price() {
        return price;
    }

    public BigDecimal quantity() {
        return quantity;
    }

    public BigDecimal remaining() {
        return Decimals.normalize(quantity.subtract(filled));
    }

    public Instant activeFrom() {
        return activeFrom;
    }

    /** Quantity ahead of this order at its price level, for queue-aware fill models. */
    public BigDecimal queueAhead() {
        return queueAhead;
    }

    public void setQueueAhead(BigDecimal ahead) {
        this.queueAhead = ahead.max(BigDecimal.ZERO);
    }

    boolean isResting() {
        return resting;
    }

    void markResting() {
        this.resting = true;
    }

    void addFill(BigDecimal qty) {
        filled = Decimals.normalize(filled.add(qty));
    }

    OpenOrder toOpenOrder() {
        return new OpenOrder(orderId, clientOrderId, symbol, side, price, quantity, filled, timeInForce, reduceOnly,
                createdAt);
    }
}
