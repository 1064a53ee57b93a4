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
 *
 * <p>Nothing is done twice: rounding and matching run in the instrument's fixed-point units ({@link QuoteUnits}),
 * and when the wanted quotes, the tolerance and the live orders are exactly those of the last plan that found
 * nothing to do, no plan is made at all (the plan is a pure function of them). Strategy thread only.
 */
final class QuoteReconciler {

    /** What one reconciliation did, for tests and logs. */
    record Plan(List<OpenOrder> keep, List<OpenOrder> cancel, List<Quote> place) {
    }

    private final OrderCalls calls;
    private final BooleanSupplier stopRequested;
    private Instrument unitsFor;
    private QuoteUnits units;
    /** The inputs of the last plan that had nothing to do, on {@link #settledOn}; null when there is none. */
    private Market settledOn;
    private List<Quote> settledWanted;
    private BigDecimal settledTolerance;
    private long settledVersion;
    private long plans;

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
        long version = market.restingVersion();
        if (market == settledOn && version == settledVersion && tolerance.compareTo(settledTolerance) == 0
                && wanted.equals(settledWanted)) {
            return;
        }
        List<OpenOrder> live = market.restingOrders();
        plans++;
        Plan plan = plan(unitsOf(market.instrument()), market.instrument(), live, wanted, tolerance);
        if (plan.cancel().isEmpty() && plan.place().isEmpty()) {
            settledOn = market;
            settledWanted = List.copyOf(wanted);
            settledTolerance = tolerance;
            // Read before the list: a change in between makes the next iteration plan again, never skip wrongly.
            settledVersion = version;
            return;
        }
        settledOn = null;
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

    /** How many plans were made (not skipped as unchanged): for tests and benchmarks. */
    long plansMade() {
        return plans;
    }

    private QuoteUnits unitsOf(Instrument instrument) {
        if (instrument != unitsFor) {
            unitsFor = instrument;
            units = QuoteUnits.of(instrument);
        }
        return units;
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
        return plan(QuoteUnits.of(instrument), instrument, live, wanted, tolerance);
    }

    /**
     * The plan in fixed-point units when the instrument and every value fit in longs (the hot path: no
     * {@code BigDecimal} division), else in exact decimals; both give the same plan.
     */
    static Plan plan(QuoteUnits units, Instrument instrument, List<OpenOrder> live, List<Quote> wanted,
                     BigDecimal tolerance) {
        if (units != null) {
            Plan fast = planInUnits(units, live, wanted, tolerance);
            if (fast != null) {
                return fast;
            }
        }
        return planInDecimals(instrument, live, wanted, tolerance);
    }

    /** A rounded quote with its price and quantity in units. */
    private record Rounded(Quote quote, long price, long quantity) {
    }

    /** The plan in units, or {@code null} when some value does not fit (the caller then plans in decimals). */
    private static Plan planInUnits(QuoteUnits units, List<OpenOrder> live, List<Quote> wanted,
                                    BigDecimal tolerance) {
        List<Rounded> unmatched = new ArrayList<>(wanted.size());
        for (Quote q : wanted) {
            long price = units.price(q.side(), q.price());
            long qty = units.quantity(q.quantity());
            if (price == QuoteUnits.NONE || qty == QuoteUnits.NONE) {
                return null;
            }
            if (price <= 0 || !units.acceptable(price, qty)) {
                continue;
            }
            unmatched.add(new Rounded(roundedQuote(units, q, price, qty), price, qty));
        }
        long tol = units.tolerance(tolerance);
        List<OpenOrder> keep = new ArrayList<>(live.size());
        List<OpenOrder> cancel = new ArrayList<>();
        for (OpenOrder order : live) {
            long price = units.exact(order.price());
            long remaining = units.exact(order.remainingQuantity());
            Rounded match = null;
            if (price != QuoteUnits.NONE && remaining != QuoteUnits.NONE) {
                for (Rounded r : unmatched) {
                    if (sameKind(order, r.quote()) && remaining == r.quantity()
                            && Math.abs(price - r.price()) <= tol) {
                        match = r;
                        break;
                    }
                }
            } else {
                // Off our grid (an order we did not round): compare exactly.
                for (Rounded r : unmatched) {
                    if (matches(order, r.quote(), tolerance)) {
                        match = r;
                        break;
                    }
                }
            }
            if (match != null) {
                unmatched.remove(match);
                keep.add(order);
            } else {
                cancel.add(order);
            }
        }
        List<Quote> place = new ArrayList<>(unmatched.size());
        for (Rounded r : unmatched) {
            place.add(r.quote());
        }
        return new Plan(keep, cancel, place);
    }

    /** The quote at its rounded values: the same object when rounding changed nothing. */
    private static Quote roundedQuote(QuoteUnits units, Quote q, long price, long qty) {
        BigDecimal p = units.exact(q.price()) == price ? q.price() : units.decimal(price);
        BigDecimal n = units.exact(q.quantity()) == qty ? q.quantity() : units.decimal(qty);
        return p == q.price() && n == q.quantity() ? q : new Quote(q.side(), p, n, q.timeInForce(), q.reduceOnly());
    }

    private static Plan planInDecimals(Instrument instrument, List<OpenOrder> live, List<Quote> wanted,
                                       BigDecimal tolerance) {
        List<Quote> rounded = new ArrayList<>();
        for (Quote q : wanted) {
            BigDecimal price = instrument.roundPrice(q.side(), q.price());
            BigDecimal qty = instrument.roundQuantity(q.quantity());
            if (qty.signum() <= 0 || price.signum() <= 0 || instrument.validate(price, qty).isPresent()) {
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

    private static boolean sameKind(OpenOrder order, Quote q) {
        return order.side() == q.side()
                && order.reduceOnly() == q.reduceOnly()
                && (order.timeInForce() == q.timeInForce() || q.timeInForce() == TimeInForce.GTC);
    }

    private static boolean matches(OpenOrder order, Quote q, BigDecimal tolerance) {
        return sameKind(order, q)
                // A partly filled order matches a quote for what is left of it: it keeps its queue place.
                && order.remainingQuantity().compareTo(q.quantity()) == 0
                && order.price().subtract(q.price()).abs().compareTo(tolerance) <= 0;
    }
}
