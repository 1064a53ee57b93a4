package io.mmkit.backtest;

import java.util.Locale;

/**
 * How the strategy learns of its fills in a backtest. The HTTP path has no streams (WireMock serves no
 * WebSocket), so it always polls; an in-process run that must match an HTTP run fill for fill polls too.
 */
public enum FillDelivery {
    /**
     * The venue pushes each fill to the strategy's listener when the fill stream reports it (after the
     * configured response latency); the strategy books it at its next iteration. The in-process default.
     */
    PUSHED,
    /**
     * The venue reports its fill stream down; the strategy asks for its fills ({@code fillsSince}) at every
     * iteration, on its own thread, exactly as a live run does during a stream outage or in REST-only mode.
     */
    POLLED;

    /** {@code stream} (or {@code pushed}) and {@code poll} (or {@code polled}). */
    public static FillDelivery named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "stream", "pushed", "push" -> PUSHED;
            case "poll", "polled", "rest" -> POLLED;
            default -> throw new IllegalArgumentException("fill delivery must be stream or poll, was " + name);
        };
    }

    /** The name reports and the CLI use: {@code stream} or {@code poll}. */
    public String label() {
        return this == PUSHED ? "stream" : "poll";
    }
}
