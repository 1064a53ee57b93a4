package io.mmkit.strategies.support;

import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.OrderBook;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Depth-weighted order-book imbalance within {@code N} bps of the mid, in [−1, 1]:
 *
 * <pre>
 * w(p)  = 1 − |p − mid| / (N/10 000 · mid)       levels with w ≤ 0 (N bps or further away) are left out
 * B     = Σ_bids w(p)·qty       A = Σ_asks w(p)·qty
 * I     = (B − A) / (B + A)     0 when both are empty
 * </pre>
 *
 * A level at the mid weighs 1 and the weight falls linearly to 0 at the band's edge, so the signal answers
 * to the depth near the touch more than to size resting far away (which is cheap to show and to pull).
 * Pure.
 */
public final class BookImbalance {
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private BookImbalance() {
    }

    public static BigDecimal of(OrderBook book, BigDecimal mid, BigDecimal bandBps) {
        BigDecimal band = mid.multiply(bandBps).divide(BPS, MathContext.DECIMAL64);
        BigDecimal bids = weighted(book.bids(), mid, band);
        BigDecimal asks = weighted(book.asks(), mid, band);
        BigDecimal total = bids.add(asks);
        if (total.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return bids.subtract(asks).divide(total, MathContext.DECIMAL64);
    }

    private static BigDecimal weighted(List<BookLevel> levels, BigDecimal mid, BigDecimal band) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BookLevel level : levels) {
            BigDecimal w = BigDecimal.ONE.subtract(level.price().subtract(mid).abs().divide(band, MathContext.DECIMAL64));
            if (w.signum() > 0) {
                sum = sum.add(w.multiply(level.quantity()));
            }
        }
        return sum;
    }
}
