package io.mmkit.collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off from the threads that receive (the socket reader, the snapshot scheduler) to the one aggregator
 * thread. Unbounded on purpose: an event that was received is never dropped for lack of room, only refused
 * after {@link #close()}.
 *
 * <p>{@link #offer} and {@link #close} share a lock, so once {@code close()} returns no event can be added: what
 * was accepted is exactly what the save step must store. {@code close()} also queues an end marker behind the
 * accepted events, which wakes a waiting aggregator at once. Thread-safe.
 */
final class EventIntake {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private long accepted;
    private long refused;

    /** Queues {@code event}; false (and counted) once closed. Never blocks for long, does no I/O. */
    synchronized boolean offer(CollectedEvent event) {
        if (closed) {
            refused++;
            return false;
        }
        queue.add(event);
        accepted++;
        return true;
    }

    /** Counts a frame dropped unread because the intake was closed. Never blocks for long. */
    synchronized void refuse() {
        refused++;
    }

    /** Stops taking events and wakes the consumer. Idempotent; never blocks for long, does no I/O. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            queue.add(END);
        }
    }

    /** Whether {@link #close()} was called; a cheap check for a producer that can skip its parsing. Any thread. */
    boolean isClosed() {
        return closed;
    }

    /** Events waiting for the consumer (the end marker included once closed). Any thread. */
    int backlog() {
        return queue.size();
    }

    synchronized long accepted() {
        return accepted;
    }

    /** Events refused because they arrived after {@link #close()}. */
    synchronized long refused() {
        return refused;
    }

    /**
     * The next event, waiting up to {@code timeout}. Consumer thread only.
     *
     * @return the event, {@link Polled#timedOut()} or {@link Polled#ended()} (closed and nothing left before the
     *     end marker; the marker is left in place so every later poll ends too)
     */
    Polled poll(Duration timeout) throws InterruptedException {
        Object next = queue.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        if (next == null) {
            return Polled.TIMED_OUT;
        }
        if (next == END) {
            queue.add(END); // nothing can follow it: close() has locked out offers
            return Polled.END;
        }
        return new Polled((CollectedEvent) next);
    }

    /**
     * Everything accepted and not yet taken, in order, without waiting. After {@link #close()} this is exactly the
     * rest of the accepted events. Consumer thread only.
     */
    List<CollectedEvent> drain() {
        List<Object> raw = new ArrayList<>();
        queue.drainTo(raw);
        List<CollectedEvent> out = new ArrayList<>(raw.size());
        for (Object o : raw) {
            if (o == END) {
                queue.add(END);
            } else {
                out.add((CollectedEvent) o);
            }
        }
        return out;
    }

    /** What one poll found: an event, nothing within the timeout, or the end of the stream. */
    record Polled(CollectedEvent event, boolean ended) {
        static final Polled TIMED_OUT = new Polled(null, false);
        static final Polled END = new Polled(null, true);

        Polled(CollectedEvent event) {
            this(event, false);
        }

        boolean timedOut() {
            return event == null && !ended;
        }
    }
}
