package io.mmkit.core.model;

import java.util.Objects;

/**
 * The venue's answer to a placement. Rejections are values, not exceptions: a post-only order
 * that would cross is an ordinary outcome a strategy reacts to.
 */
public sealed interface PlaceResult {

    /** The order was accepted; it may already be (partly) filled. */
    record Accepted(OpenOrder order) implements PlaceResult {
        public Accepted {
            Objects.requireNonNull(order, "order");
        }
    }

    /** The venue refused the order. {@code detail} carries the venue's own words, for the log. */
    record Rejected(String clientOrderId, RejectReason reason, String detail) implements PlaceResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }
    }

    static PlaceResult accepted(OpenOrder order) {
        return new Accepted(order);
    }

    static PlaceResult rejected(String clientOrderId, RejectReason reason, String detail) {
        return new Rejected(clientOrderId, reason, detail);
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }
}
