package io.mmkit.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One of our orders as the venue's own record tells it (a lookup by client id), whether it still rests or not.
 *
 * @param orderId the venue's id; {@code null} when the venue's answer carries none
 * @param filledQuantity how much of {@code quantity} traded, as the venue counts it
 */
public record OrderState(String clientOrderId, String orderId, Status status, BigDecimal quantity,
                         BigDecimal filledQuantity) {

    /** Where the order is in its life, by the venue's word. */
    public enum Status {
        /** Resting on the book, possibly partly filled. */
        OPEN,
        /** Completely filled: nothing rests. */
        FILLED,
        /** Cancelled or expired, possibly after partial fills: nothing rests. */
        CANCELLED,
        /** Refused by the venue: it never rested. */
        REJECTED;

        /** Whether the venue still holds the order on its book. */
        public boolean rests() {
            return this == OPEN;
        }
    }

    public OrderState {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(status, "status");
        quantity = Decimals.requireNonNegative(quantity, "quantity");
        filledQuantity = Decimals.requireNonNegative(filledQuantity, "filledQuantity");
    }

    /** What an open-orders listing says of a resting order. */
    public static OrderState resting(OpenOrder order) {
        return new OrderState(order.clientOrderId(), order.orderId(), Status.OPEN, order.quantity(),
                order.filledQuantity());
    }
}
