package io.mmkit.sim.feed;

import io.mmkit.core.model.Side;
import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.FundingSettled;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TopChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A run of decoded market events as parallel primitive columns: epoch nanoseconds, kind, side and prices and
 * quantities as longs scaled by {@code 10^}{@link #SCALE}. What a fast decoder hands the matching loop instead of
 * one {@link ReplayEvent} record (with its {@code BigDecimal}s and {@code Instant}) per book level.
 *
 * <p>Mutable and not thread-safe: one thread fills it, then hands it over (a queue is the fence). A funding row
 * carries its rate in the price column (it may be negative).
 */
public final class EventBlock {
    /** Decimal places of {@link #price} and {@link #quantity}: the 8 that Binance publishes. */
    public static final int SCALE = 8;
    public static final byte LEVEL = 1;
    public static final byte TOP = 2;
    public static final byte TRADE = 3;
    public static final byte CLEAR = 4;
    public static final byte FUNDING = 5;

    private final long[] times;
    private final byte[] kinds;
    private final boolean[] buys;
    private final long[] prices;
    private final long[] quantities;
    private int size;

    public EventBlock(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        times = new long[capacity];
        kinds = new byte[capacity];
        buys = new boolean[capacity];
        prices = new long[capacity];
        quantities = new long[capacity];
    }

    /**
     * Appends one event. {@code buy} is the book side for levels and tops and the aggressor for trades.
     *
     * @throws IllegalStateException if the block is full
     */
    public void add(long epochNanos, byte kind, boolean buy, long price, long quantity) {
        if (size == times.length) {
            throw new IllegalStateException("event block full at " + size);
        }
        times[size] = epochNanos;
        kinds[size] = kind;
        buys[size] = buy;
        prices[size] = price;
        quantities[size] = quantity;
        size++;
    }

    public boolean isFull() {
        return size == times.length;
    }

    public int capacity() {
        return times.length;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public long time(int i) {
        return times[i];
    }

    public byte kind(int i) {
        return kinds[i];
    }

    public boolean buy(int i) {
        return buys[i];
    }

    public long price(int i) {
        return prices[i];
    }

    public long quantity(int i) {
        return quantities[i];
    }

    /** Event {@code i} as the record the object API uses (for checks and tests; allocates). */
    public ReplayEvent event(int i) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(times[i], 1_000_000_000L),
                Math.floorMod(times[i], 1_000_000_000L));
        Side side = buys[i] ? Side.BUY : Side.SELL;
        return switch (kinds[i]) {
            case LEVEL -> new LevelChanged(t, side, decimal(prices[i]), decimal(quantities[i]));
            case TOP -> new TopChanged(t, side, decimal(prices[i]), decimal(quantities[i]));
            case TRADE -> new TradePrinted(t, side, decimal(prices[i]), decimal(quantities[i]));
            case CLEAR -> new BookCleared(t);
            case FUNDING -> new FundingSettled(t, decimal(prices[i]));
            default -> throw new IllegalStateException("unknown event kind " + kinds[i]);
        };
    }

    /** {@code units / 10^SCALE} without trailing zeros. */
    public static BigDecimal decimal(long units) {
        BigDecimal d = BigDecimal.valueOf(units, SCALE).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
