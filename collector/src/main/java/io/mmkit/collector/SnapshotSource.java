package io.mmkit.collector;

import io.mmkit.collector.CollectedEvent.SnapshotTaken;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.time.TimeSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST depth snapshots, each recorded as a raw event: the ones the {@link io.mmkit.exchange.ws.BookFeed} asks for
 * to (re)sync its book, and the periodic ones. Runs on the session's scheduler thread; blocks on REST for at
 * most the configured call timeout. Thread-safe.
 */
final class SnapshotSource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSource.class);

    private final String symbol;
    private final DepthRest rest;
    private final EventIntake intake;
    private final TimeSource time;
    private final AtomicLong taken = new AtomicLong();

    SnapshotSource(String symbol, DepthRest rest, EventIntake intake, TimeSource time) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.time = Objects.requireNonNull(time, "time");
    }

    /**
     * Takes one snapshot, queues it for storage and returns it. Blocks on REST.
     *
     * @throws ExchangeException when the call fails
     */
    OrderBook take() {
        DepthRest.Snapshot s = rest.fetch(time);
        intake.offer(new SnapshotTaken(s.received(), s.book(), s.payload()));
        taken.incrementAndGet();
        return s.book();
    }

    /** The periodic snapshot: like {@link #take()}, but a failure is logged, not thrown (the next one retries). */
    void takePeriodic() {
        try {
            take();
        } catch (ExchangeException e) {
            LOG.warn("{}: periodic depth snapshot failed: {}", symbol, e.getMessage());
        }
    }

    long taken() {
        return taken.get();
    }
}
