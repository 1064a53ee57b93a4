package io.mmkit.core.engine;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.store.OrderStatus;
import java.util.Optional;

/**
 * What the store may record for one of our orders, by the venue's own record of it. The one rule: an order is
 * stored CANCELLED (or FILLED) only when the venue says so; one the venue cannot tell us about is UNKNOWN, for
 * a later lookup (the next start's {@link RestartRecovery}) to settle. Stateless.
 */
final class OrderFate {
    private OrderFate() {
    }

    /** The store's status for the venue's word on an order. */
    static OrderStatus status(OrderState state) {
        return switch (state.status()) {
            case OPEN -> state.filledQuantity().signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            case FILLED -> OrderStatus.FILLED;
            case CANCELLED -> OrderStatus.CANCELLED;
            case REJECTED -> OrderStatus.REJECTED;
        };
    }

    /**
     * Looks the order up; blocks on one REST call. A failed lookup is not an answer: it gives UNKNOWN, never an
     * exception, because callers (reconciliation, shutdown) must go on with the other orders.
     */
    static OrderStatus lookUp(ExchangeGateway gateway, String symbol, String clientOrderId) {
        try {
            Optional<OrderState> state = gateway.order(symbol, clientOrderId);
            return state.map(OrderFate::status).orElse(OrderStatus.UNKNOWN);
        } catch (ExchangeException e) {
            return OrderStatus.UNKNOWN;
        }
    }
}
