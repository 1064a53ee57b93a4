package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.Durations;
import java.time.Duration;

/**
 * When the supervisor starts a bot again: never ({@code no}), or after a run that did not end clean
 * ({@code on-failure}), at most {@code maxRestarts} times in a row, waiting {@code backoff} before the first
 * restart and twice as long before each next one (at most {@link #MAX_BACKOFF}). A run that stayed up
 * {@link #STABLE_AFTER} resets the count: a bot that crashes once a week is not given up on in a month.
 * A bot that dies before its first run ever reported running is never restarted: that is a start-up
 * problem (keys, venue, market) that a restart would only repeat.
 */
record RestartPolicy(boolean onFailure, int maxRestarts, Duration backoff) {
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    static final Duration STABLE_AFTER = Duration.ofMinutes(10);
    static final RestartPolicy NEVER = new RestartPolicy(false, 0, Duration.ofSeconds(2));

    RestartPolicy {
        if (maxRestarts < 0) {
            throw new ConfigException("--max-restarts", "must not be negative, was " + maxRestarts);
        }
        if (backoff == null || backoff.isNegative() || backoff.isZero()) {
            throw new ConfigException("--restart-backoff", "must be positive");
        }
    }

    /** From the command-line flags; one clear {@link ConfigException} for a bad value. */
    static RestartPolicy parse(String mode, int maxRestarts, String backoff) {
        boolean onFailure = switch (mode) {
            case "no" -> false;
            case "on-failure" -> true;
            default -> throw new ConfigException("--restart", "use no or on-failure, was \"" + mode + "\"");
        };
        Duration d;
        try {
            d = Durations.parse(backoff);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--restart-backoff", e.getMessage());
        }
        return new RestartPolicy(onFailure, maxRestarts, d);
    }

    /** Whether restart number {@code restartsInARow + 1} is allowed. */
    boolean allowsAnother(int restartsInARow) {
        return onFailure && restartsInARow < maxRestarts;
    }

    /** How long to wait before restart number {@code restartsInARow + 1}: doubling, capped. */
    Duration delayBefore(int restartsInARow) {
        Duration d = backoff;
        for (int i = 0; i < restartsInARow && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    String describe() {
        return onFailure ? "on-failure (at most " + maxRestarts + " in a row, backoff " + backoff.toMillis() + " ms)"
                : "no";
    }
}
