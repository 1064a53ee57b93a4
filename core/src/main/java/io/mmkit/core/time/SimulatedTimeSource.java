package io.mmkit.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Virtual time for tests and backtests. Waiting advances the clock instead of blocking; listeners (the
 * simulated exchange, a data replay) are told of every advance so they can process the market up to the
 * new time before the waiting strategy resumes. Single-threaded by design: the thread that waits is the
 * thread that drives the simulation.
 *
 * <p>An event-driven wait ({@link #awaitWake}) steps the clock from one scheduled moment to the next (the
 * {@link Schedule}s registered by the simulated venues: their next market event, order arrival or fill report)
 * and returns at the first moment a wake-up cause is pending, so a strategy wakes at the virtual instant of the
 * event that woke it, the same in every run.
 */
public final class SimulatedTimeSource implements TimeSource {

    /** Told when virtual time moves forward. Called on the advancing thread. */
    @FunctionalInterface
    public interface Listener {
        void onTimeAdvanced(Instant now);
    }

    /** When something will next happen in a simulated venue: where an event-driven wait steps to. */
    @FunctionalInterface
    public interface Schedule {
        /** The next moment this source will change anything, or {@code null} when nothing more is scheduled. */
        Instant nextEvent();
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Schedule> schedules = new CopyOnWriteArrayList<>();
    private volatile Instant now;

    public SimulatedTimeSource(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Registers a venue's schedule, so that {@link #awaitWake} can stop at its next event. */
    public void addSchedule(Schedule schedule) {
        schedules.add(schedule);
    }

    @Override
    public Instant now() {
        return now;
    }

    /** Moves time forward by {@code duration} and tells the listeners. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: " + duration);
        }
        advanceTo(now.plus(duration));
    }

    /** Moves time forward to {@code target} (no-op if it is not later) and tells the listeners. */
    public void advanceTo(Instant target) {
        if (!target.isAfter(now)) {
            return;
        }
        now = target;
        for (Listener listener : listeners) {
            listener.onTimeAdvanced(target);
        }
    }

    @Override
    public boolean awaitStop(StopLatch stop, Duration timeout) {
        if (stop.isReleased()) {
            return true;
        }
        advance(timeout);
        return stop.isReleased();
    }

    /**
     * Steps virtual time to each next scheduled moment (telling the listeners, which replay the market there)
     * until a cause is pending, stop is requested or {@code timeout} has passed; it never passes the timeout.
     * With no schedule registered it advances the whole timeout, as {@link #awaitStop} does.
     */
    @Override
    public boolean awaitWake(StopLatch stop, Wakeup wake, int causes, Duration timeout) {
        if (causes == 0 || schedules.isEmpty()) {
            return awaitStop(stop, timeout);
        }
        Instant deadline = now.plus(timeout);
        while (!stop.isReleased() && !wake.isPending(causes)) {
            Instant next = nextScheduled();
            if (next == null || !next.isBefore(deadline)) {
                advanceTo(deadline);
                break;
            }
            // Something already due at now is replayed by the next advance: step past now by the least amount.
            advanceTo(next.isAfter(now) ? next : now.plusNanos(1));
        }
        return stop.isReleased();
    }

    private Instant nextScheduled() {
        Instant earliest = null;
        for (Schedule s : schedules) {
            Instant t = s.nextEvent();
            if (t != null && (earliest == null || t.isBefore(earliest))) {
                earliest = t;
            }
        }
        return earliest;
    }

    @Override
    public void pause(Duration duration) {
        advance(duration);
    }
}
