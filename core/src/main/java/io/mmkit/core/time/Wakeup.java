package io.mmkit.core.time;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What ends a strategy's wait before its interval is up: venue threads {@link #signal} a cause (a fill, a book
 * move) and the strategy thread, waiting through {@link TimeSource#awaitWake}, returns once a cause it listens for
 * is pending. Causes are bits ({@link #FILL}, {@link #BOOK}) so one wait can listen for some and not others.
 *
 * <p>{@link #signal} is non-blocking, allocation-free and does no I/O: safe from a venue's reader thread and from
 * inside the simulated exchange's lock. {@link #drain} is for the strategy thread alone.
 */
public final class Wakeup {
    /** A fill of ours arrived. */
    public static final int FILL = 1;
    /** A book the strategy reads moved past its threshold. */
    public static final int BOOK = 2;
    /** Every cause. */
    public static final int ANY = FILL | BOOK;

    private final AtomicInteger pending = new AtomicInteger();
    /** The thread parked in {@link SystemTimeSource#awaitWake}, if any: what {@link #signal} unparks. */
    private volatile Thread waiter;

    /**
     * Ties this wake-up to {@code stop}: releasing the latch unparks a waiting thread at once. Call once, before
     * waiting.
     */
    public Wakeup(StopLatch stop) {
        stop.whenReleased(this::unpark);
    }

    /** Marks {@code causes} pending and unparks the waiting thread. Any thread; never blocks. */
    public void signal(int causes) {
        int before = pending.getAndAccumulate(causes, (a, b) -> a | b);
        if ((before | causes) != before) {
            unpark();
        }
    }

    /** Whether any of {@code causes} is pending. */
    public boolean isPending(int causes) {
        return (pending.get() & causes) != 0;
    }

    /** Clears every pending cause and returns them. Strategy thread: at the start of an iteration. */
    public int drain() {
        return pending.getAndSet(0);
    }

    void parkingThread(Thread thread) {
        this.waiter = thread;
    }

    private void unpark() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
