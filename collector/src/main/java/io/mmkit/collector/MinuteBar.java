package io.mmkit.collector;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One minute of one symbol's trades, by trade time, and the book at its close.
 *
 * @param minute the minute's first instant (UTC, whole minute)
 * @param open first trade's price; null when the minute had no trade (as are high, low, close and vwap)
 * @param buyVolume quantity whose aggressor bought (Binance {@code m} false: the seller was the maker)
 * @param sellVolume quantity whose aggressor sold (Binance {@code m} true: the buyer was the maker)
 * @param quoteVolume sum of price x quantity, exact
 * @param vwap {@code quoteVolume / volume} to 16 significant digits (half-even); {@code quoteVolume} keeps
 *     it exactly recomputable
 * @param volumeByPrice traded quantity per trade price, ascending
 * @param book the book when the minute was closed; null if the book was not synced then
 * @param complete false for the unfinished minute saved at shutdown
 */
public record MinuteBar(String symbol, Instant minute, BigDecimal open, BigDecimal high, BigDecimal low,
                        BigDecimal close, BigDecimal volume, BigDecimal buyVolume, BigDecimal sellVolume,
                        BigDecimal quoteVolume, int tradeCount, BigDecimal vwap,
                        SortedMap<BigDecimal, BigDecimal> volumeByPrice, BookStats book, boolean complete) {
    public MinuteBar {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(minute, "minute");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(buyVolume, "buyVolume");
        Objects.requireNonNull(sellVolume, "sellVolume");
        Objects.requireNonNull(quoteVolume, "quoteVolume");
        if (tradeCount < 0) {
            throw new IllegalArgumentException("tradeCount must not be negative, was " + tradeCount);
        }
        if ((tradeCount == 0) != (open == null)) {
            throw new IllegalArgumentException("a minute has prices exactly when it has trades");
        }
        volumeByPrice = Collections.unmodifiableSortedMap(new TreeMap<>(volumeByPrice));
    }
}
