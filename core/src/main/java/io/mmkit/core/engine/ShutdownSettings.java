package io.mmkit.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Deadlines of the shutdown sequence (DESIGN.md §5). Each step gets its own deadline, capped by what is
 * left of the whole.
 *
 * @param cancelTimeout cancel every own order and verify none remain
 * @param saveTimeout save pending fills and statistics
 * @param closeTimeout close market data / WebSocket, then the DB pool, then the executor (each)
 * @param totalTimeout the whole sequence
 * @param cancelRetryPause the pause between "cancel" and "check nothing remains" rounds
 */
public record ShutdownSettings(
        Duration cancelTimeout,
        Duration saveTimeout,
        Duration closeTimeout,
        Duration totalTimeout,
        Duration cancelRetryPause) {

    public static final ShutdownSettings DEFAULTS = new ShutdownSettings(Duration.ofSeconds(10),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMillis(200));

    public ShutdownSettings {
        requirePositive(cancelTimeout, "cancel_timeout");
        requirePositive(saveTimeout, "save_timeout");
        requirePositive(closeTimeout, "close_timeout");
        requirePositive(totalTimeout, "total_timeout");
        requirePositive(cancelRetryPause, "cancel_retry_pause");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("shutdown." + name + " must be positive, was " + d);
        }
    }
}
