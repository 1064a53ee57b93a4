package io.mmkit.collector;

import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.OrderBook;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The book at a minute's close: best bid and ask, their spread and mid, and the quantity resting within
 * {@code bandBps} basis points of the mid on each side (bids at or above {@code mid x (1 - bps/10000)}, asks at
 * or below {@code mid x (1 + bps/10000)}). Every figure is exact.
 */
public record BookStats(BigDecimal bestBid, BigDecimal bestAsk, BigDecimal spread, BigDecimal mid,
                        BigDecimal bidDepth, BigDecimal askDepth, int bandBps) {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal BPS = new BigDecimal("0.0001");

    public BookStats {
        Objects.requireNonNull(bestBid, "bestBid");
        Objects.requireNonNull(bestAsk, "bestAsk");
        Objects.requireNonNull(spread, "spread");
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(bidDepth, "bidDepth");
        Objects.requireNonNull(askDepth, "askDepth");
        if (bandBps < 0) {
            throw new IllegalArgumentException("bandBps must not be negative, was " + bandBps);
        }
    }

    /** The figures of {@code book}, or empty when it lacks a bid or an ask. Pure. */
    public static Optional<BookStats> of(OrderBook book, int bandBps) {
        if (book.bids().isEmpty() || book.asks().isEmpty()) {
            return Optional.empty();
        }
        BigDecimal bid = book.bids().get(0).price();
        BigDecimal ask = book.asks().get(0).price();
        BigDecimal mid = bid.add(ask).divide(TWO); // halving a decimal always terminates
        BigDecimal band = BPS.multiply(BigDecimal.valueOf(bandBps));
        BigDecimal bidFloor = mid.multiply(BigDecimal.ONE.subtract(band));
        BigDecimal askCeiling = mid.multiply(BigDecimal.ONE.add(band));
        BigDecimal bidDepth = BigDecimal.ZERO;
        for (BookLevel level : book.bids()) {
            if (level.price().compareTo(bidFloor) < 0) {
                break;
            }
            bidDepth = bidDepth.add(level.quantity());
        }
        BigDecimal askDepth = BigDecimal.ZERO;
        for (BookLevel level : book.asks()) {
            if (level.price().compareTo(askCeiling) > 0) {
                break;
            }
            askDepth = askDepth.add(level.quantity());
        }
        return Optional.of(new BookStats(bid, ask, Decimals.normalize(ask.subtract(bid)), Decimals.normalize(mid),
                Decimals.normalize(bidDepth), Decimals.normalize(askDepth), bandBps));
    }
}
