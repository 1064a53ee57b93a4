package io.mmkit.core.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link MarketMaker#run()} ended.
 *
 * @param clean true when the run had no fatal error and the venue confirmed none of our orders remain
 * @param stopReason why the loop ended: "stop requested", "duration reached", or the failure
 * @param ordersMaybeRemaining client ids the shutdown could not confirm cancelled
 * @param shutdownTook wall time of the shutdown sequence
 */
public record RunResult(
        boolean clean,
        String stopReason,
        List<String> ordersMaybeRemaining,
        List<ShutdownStep> steps,
        Duration shutdownTook) {

    public RunResult {
        Objects.requireNonNull(stopReason, "stopReason");
        ordersMaybeRemaining = List.copyOf(ordersMaybeRemaining);
        steps = List.copyOf(steps);
    }

    /** The process exit status: 0 after a clean stop, 1 otherwise. */
    public int exitCode() {
        return clean ? 0 : 1;
    }

    /** One step of the shutdown sequence and how it ended. */
    public record ShutdownStep(String name, Outcome outcome, Duration took, String detail) {
        public enum Outcome {
            DONE,
            TIMED_OUT,
            FAILED
        }
    }
}
