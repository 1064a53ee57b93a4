package io.mmkit.core.model;

/** The venue's answer to a cancel. A cancel of an order that is already gone is not an error. */
public enum CancelResult {
    CANCELLED,
    /** The venue does not know the order any more: filled, cancelled earlier, or never placed. */
    NOT_FOUND
}
