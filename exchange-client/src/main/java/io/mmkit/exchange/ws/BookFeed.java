package io.mmkit.exchange.ws;

import io.mmkit.exchange.VenueObserver;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One symbol's streamed market data: a {@link LocalOrderBook} fed by diffs and re-seeded from REST snapshots
 * after a gap or a reconnect, plus the venue's book ticker where it has one. Knows when its data was received,
 * so it never offers a quote older than the caller's staleness limit.
 *
 * <p>Diffs and tickers arrive on the socket thread and are only applied and enqueued; snapshots are fetched on
 * the scheduler, never on the socket thread. Thread-safe.
 */
public final class BookFeed {
    private static final Logger LOG = LoggerFactory.getLogger(BookFeed.class);
    private static final long RESYNC_RETRY_MILLIS = 1_000;

    private final String symbol;
    private final LocalOrderBook book;
    private final Supplier<OrderBook> snapshots;
    private final ScheduledExecutorService scheduler;
    private final TimeSource time;
    private final EventDispatcher dispatcher;
    private final AtomicBoolean resyncPending = new AtomicBoolean();
    private final AtomicInteger snapshotsTaken = new AtomicInteger();
    private volatile Instant bookReceivedAt = Instant.MIN;
    private volatile VenueObserver observer = VenueObserver.NONE;
    private volatile String venue = "";
    private volatile BookTop tickerTop;
    private volatile Instant tickerReceivedAt = Instant.MIN;

    /**
     * @param snapshots a blocking REST depth snapshot; called on the scheduler thread
     * @param dispatcher where fresh tops go; may be null when nobody listens
     */
    public BookFeed(String symbol, LocalOrderBook.Continuity continuity, Supplier<OrderBook> snapshots,
                    ScheduledExecutorService scheduler, TimeSource time, EventDispatcher dispatcher) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.book = new LocalOrderBook(symbol, continuity);
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.time = Objects.requireNonNull(time, "time");
        this.dispatcher = dispatcher;
    }

    /** Where resyncs are reported, as {@code venue}'s; set before the stream starts. */
    public void observe(String venue, VenueObserver observer) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** A diff from the stream. Socket thread; never blocks. */
    public void onDiff(DepthDiff diff) {
        LocalOrderBook.Result result = book.onDiff(diff);
        switch (result) {
            case APPLIED -> published();
            case BUFFERED -> requestResync();
            case GAP -> {
                LOG.warn("{}: depth sequence gap at update {} (book was at {}); resyncing", symbol, diff.firstId(),
                        book.lastUpdateId());
                book.invalidate();
                requestResync();
            }
            default -> { }
        }
    }

    /** A best bid/ask from the venue's ticker stream. Socket thread; never blocks. */
    public void onTicker(BookTop top) {
        tickerTop = top;
        tickerReceivedAt = time.now();
        if (dispatcher != null) {
            dispatcher.bookTop(top);
        }
    }

    /** The stream dropped: the book can no longer be trusted, and the next diffs wait for a new snapshot. */
    public void onDisconnected() {
        book.invalidate();
        tickerReceivedAt = Instant.MIN;
    }

    /** The freshest best bid/ask received within {@code staleAfter}, if any. */
    public Optional<BookTop> freshTop(Duration staleAfter) {
        Instant oldest = time.now().minus(staleAfter);
        BookTop ticker = tickerTop;
        Instant tickerAt = tickerReceivedAt;
        Optional<BookTop> fromBook = bookReceivedAt.isBefore(oldest) ? Optional.empty() : book.top();
        boolean tickerFresh = ticker != null && !tickerAt.isBefore(oldest);
        if (tickerFresh && (fromBook.isEmpty() || !tickerAt.isBefore(bookReceivedAt))) {
            return Optional.of(ticker);
        }
        return fromBook;
    }

    /** The streamed book, if it is live and was updated within {@code staleAfter}. */
    public Optional<OrderBook> freshBook(int depth, Duration staleAfter) {
        if (bookReceivedAt.isBefore(time.now().minus(staleAfter))) {
            return Optional.empty();
        }
        return book.view(depth);
    }

    public boolean isSynced() {
        return book.isSynced();
    }

    /** How many REST snapshots this feed has loaded. */
    public int snapshotsTaken() {
        return snapshotsTaken.get();
    }

    private void published() {
        bookReceivedAt = time.now();
        if (dispatcher != null) {
            book.top().ifPresent(dispatcher::bookTop);
        }
    }

    private void requestResync() {
        if (resyncPending.compareAndSet(false, true)) {
            observer.onBookResync(venue, symbol);
            schedule(0);
        }
    }

    private void schedule(long delayMillis) {
        try {
            scheduler.schedule(this::resync, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            resyncPending.set(false);
        }
    }

    private void resync() {
        OrderBook snapshot;
        try {
            snapshot = snapshots.get();
        } catch (ExchangeException e) {
            LOG.warn("{}: depth snapshot failed ({}); retrying", symbol, e.getMessage());
            schedule(RESYNC_RETRY_MILLIS);
            return;
        }
        snapshotsTaken.incrementAndGet();
        LocalOrderBook.Result result = book.onSnapshot(snapshot);
        if (result == LocalOrderBook.Result.GAP) {
            LOG.info("{}: snapshot {} does not join the buffered diffs; taking another", symbol, snapshot.sequence());
            book.invalidate();
            schedule(0);
            return;
        }
        resyncPending.set(false);
        published();
    }
}
