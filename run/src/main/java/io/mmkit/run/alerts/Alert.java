package io.mmkit.run.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something the owner of a bot must hear of now, not when they next read the log.
 *
 * @param kind what happened
 * @param instanceId which bot
 * @param at when
 * @param message one line, already free of secrets
 * @param orderIds client ids of orders that may still rest at the venue (empty when none or not applicable)
 */
public record Alert(Kind kind, String instanceId, Instant at, String message, List<String> orderIds) {
    /** The events that raise an alert. */
    public enum Kind {
        /** The risk kill switch fired: the bot cancels everything and stops (or pauses). */
        KILL_SWITCH("kill switch"),
        /** Iterations failed several times in a row (the venue is unreachable or answers garbage). */
        FAILED_ITERATIONS("iterations failing"),
        /** The bot stopped, but the venue did not confirm every order of ours cancelled. */
        UNCLEAN_SHUTDOWN("orders may remain"),
        /** The bot ended on an unexpected error, or its process died while running. */
        CRASH("crash"),
        /** The bot's process died before it ever reported running. */
        EARLY_DEATH("died during start-up");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        /** The name used in a webhook's JSON: {@code kill_switch}, {@code crash}, ... */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
        orderIds = List.copyOf(orderIds);
    }

    /** The alert as a human reads it: one line, plus the order ids when there are any. */
    public String text() {
        String head = "mmkit " + instanceId + ": " + kind.title() + " - " + message;
        return orderIds.isEmpty() ? head : head + "\norders that may remain: " + String.join(", ", orderIds);
    }
}
