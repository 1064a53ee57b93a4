package io.mmkit.strategies.support;

import io.mmkit.core.engine.Quote;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Symmetric post-only quotes around a reference price:
 *
 * <pre>
 * bid_k = mid − shift − half − k × step
 * ask_k = mid − shift + half + k × step        k = 0 .. max_orders − 1
 * </pre>
 *
 * where {@code half} is half the configured spread and {@code shift} an inventory skew (zero for the spot
 * maker). The engine rounds bids down and asks up to the tick, so a quote is never more aggressive than
 * the formula. Pure.
 */
public final class SpreadLadder {
    private SpreadLadder() {
    }

    /**
     * @param bidQuantity size of every bid level; zero or less for no bids
     * @param askQuantity size of every ask level; zero or less for no asks
     */
    public static List<Quote> quotes(SpreadParams params, BigDecimal mid, BigDecimal shift, BigDecimal bidQuantity,
                                     BigDecimal askQuantity) {
        BigDecimal half = params.halfSpread(mid);
        BigDecimal step = params.levelStep(mid);
        BigDecimal centre = mid.subtract(shift);
        List<Quote> out = new ArrayList<>();
        for (int k = 0; k < params.maxOrders(); k++) {
            BigDecimal away = half.add(step.multiply(BigDecimal.valueOf(k)));
            BigDecimal bid = centre.subtract(away);
            if (bidQuantity.signum() > 0 && bid.signum() > 0) {
                out.add(Quote.bid(bid, bidQuantity));
            }
            if (askQuantity.signum() > 0) {
                out.add(Quote.ask(centre.add(away), askQuantity));
            }
        }
        return out;
    }
}
