package io.mmkit.collector;

import io.mmkit.core.engine.RunResult.ShutdownStep;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a collector run ended and how long its shutdown took.
 *
 * @param stopReason "stop requested", "duration reached" or why it gave up
 * @param eventsReceived events accepted before the intake closed (all of them are stored when {@link #clean()})
 * @param eventsRefused events that arrived after the stop and were not taken
 * @param rawEventsStored raw rows written during the run and its save step
 * @param minuteRowsStored minute rows written, the unfinished one included
 * @param stopToShutdown from the stop request (signal) to the start of the shutdown sequence
 * @param stopToDone from the stop request to the end of the last step; for a duration stop, from its end
 * @param steps each shutdown step with its outcome and time
 * @param failure why the collector gave up (e.g. too many failed connects); null when it was stopped or ran its
 *     duration
 */
public record CollectorResult(String stopReason, long eventsReceived, long eventsRefused, long rawEventsStored,
                              long minuteRowsStored, Duration stopToShutdown, Duration stopToDone,
                              List<ShutdownStep> steps, String failure) {
    public CollectorResult {
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(stopToShutdown, "stopToShutdown");
        Objects.requireNonNull(stopToDone, "stopToDone");
        steps = List.copyOf(steps);
    }

    /** Every shutdown step done, and every event received stored. */
    public boolean clean() {
        return rawEventsStored == eventsReceived
                && steps.stream().allMatch(s -> s.outcome() == ShutdownStep.Outcome.DONE);
    }

    /** 0 after a clean stop, 1 otherwise (a shutdown that lost events, or a collector that gave up). */
    public int exitCode() {
        return clean() && failure == null ? 0 : 1;
    }
}
