package io.mmkit.core.engine;

import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Turns "the quotes I want" into the fewest venue calls: live orders that still match a wanted quote
 * (same side, same size, price within tolerance) stay in the queue; the rest are cancelled; what is
 * missing is placed. A post-only quote that would cross retreats one tick and tries once more.
 */
final class QuoteReconciler {

    /** What one reconciliation did, for tests and logs. */
    record Plan(List<OpenOrder> keep, List<OpenOrder> cancel, List<Quote> place) {
    }

    void apply(Market market, List<Quote> wanted, BigDecimal tolerance,
               BiConsumer<Quote, PlaceResult.Rejected> onRejected) {
        Plan plan = plan(market.instrument(), market.restingOrders(), wanted, tolerance);
        if (!plan.cancel().isEmpty()) {
            market.cancelAllOf(plan.cancel().stream().map(OpenOrder::clientOrderId).toList());
        }
        if (market.hasUnsettledPlacements()) {
            // A quote whose answer was lost may be resting already: placing it again could double the exposure.
            return;
        }
        for (Quote q : plan.place()) {
            PlaceResult result = market.placeLimit(q.side(), q.price(), q.quantity(), q.timeInForce(), q.reduceOnly());
            if (result instanceof PlaceResult.Rejected r && r.reason() == RejectReason.POST_ONLY_WOULD_CROSS) {
                BigDecimal tick = market.instrument().tickSize();
                BigDecimal retreat = q.side() == Side.BUY ? q.price().subtract(tick) : q.price().add(tick);
                if (retreat.signum() > 0) {
                    result = market.placeLimit(q.side(), retreat, q.quantity(), q.timeInForce(), q.reduceOnly());
                }
            }
            if (result instanceof PlaceResult.Rejected r) {
                onRejected.accept(q, r);
            }
        }
    }

    /** Pure: which live orders to keep or cancel and which quotes to place. */
    static Plan plan(Instrument instrument, List<OpenOrder> live, List<Quote> wanted, BigDecimal tolerance) {
        List<Quote> rounded = new ArrayList<>();
        for (Quote q : wanted) {
            BigDecimal price = instrument.roundPrice(q.side(), q.price());
            BigDecimal qty = instrument.roundQuantity(q.quantity());
            if (qty.signum() <= 0 || instrument.validate(price, qty).isPresent()) {
                continue;
            }
            rounded.add(new Quote(q.side(), price, qty, q.timeInForce(), q.reduceOnly()));
        }
        List<OpenOrder> keep = new ArrayList<>();
        List<OpenOrder> cancel = new ArrayList<>();
        List<Quote> unmatched = new ArrayList<>(rounded);
        for (OpenOrder order : live) {
            Quote match = null;
            for (Quote q : unmatched) {
                if (matches(order, q, tolerance)) {
                    match = q;
                    break;
                }
            }
            if (match != null) {
                unmatched.remove(match);
                keep.add(order);
            } else {
                cancel.add(order);
            }
        }
        return new Plan(keep, cancel, unmatched);
    }

    private static boolean matches(OpenOrder order, Quote q, BigDecimal tolerance) {
        return order.side() == q.side()
                && order.reduceOnly() == q.reduceOnly()
                && (order.timeInForce() == q.timeInForce() || q.timeInForce() == TimeInForce.GTC)
                && order.quantity().compareTo(q.quantity()) == 0
                && order.price().subtract(q.price()).abs().compareTo(tolerance) <= 0;
    }
}
