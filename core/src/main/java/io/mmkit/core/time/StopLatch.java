package io.mmkit.core.time;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot stop signal. {@link #release()} is non-blocking, idempotent, thread-safe and does no I/O,
 * so it is safe from a signal handler or a JVM shutdown hook.
 */
public final class StopLatch {
    private final CountDownLatch latch = new CountDownLatch(1);
    private final List<Runnable> onRelease = new CopyOnWriteArrayList<>();

    /** Requests stop. Returns at once; every current and future {@link #await(Duration)} returns true. */
    public void release() {
        latch.countDown();
        for (Runnable r : onRelease) {
            r.run();
        }
    }

    public boolean isReleased() {
        return latch.getCount() == 0;
    }

    /**
     * Blocks the calling thread for up to {@code timeout}, returning early once released.
     *
     * @return true if released (stop requested), false if the timeout passed first
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code action} on every {@link #release()} (and at once if already released), on the releasing thread:
     * how a {@link Wakeup}'s waiting thread hears of stop. The action must be as safe as release itself:
     * non-blocking, idempotent, no I/O.
     */
    void whenReleased(Runnable action) {
        onRelease.add(action);
        if (isReleased()) {
            action.run();
        }
    }
}
