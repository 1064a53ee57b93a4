package io.mmkit.core.model;

/** How long a limit order may rest. Market orders ignore it. */
public enum TimeInForce {
    /** Rests until filled or cancelled. */
    GTC,
    /** Rests as a maker order or is rejected if it would cross. */
    POST_ONLY,
    /** Fills what it can at once; the rest is cancelled. */
    IOC
}
