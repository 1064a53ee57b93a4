package io.mmkit.core.store;

/** The lifecycle of one of our orders as the store records it. */
public enum OrderStatus {
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELLED,
    REJECTED,
    /** The placement's outcome is unknown (the request timed out); reconciliation settles it. */
    UNKNOWN;

    public boolean isOpen() {
        return this == NEW || this == PARTIALLY_FILLED || this == UNKNOWN;
    }
}
