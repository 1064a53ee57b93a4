package io.mmkit.exchange.http;

import io.mmkit.core.time.TimeSource;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The venue's idea of now: the injected time source plus an offset learnt from the venue's server time.
 * Thread-safe.
 */
public final class ServerClock {
    private final TimeSource time;
    private final AtomicLong offsetMillis = new AtomicLong();

    public ServerClock(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    public TimeSource timeSource() {
        return time;
    }

    /** Milliseconds since the epoch on the venue's clock, as well as we know it. */
    public long nowMillis() {
        return time.now().toEpochMilli() + offsetMillis.get();
    }

    /**
     * Learns the offset from one server-time round trip: the server's stamp is taken to be from the middle of
     * the round trip.
     */
    public void sync(long serverMillis, Instant sentAt, Instant receivedAt) {
        long middle = sentAt.toEpochMilli() + (receivedAt.toEpochMilli() - sentAt.toEpochMilli()) / 2;
        offsetMillis.set(serverMillis - middle);
    }

    public long offsetMillis() {
        return offsetMillis.get();
    }
}
