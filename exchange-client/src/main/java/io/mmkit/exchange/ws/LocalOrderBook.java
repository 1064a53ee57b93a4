package io.mmkit.exchange.ws;

import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.OrderBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A local L2 book kept in step with a venue's diff-depth stream, following the venue's documented
 * synchronisation: buffer diffs, take a REST snapshot, drop diffs the snapshot already contains, require the
 * first applied diff to straddle the snapshot, then require every diff to continue the previous one. Any break
 * is a {@link Result#GAP}: the caller drops the book and takes a new snapshot.
 *
 * <p>Thread-safe (every method is synchronized): diffs arrive on a socket thread, snapshots on a resync thread.
 */
public final class LocalOrderBook {

    /** How consecutive diffs chain. */
    public enum Continuity {
        /** Each diff's first id is the previous diff's last id + 1 (Binance spot, Backpack). */
        NEXT_ID,
        /** Each diff names the previous diff's last id ({@code pu}, Binance USDⓈ-M futures). */
        PREVIOUS_ID
    }

    public enum Result {
        /** No snapshot yet: the diff was kept for later. */
        BUFFERED,
        APPLIED,
        /** Older than the book: ignored. */
        STALE,
        /** Continuity broke: the book is invalid until the next snapshot. */
        GAP
    }

    private static final int MAX_BUFFERED = 10_000;

    private final String symbol;
    private final Continuity continuity;
    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private final Deque<DepthDiff> buffer = new ArrayDeque<>();
    private boolean synced;
    private boolean firstAfterSnapshot;
    private long lastId;
    private Instant time = Instant.EPOCH;

    public LocalOrderBook(String symbol, Continuity continuity) {
        this.symbol = symbol;
        this.continuity = continuity;
    }

    /** Applies a diff, or buffers it while no snapshot is loaded. */
    public synchronized Result onDiff(DepthDiff diff) {
        if (!synced) {
            if (buffer.size() >= MAX_BUFFERED) {
                buffer.removeFirst();
            }
            buffer.addLast(diff);
            return Result.BUFFERED;
        }
        return apply(diff);
    }

    /**
     * Loads a snapshot and replays the buffered diffs over it.
     *
     * @return {@link Result#APPLIED} when the book is live, {@link Result#GAP} when the buffered diffs do not
     *     join the snapshot (take another one)
     */
    public synchronized Result onSnapshot(OrderBook snapshot) {
        bids.clear();
        asks.clear();
        for (BookLevel level : snapshot.bids()) {
            bids.put(level.price(), level.quantity());
        }
        for (BookLevel level : snapshot.asks()) {
            asks.put(level.price(), level.quantity());
        }
        lastId = snapshot.sequence();
        time = snapshot.time();
        synced = true;
        firstAfterSnapshot = true;
        List<DepthDiff> pending = new ArrayList<>(buffer);
        buffer.clear();
        for (DepthDiff diff : pending) {
            if (apply(diff) == Result.GAP) {
                return Result.GAP;
            }
        }
        return Result.APPLIED;
    }

    /** Forgets the book (after a reconnect or a gap); diffs are buffered until the next snapshot. */
    public synchronized void invalidate() {
        synced = false;
        buffer.clear();
        bids.clear();
        asks.clear();
    }

    public synchronized boolean isSynced() {
        return synced;
    }

    public synchronized long lastUpdateId() {
        return lastId;
    }

    /** The best bid and ask, when the book is live and has both sides. */
    public synchronized Optional<BookTop> top() {
        if (!synced || bids.isEmpty() || asks.isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<BigDecimal, BigDecimal> bid = bids.firstEntry();
        Map.Entry<BigDecimal, BigDecimal> ask = asks.firstEntry();
        if (bid.getKey().compareTo(ask.getKey()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new BookTop(symbol, bid.getKey(), bid.getValue(), ask.getKey(), ask.getValue(), time));
    }

    /** A snapshot of at most {@code depth} levels a side, when the book is live. */
    public synchronized Optional<OrderBook> view(int depth) {
        if (!synced) {
            return Optional.empty();
        }
        return Optional.of(new OrderBook(symbol, levels(bids, depth), levels(asks, depth), lastId, time));
    }

    private Result apply(DepthDiff diff) {
        if (diff.lastId() <= lastId) {
            return Result.STALE;
        }
        if (!joins(diff)) {
            synced = false;
            return Result.GAP;
        }
        firstAfterSnapshot = false;
        for (DepthDiff.Level level : diff.bids()) {
            put(bids, level);
        }
        for (DepthDiff.Level level : diff.asks()) {
            put(asks, level);
        }
        lastId = diff.lastId();
        time = diff.time();
        return Result.APPLIED;
    }

    private boolean joins(DepthDiff diff) {
        if (firstAfterSnapshot) {
            // The first diff must contain the update right after the snapshot (its last id is already known
            // to be newer than the snapshot); this reads the same for both continuity rules.
            return diff.firstId() <= lastId + 1;
        }
        return continuity == Continuity.NEXT_ID
                ? diff.firstId() == lastId + 1
                : diff.previousLastId() == lastId;
    }

    private static void put(NavigableMap<BigDecimal, BigDecimal> side, DepthDiff.Level level) {
        if (level.quantity().signum() == 0) {
            side.remove(level.price());
        } else {
            side.put(level.price(), level.quantity());
        }
    }

    private static List<BookLevel> levels(NavigableMap<BigDecimal, BigDecimal> side, int depth) {
        List<BookLevel> out = new ArrayList<>(Math.min(depth, side.size()));
        for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
            if (out.size() >= depth) {
                break;
            }
            out.add(new BookLevel(e.getKey(), e.getValue()));
        }
        return out;
    }
}
