package io.mmkit.collector;

import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.Trade;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The running figures of one open minute. Pure and single-threaded: the aggregator thread owns it (and, once
 * that thread has stopped, the shutdown's save step).
 */
final class MinuteAccumulator {
    private final String symbol;
    private final Instant minute;
    private final SortedMap<BigDecimal, BigDecimal> volumeByPrice = new TreeMap<>();
    private BigDecimal open;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal close;
    private BigDecimal volume = BigDecimal.ZERO;
    private BigDecimal buyVolume = BigDecimal.ZERO;
    private BigDecimal sellVolume = BigDecimal.ZERO;
    private BigDecimal quoteVolume = BigDecimal.ZERO;
    private int tradeCount;

    /** @param minute any instant inside the minute; truncated to its start */
    MinuteAccumulator(String symbol, Instant minute) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.minute = minuteOf(minute);
    }

    /** The start of the UTC minute holding {@code time}. */
    static Instant minuteOf(Instant time) {
        return time.truncatedTo(ChronoUnit.MINUTES);
    }

    Instant minute() {
        return minute;
    }

    Instant end() {
        return minute.plus(1, ChronoUnit.MINUTES);
    }

    int tradeCount() {
        return tradeCount;
    }

    BigDecimal volume() {
        return Decimals.normalize(volume);
    }

    /** Adds a trade in arrival order (open is the first added, close the last). */
    void add(Trade trade) {
        BigDecimal price = trade.price();
        BigDecimal quantity = trade.quantity();
        if (tradeCount == 0) {
            open = price;
            high = price;
            low = price;
        } else {
            high = high.max(price);
            low = low.min(price);
        }
        close = price;
        tradeCount++;
        volume = volume.add(quantity);
        quoteVolume = quoteVolume.add(price.multiply(quantity));
        if (trade.aggressor() == Side.BUY) {
            buyVolume = buyVolume.add(quantity);
        } else {
            sellVolume = sellVolume.add(quantity);
        }
        volumeByPrice.merge(price, quantity, BigDecimal::add);
    }

    /** The minute's row; {@code book} may be null (no synced book at the close). */
    MinuteBar toBar(BookStats book, boolean complete) {
        BigDecimal vwap = tradeCount == 0 ? null
                : Decimals.normalize(quoteVolume.divide(volume, MathContext.DECIMAL64));
        SortedMap<BigDecimal, BigDecimal> levels = new TreeMap<>();
        volumeByPrice.forEach((p, q) -> levels.put(p, Decimals.normalize(q)));
        return new MinuteBar(symbol, minute, open, high, low, close, Decimals.normalize(volume),
                Decimals.normalize(buyVolume), Decimals.normalize(sellVolume), Decimals.normalize(quoteVolume),
                tradeCount, vwap, levels, book, complete);
    }
}
