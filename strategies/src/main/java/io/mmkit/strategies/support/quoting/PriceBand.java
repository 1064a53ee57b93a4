package io.mmkit.strategies.support.quoting;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Price ceiling and floor: with the mid at or above the ceiling only asks are quoted (the maker does not buy
 * the top), at or below the floor only bids. Fixed ({@code price_ceiling}, {@code price_floor}), moving
 * ({@code price_band_percentage} around a reference mid taken at the start and again every
 * {@code price_band_refresh_time}), or both, the tighter bound winning. Hummingbot's price band.
 *
 * @param ceiling fixed ceiling, or null
 * @param floor fixed floor, or null
 * @param bandPercentage half-width of the moving band in percent of the reference mid, or null
 * @param bandRefresh how often the moving band's reference is taken again
 */
public final class PriceBand implements QuotingFeature {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BigDecimal ceiling;
    private final BigDecimal floor;
    private final BigDecimal bandPercentage;
    private final Duration bandRefresh;
    private BigDecimal reference;
    private Instant referenceAt;

    public PriceBand(BigDecimal ceiling, BigDecimal floor, BigDecimal bandPercentage, Duration bandRefresh) {
        this.ceiling = ceiling;
        this.floor = floor;
        this.bandPercentage = bandPercentage;
        this.bandRefresh = bandRefresh;
    }

    @Override
    public List<Quote> adjust(List<Quote> wanted, Market market, BookTop top, Instant now) {
        BigDecimal mid = top.mid();
        BigDecimal upper = ceiling;
        BigDecimal lower = floor;
        if (bandPercentage != null) {
            if (reference == null || !now.isBefore(referenceAt.plus(bandRefresh))) {
                reference = mid;
                referenceAt = now;
            }
            BigDecimal width = reference.multiply(bandPercentage).divide(HUNDRED, MathContext.DECIMAL64);
            upper = min(upper, reference.add(width));
            lower = max(lower, reference.subtract(width));
        }
        if (upper != null && mid.compareTo(upper) >= 0) {
            return wanted.stream().filter(q -> q.side() == Side.SELL).toList();
        }
        if (lower != null && mid.compareTo(lower) <= 0) {
            return wanted.stream().filter(q -> q.side() == Side.BUY).toList();
        }
        return wanted;
    }

    /** The moving band's reference mid, for tests and status; null before the first iteration. */
    public BigDecimal reference() {
        return reference;
    }

    private static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a == null ? b : a.min(b);
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a == null ? b : a.max(b);
    }
}
