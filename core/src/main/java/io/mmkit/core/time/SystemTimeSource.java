package io.mmkit.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

    @Override
    public void pause(Duration duration) throws InterruptedException {
        // A latch nobody releases: a bounded, interruptible wait without Thread.sleep.
        new CountDownLatch(1).await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
