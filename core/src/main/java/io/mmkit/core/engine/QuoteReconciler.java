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
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Turns "the quotes I want" into the fewest venue calls: live orders that still match a wanted quote
 * (same side, same size, price within tolerance) stay in the queue; the rest are cancelled; what is
 * missing is placed. A post-only quote that would cross retreats one tick and tries once more. A partly filled
 * order matches a quote for what remains of it. Calls run a few at once; none is sent after stop is requested.
 */
final class QuoteReconciler {

    /** What one reconciliation did, for tests and logs. */
    record Plan(List<OpenOrder> keep, List<OpenOrder> cancel, List<Quote> place) {
    }

    private final OrderCalls calls;
    private final BooleanSupplier stopRequested;

    /**
     * @param calls runs the venue calls, a few at once
     * @param stopRequested checked before every venue call: once it is true nothing more is sent
     */
    QuoteReconciler(OrderCalls calls, BooleanSupplier stopRequested) {
        this.calls = calls;
        this.stopRequested = stopRequested;
    }

    /**
     * Cancels what no longer matches and places what is missing. Blocks until every call sent has been answered
     * (each bounded by the venue client's timeout); calls not yet sent when stop is requested are never sent.
     * Rejections reach {@code onRejected} on the calling thread.
     *
     * @throws RuntimeException the first venue failure, after the other calls have finished
     */
    void apply(Market market, List<Quote> wanted, BigDecimal tolerance,
               BiConsumer<Quote, PlaceResult.Rejected> onRejected) {
        Plan plan = plan(market.instrument(), market.restingOrders(), wanted, tolerance);
        RuntimeException failure = null;
        try {
            failure = cancel(market, plan.cancel());
            if (market.hasUnsettledPlacements() || stopRequested.getAsBoolean()) {
                // A quote whose answer was lost may be resting already: placing it again could double the exposure.
                throwIfAny(failure);
                return;
            }
            List<Callable<PlaceResult>> placements = new ArrayList<>();
            for (Quote q : plan.place()) {
                placements.add(() -> place(market, q));
            }
            List<OrderCalls.Outcome<PlaceResult>> outcomes = calls.runAll(placements, stopRequested);
            for (int i = 0; i < outcomes.size(); i++) {
                OrderCalls.Outcome<PlaceResult> o = outcomes.get(i);
                if (o.failure() != null && failure == null) {
                    failure = o.failure();
                } else if (o.value() instanceof PlaceResult.Rejected r) {
                    onRejected.accept(plan.place().get(i), r);
                }
            }
        } catch (InterruptedException e) {
            // The strategy thread is being stopped: the loop's wait sees the flag and ends.
            Thread.currentThread().interrupt();
        }
        throwIfAny(failure);
    }

    private RuntimeException cancel(Market market, List<OpenOrder> stale) throws InterruptedException {
        if (stale.isEmpty()) {
            return null;
        }
        List<String> ids = stale.stream().map(OpenOrder::clientOrderId).toList();
        int batch = market.cancelBatchSize();
        List<Callable<Void>> cancels = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += batch) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + batch));
            cancels.add(() -> {
                market.cancelAllOf(chunk);
                return null;
            });
        }
        for (OrderCalls.Outcome<Void> o : calls.runAll(cancels, stopRequested)) {
            if (o.failure() != null) {
                return o.failure();
            }
        }
        return null;
    }

    /** One quote, and once more a tick further back if post-only would have crossed. */
    private PlaceResult place(Market market, Quote q) {
        PlaceResult result = market.placeLimit(q.side(), q.price(), q.quantity(), q.timeInForce(), q.reduceOnly());
        if (result instanceof PlaceResult.Rejected r && r.reason() == RejectReason.POST_ONLY_WOULD_CROSS
                && !stopRequested.getAsBoolean()) {
            BigDecimal tick = market.instrument().tickSize();
            BigDecimal retreat = q.side() == Side.BUY ? q.price().subtract(tick) : q.price().add(tick);
            if (retreat.signum() > 0) {
                result = market.placeLimit(q.side(), retreat, q.quantity(), q.timeInForce(), q.reduceOnly());
            }
        }
        return result;
    }

    private static void throwIfAny(RuntimeException failure) {
        if (failure != null) {
            throw failure;
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
                // A partly filled order matches a quote for what is left of it: it keeps its queue place.
                && order.remainingQuantity().compareTo(q.quantity()) == 0
                && order.price().subtract(q.price()).abs().compareTo(tolerance) <= 0;
    }
}
