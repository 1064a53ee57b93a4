package io.mmkit.strategies.support;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Shifts every quote by the {@link BookImbalance} signal:
 *
 * <pre>
 * shift = I × imbalance_skew_percentage / 100 × mid          bid' = bid + shift,  ask' = ask + shift
 * </pre>
 *
 * More resting bids than asks (I &gt; 0) predicts an up-tick, so both quotes move up: the bid closer to the
 * touch, the ask further from it. Keys:
 *
 * <pre>
 * imbalance_band_bps          N: depth within this many bps of the mid counts (default 10)
 * imbalance_depth             book levels per side fetched for the signal (default 20)
 * imbalance_skew_percentage   the shift at |I| = 1, percent of the mid (required)
 * </pre>
 */
public record ImbalanceSkew(BigDecimal bandBps, int depth, BigDecimal skewPercentage) implements QuoteAdjustment {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public static ImbalanceSkew read(StrategyParams p) {
        BigDecimal band = p.optionalPositiveDecimal("imbalance_band_bps").orElse(BigDecimal.TEN);
        int depth = p.integer("imbalance_depth", 20);
        if (depth < 1 || depth > 1_000) {
            throw p.invalid("imbalance_depth", "must be 1..1000, was " + depth);
        }
        BigDecimal skew = p.positiveDecimal("imbalance_skew_percentage");
        if (skew.compareTo(BigDecimal.TEN) > 0) {
            throw p.invalid("imbalance_skew_percentage", "must be at most 10 (it is a percentage), was "
                    + skew.toPlainString());
        }
        return new ImbalanceSkew(band, depth, skew);
    }

    /** The price shift for signal {@code imbalance} at {@code mid}. */
    public BigDecimal shift(BigDecimal imbalance, BigDecimal mid) {
        return imbalance.multiply(skewPercentage).multiply(mid).divide(HUNDRED, MathContext.DECIMAL64);
    }

    /** Applies {@code shift} to every quote. Pure. */
    public static List<Quote> shifted(List<Quote> wanted, BigDecimal shift) {
        return wanted.stream().map(q -> q.withPrice(q.price().add(shift))).filter(q -> q.price().signum() > 0)
                .toList();
    }

    @Override
    public List<Quote> adjust(List<Quote> wanted, Market market, BookTop top) {
        BigDecimal signal = BookImbalance.of(market.orderBook(depth), top.mid(), bandBps);
        return shifted(wanted, shift(signal, top.mid()));
    }
}
