package io.mmkit.sim.feed;

import java.util.List;

/** Replays events held in memory: for scripted tests and for benchmarks that must not time file parsing. */
public final class ListReplaySource implements ReplaySource {
    private final List<ReplayEvent> events;
    private int next;

    /** {@code events} must be in time order; the list is not copied (benchmarks replay large ones). */
    public ListReplaySource(List<ReplayEvent> events) {
        this.events = events;
    }

    @Override
    public ReplayEvent next() {
        return next < events.size() ? events.get(next++) : null;
    }

    @Override
    public double progress() {
        return events.isEmpty() ? 1.0 : (double) next / events.size();
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
