package io.mmkit.backtest;

import java.util.Locale;

/** How the strategy reaches the simulated venue. Both use the same engine. */
public enum VenuePath {
    /** The strategy calls the engine directly: fastest, for sweeps. */
    IN_PROCESS,
    /** The real venue client calls the engine over HTTP, served by WireMock: the full stack. */
    HTTP;

    public static VenuePath named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "in-process", "inprocess", "in_process" -> IN_PROCESS;
            case "http", "wiremock" -> HTTP;
            default -> throw new IllegalArgumentException("venue path must be in-process or http, was " + name);
        };
    }

    public String label() {
        return this == IN_PROCESS ? "in-process" : "http";
    }
}
