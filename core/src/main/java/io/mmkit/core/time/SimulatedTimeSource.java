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
 */
public final class SimulatedTimeSource implements TimeSource {

    /** Told when virtual time moves forward. Called on the advancing thread. */
    @FunctionalInterface
    public interface Listener {
        void onTimeAdvanced(Instant now);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant now;

    public SimulatedTimeSource(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
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

    @Override
    public void pause(Duration duration) {
        advance(duration);
    }
}
