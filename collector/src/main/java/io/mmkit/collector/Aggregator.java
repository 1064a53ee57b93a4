package io.mmkit.collector;

import io.mmkit.collector.CollectedEvent.TradeReceived;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.store.StoreException;
import io.mmkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the open minute and the raw events not yet written. {@link #run()} is the aggregator thread's body: it
 * takes events from the intake, adds trades to the minute (a trade of a later minute closes the open one; so
 * does the clock, {@code minuteGrace} after the minute's end), and writes raw events in batches, every
 * {@code flushInterval} or {@code flushBatch} events, and before each minute row.
 *
 * <p>Threads: {@link #run()} on the aggregator thread only; {@link #cancel()} from any thread (it makes
 * {@code run()} return after the event in hand, leaving the rest queued); {@link #finish()} on the shutdown's
 * save step, only after the aggregator thread has ended (its join hands the state over). A failed write is
 * logged and its events kept for the next write; {@code finish()} reports what could not be stored.
 */
final class Aggregator {
    private static final Logger LOG = LoggerFactory.getLogger(Aggregator.class);
    private static final int BACKLOG_WARNING = 10_000;

    /** What the save step stored. */
    record Saved(int rawEvents, MinuteBar unfinished) {
    }

    private final CollectorSettings settings;
    private final EventIntake intake;
    private final CollectorStore store;
    private final Supplier<Optional<OrderBook>> book;
    private final TimeSource time;
    private final List<CollectedEvent> pending = new ArrayList<>();
    private volatile boolean cancelled;
    private MinuteAccumulator minute;
    private Instant flushDue;
    private volatile long rawWritten; // read by progress lines; written by the aggregator thread only
    private volatile long minutesWritten; // read by progress lines; written by the aggregator thread only

    /** @param book the live book for the minute's spread and depth, when it is synced; called on this thread */
    Aggregator(CollectorSettings settings, EventIntake intake, CollectorStore store,
               Supplier<Optional<OrderBook>> book, TimeSource time) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.store = Objects.requireNonNull(store, "store");
        this.book = Objects.requireNonNull(book, "book");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** The aggregator thread's body. Returns when cancelled, when the intake ends, or when interrupted. */
    void run() {
        minute = new MinuteAccumulator(settings.symbol(), time.now());
        try {
            while (!cancelled) {
                EventIntake.Polled next = intake.poll(untilNextDeadline());
                if (next.ended()) {
                    break;
                }
                if (next.event() != null) {
                    accept(next.event());
                }
                onClock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{}: trade aggregator cancelled", settings.symbol());
    }

    /** Makes {@link #run()} return after the event in hand. Any thread; non-blocking, idempotent. */
    void cancel() {
        cancelled = true;
    }

    /**
     * Takes every event still queued (the intake must be closed, so this is all that was received), writes every
     * raw event not yet written, then the unfinished minute ({@code complete = 0}) if it has trades. Blocks on
     * disk I/O; the save step's thread, after the aggregator thread has ended.
     *
     * @throws StoreException if something could not be written (the message says what)
     */
    Saved finish() {
        if (minute == null) {
            minute = new MinuteAccumulator(settings.symbol(), time.now());
        }
        for (CollectedEvent e : intake.drain()) {
            accept(e);
        }
        int raw = pending.size();
        flushRaw();
        if (!pending.isEmpty()) {
            throw new StoreException(pending.size() + " raw events could not be stored");
        }
        if (minute.tradeCount() == 0) {
            LOG.info("{}: stored {} raw events; the unfinished minute {} has no trades", settings.symbol(), raw,
                    minute.minute());
            return new Saved(raw, null);
        }
        LOG.info("{}: storing unfinished minute {}: {} trades, {} volume", settings.symbol(), minute.minute(),
                minute.tradeCount(), minute.volume().toPlainString());
        MinuteBar bar = minute.toBar(bookStats(), false);
        store.writeMinute(bar);
        minutesWritten++;
        return new Saved(raw, bar);
    }

    long rawWritten() {
        return rawWritten;
    }

    long minutesWritten() {
        return minutesWritten;
    }

    private void accept(CollectedEvent event) {
        pending.add(event);
        if (flushDue == null) {
            flushDue = time.now().plus(settings.flushInterval());
        }
        if (event instanceof TradeReceived t) {
            Instant at = MinuteAccumulator.minuteOf(t.trade().time());
            if (at.isAfter(minute.minute())) {
                roll(at);
            } else if (at.isBefore(minute.minute())) {
                LOG.debug("{}: late trade {} of minute {} counted in {}", settings.symbol(), t.tradeId(), at,
                        minute.minute());
            }
            minute.add(t.trade());
        }
        if (pending.size() >= settings.flushBatch()) {
            flushRaw();
        }
    }

    private void onClock() {
        Instant now = time.now();
        if (!now.isBefore(minute.end().plus(settings.minuteGrace()))) {
            roll(MinuteAccumulator.minuteOf(now));
        }
        if (flushDue != null && !now.isBefore(flushDue)) {
            flushRaw();
        }
    }

    /** Closes the open minute (raw events first, so a minute row never precedes its trades) and opens {@code next}. */
    private void roll(Instant next) {
        flushRaw();
        MinuteBar bar = minute.toBar(bookStats(), true);
        try {
            store.writeMinute(bar);
            minutesWritten++;
            LOG.debug("{}: minute {} stored: {} trades", settings.symbol(), bar.minute(), bar.tradeCount());
        } catch (StoreException e) {
            LOG.error("{}: minute {} lost: {}", settings.symbol(), bar.minute(), e.getMessage());
        }
        minute = new MinuteAccumulator(settings.symbol(), next);
        int backlog = intake.backlog();
        if (backlog > BACKLOG_WARNING) {
            // Everything queued must be written by the save step at a stop: a backlog lengthens it.
            LOG.warn("{}: falling behind the stream: {} events waiting to be stored", settings.symbol(), backlog);
        }
    }

    private void flushRaw() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            store.writeRaw(pending);
            rawWritten += pending.size();
            pending.clear();
            flushDue = null;
        } catch (StoreException e) {
            // Kept for the next write: a busy or full disk may recover, and the save step reports what it could not.
            LOG.error("{}: {} raw events not stored yet: {}", settings.symbol(), pending.size(), e.getMessage());
            flushDue = time.now().plus(settings.flushInterval());
        }
    }

    private BookStats bookStats() {
        return book.get().flatMap(b -> BookStats.of(b, settings.depthBandBps())).orElse(null);
    }

    private Duration untilNextDeadline() {
        Instant now = time.now();
        Instant next = minute.end().plus(settings.minuteGrace());
        if (flushDue != null && flushDue.isBefore(next)) {
            next = flushDue;
        }
        Duration wait = Duration.between(now, next);
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
