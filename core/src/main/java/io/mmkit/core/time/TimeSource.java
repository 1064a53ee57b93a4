package io.mmkit.core.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The only way core, strategy and backtest code reads the time or waits.
 *
 * <p>The live implementation ({@link SystemTimeSource}) reads the system clock and blocks on the stop
 * latch; the simulated one ({@link SimulatedTimeSource}) advances virtual time instead of blocking, so a
 * backtest day runs in seconds and two runs are identical.
 */
public interface TimeSource {

    Instant now();

    /**
     * Waits for the next iteration: up to {@code timeout}, returning at once when {@code stop} is released.
     *
     * @return true when stop was requested
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitStop(StopLatch stop, Duration timeout) throws InterruptedException;

    /**
     * Waits like {@link #awaitStop}, and also returns as soon as one of {@code causes} ({@link Wakeup#FILL},
     * {@link Wakeup#BOOK}) is pending on {@code wake}, at once if one already is. Pending causes are left for the
     * caller to {@link Wakeup#drain}. The default cannot hear {@code wake} and waits out the timeout: a time source
     * that only knows the interval keeps today's loop.
     *
     * @return true when stop was requested
     * @throws InterruptedException if the waiting thread is interrupted
     */
    default boolean awaitWake(StopLatch stop, Wakeup wake, int causes, Duration timeout)
            throws InterruptedException {
        return awaitStop(stop, timeout);
    }

    /**
     * Pauses for {@code duration} regardless of the stop latch. Only for the shutdown sequence's retry
     * back-off, where stop has already been requested and the latch can no longer wait.
     */
    void pause(Duration duration) throws InterruptedException;
}
