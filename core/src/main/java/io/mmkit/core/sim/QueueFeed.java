package io.mmkit.core.sim;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A feed events are pushed into while a test or a live adapter runs, in time order. Thread-safe.
 */
public final class QueueFeed implements MarketFeed {
    private final Deque<MarketEvent> events = new ArrayDeque<>();

    /** Adds an event; it must not be older than the last one pushed. */
    public synchronized void push(MarketEvent event) {
        MarketEvent last = events.peekLast();
        if (last != null && event.time().isBefore(last.time())) {
            throw new IllegalArgumentException("events must be pushed in time order");
        }
        events.addLast(event);
    }

    @Override
    public synchronized MarketEvent poll(Instant until) {
        MarketEvent head = events.peekFirst();
        if (head == null || head.time().isAfter(until)) {
            return null;
        }
        return events.pollFirst();
    }
}
