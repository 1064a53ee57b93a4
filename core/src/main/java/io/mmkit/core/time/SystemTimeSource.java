package io.mmkit.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Live time: the system clock, and waits that block on the stop latch. */
public final class SystemTimeSource implements TimeSource {
    private final Clock clock;

    public SystemTimeSource() {
        this(Clock.systemUTC());
    }

    public SystemTimeSource(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public boolean awaitStop(StopLatch stop, Duration timeout) throws InterruptedException {
        return stop.await(timeout);
    }

    /** Parks the calling thread until stop, a pending cause, or the timeout; {@link Wakeup#signal} unparks it. */
    @Override
    public boolean awaitWake(StopLatch stop, Wakeup wake, int causes, Duration timeout) throws InterruptedException {
        if (causes == 0) {
            return awaitStop(stop, timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        wake.parkingThread(Thread.currentThread());
        try {
            while (!stop.isReleased() && !wake.isPending(causes)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                LockSupport.parkNanos(wake, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the next iteration");
                }
            }
        } finally {
            wake.parkingThread(null);
        }
        return stop.isReleased();
    }

    @Override
    public void pause(Duration duration) throws InterruptedException {
        // A latch nobody releases: a bounded, interruptible wait without Thread.sleep.
        new CountDownLatch(1).await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
