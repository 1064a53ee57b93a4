package io.mmkit.sim;

import io.mmkit.core.exchange.TransportException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Injected failures for tests: make the next N calls of an operation fail as a transport error, or make
 * them hang (never answer, ignoring interrupts, like a socket read with no timeout) until released.
 * Thread-safe.
 */
public final class FaultPlan {

    /** The simulator's operations a fault can target. */
    public enum Operation {
        PLACE,
        CANCEL,
        OPEN_ORDERS,
        BOOK_TOP,
        FILLS
    }

    private final Map<Operation, Integer> failures = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> lostAnswers = new EnumMap<>(Operation.class);
    private final Map<Operation, Boolean> hangs = new EnumMap<>(Operation.class);
    private final CountDownLatch release = new CountDownLatch(1);

    /** The next {@code times} calls of {@code op} throw a {@link TransportException}. */
    public synchronized FaultPlan fail(Operation op, int times) {
        failures.put(op, times);
        return this;
    }

    /**
     * The next {@code times} calls of {@code op} take effect at the venue, but their answer is lost: the caller
     * gets a {@link TransportException} (a timeout after the venue acted).
     */
    public synchronized FaultPlan loseAnswers(Operation op, int times) {
        lostAnswers.put(op, times);
        return this;
    }

    /** Every call of {@code op} blocks until {@link #releaseHangs()}. */
    public synchronized FaultPlan hang(Operation op) {
        hangs.put(op, true);
        return this;
    }

    /** Lets hung calls return (with a transport error) and stops hanging new ones. */
    public void releaseHangs() {
        synchronized (this) {
            hangs.clear();
        }
        release.countDown();
    }

    /** After a call of {@code op} took effect: throws if its answer is to be lost. */
    synchronized void afterCall(String venue, Operation op) {
        int left = lostAnswers.getOrDefault(op, 0);
        if (left > 0) {
            lostAnswers.put(op, left - 1);
            throw new TransportException(venue, "injected lost answer of " + op + " (it took effect)");
        }
    }

    /** Applies the plan to one call of {@code op}: returns normally, throws, or hangs. */
    void check(String venue, Operation op) {
        boolean hang;
        synchronized (this) {
            hang = hangs.getOrDefault(op, false);
            int left = failures.getOrDefault(op, 0);
            if (!hang && left > 0) {
                failures.put(op, left - 1);
                throw new TransportException(venue, "injected failure of " + op);
            }
        }
        if (hang) {
            boolean interrupted = false;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted = true; // a hung socket read does not notice interrupts either
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new TransportException(venue, "injected hang of " + op + " released");
        }
    }
}
