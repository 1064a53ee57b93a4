package io.mmkit.core.risk;

import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link RiskLimits} to one strategy instance: filters the quotes it wants and watches its equity
 * for the drawdown kill switch. Pure apart from logging: it never calls a venue, so the strategy decides
 * what to do with a verdict (the engine's shutdown cancels everything on a stop; a paused strategy quotes
 * nothing, which makes the engine cancel what rests).
 *
 * <p>Not thread-safe: owned by the strategy thread, called from {@code onIteration} and {@code quotes}.
 */
public final class RiskGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RiskGuard.class);
    private static final BigDecimal TWO_HUNDRED = BigDecimal.valueOf(200);

    /** What the guard says after looking at the equity. */
    public enum State {
        TRADING,
        PAUSED,
        STOP
    }

    /** A verdict and, when not trading, why. */
    public record Verdict(State state, String reason) {
        public Verdict {
            Objects.requireNonNull(state, "state");
            reason = reason == null ? "" : reason;
        }

        public boolean isTrading() {
            return state == State.TRADING;
        }
    }

    private static final Verdict TRADING = new Verdict(State.TRADING, "");

    private final RiskLimits limits;
    private BigDecimal peak;
    private Instant pausedUntil;
    private String pauseReason = "";
    private boolean stopped;

    public RiskGuard(RiskLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public RiskLimits limits() {
        return limits;
    }

    /** The highest equity seen since start (or since the last pause ended); {@code null} before the first. */
    public BigDecimal peakEquity() {
        return peak;
    }

    /**
     * Records the current equity (net PnL: realized − fees + unrealized, in quote units) and applies the
     * kill switch. Once it says {@link State#STOP} it keeps saying so.
     */
    /**
     * As {@link #onEquity(BigDecimal, Instant)}, computing the equity only when a limit needs it: with no
     * {@code max_drawdown}, nothing paused and nothing stopped, the answer is "trading" whatever the equity, and
     * marking a ledger every iteration would be work done for nothing.
     */
    public Verdict onEquity(java.util.function.Supplier<BigDecimal> equity, Instant now) {
        if (limits.maxDrawdown() == null && !stopped && pausedUntil == null) {
            return TRADING;
        }
        return onEquity(equity.get(), now);
    }

    /** Whether any limit can drop or shrink a quote ({@link #filter} returns the quotes as they are if not). */
    public boolean limitsQuotes() {
        return limits.minSpreadPercentage().signum() != 0 || limits.maxOrderNotional() != null
                || limits.maxPosition() != null;
    }

    public Verdict onEquity(BigDecimal equity, Instant now) {
        if (stopped) {
            return new Verdict(State.STOP, pauseReason);
        }
        if (pausedUntil != null) {
            if (now.isBefore(pausedUntil)) {
                return new Verdict(State.PAUSED, pauseReason);
            }
            LOG.warn("risk: pause over, quoting resumes with equity {} as the new peak", equity.toPlainString());
            pausedUntil = null;
            peak = equity;
        }
        if (peak == null || equity.compareTo(peak) > 0) {
            peak = equity;
        }
        BigDecimal drawdown = Decimals.normalize(peak.subtract(equity));
        if (limits.maxDrawdown() == null || drawdown.compareTo(limits.maxDrawdown()) <= 0) {
            return TRADING;
        }
        String reason = "kill switch: drawdown " + drawdown.toPlainString() + " from peak equity "
                + Decimals.normalize(peak).toPlainString() + " exceeds max_drawdown " + limits.maxDrawdown().toPlainString();
        pauseReason = reason;
        if (limits.onDrawdown() == RiskLimits.DrawdownAction.STOP) {
            stopped = true;
            LOG.error("risk: {}; cancelling all orders and stopping", reason);
            return new Verdict(State.STOP, reason);
        }
        pausedUntil = now.plus(limits.pauseDuration());
        LOG.warn("risk: {}; cancelling all orders and pausing until {}", reason, pausedUntil);
        return new Verdict(State.PAUSED, reason);
    }

    /** Whether the kill switch currently allows quoting. */
    public boolean quotingAllowed(Instant now) {
        return !stopped && (pausedUntil == null || !now.isBefore(pausedUntil));
    }

    /**
     * The subset of {@code wanted} the limits allow, in the same order:
     * <ul>
     *   <li>nothing while paused or stopped;</li>
     *   <li>no quote nearer the mid than half of {@code min_spread_percentage} (reduce-only quotes too);</li>
     *   <li>each quote's quantity cut to {@code max_order_notional / price};</li>
     *   <li>on each side, quotes nearest the mid first, the quantity cut so that |position| stays within
     *       {@code max_position} even if every opening quote on that side fills; reduce-only quotes pass.</li>
     * </ul>
     * Quantities are not rounded here: the engine rounds down to the lot and drops what rounds to zero.
     *
     * @param position the signed position the strategy holds now (base units)
     */
    public List<Quote> filter(List<Quote> wanted, BigDecimal position, BigDecimal mid, Instant now) {
        if (!quotingAllowed(now)) {
            return List.of();
        }
        if (!limitsQuotes()) {
            return wanted; // no limit applies to quotes: nothing to build every iteration
        }
        BigDecimal minDistance = mid.multiply(limits.minSpreadPercentage()).divide(TWO_HUNDRED, MathContext.DECIMAL64);
        List<Quote> sized = new ArrayList<>();
        for (Quote q : wanted) {
            if (limits.minSpreadPercentage().signum() > 0 && q.price().subtract(mid).abs().compareTo(minDistance) < 0) {
                continue;
            }
            Quote capped = capNotional(q);
            if (capped != null) {
                sized.add(capped);
            }
        }
        if (limits.maxPosition() == null) {
            return sized;
        }
        Map<Quote, Quote> allowed = new IdentityHashMap<>();
        capPosition(sized, Side.BUY, position, allowed);
        capPosition(sized, Side.SELL, position, allowed);
        List<Quote> inOrder = new ArrayList<>();
        for (Quote q : sized) {
            Quote kept = allowed.get(q);
            if (kept != null) {
                inOrder.add(kept);
            }
        }
        return inOrder;
    }

    private Quote capNotional(Quote q) {
        if (limits.maxOrderNotional() == null) {
            return q;
        }
        BigDecimal maxQty = limits.maxOrderNotional().divide(q.price(), 12, RoundingMode.DOWN);
        if (maxQty.signum() <= 0) {
            return null;
        }
        return q.quantity().compareTo(maxQty) <= 0 ? q : q.withQuantity(maxQty);
    }

    /** Puts into {@code allowed} each quote of {@code side} that may rest, mapped to its (maybe cut) form. */
    private void capPosition(List<Quote> quotes, Side side, BigDecimal position, Map<Quote, Quote> allowed) {
        Comparator<Quote> nearestFirst = side == Side.BUY
                ? Comparator.comparing(Quote::price).reversed()
                : Comparator.comparing(Quote::price);
        List<Quote> sideQuotes = quotes.stream().filter(q -> q.side() == side).sorted(nearestFirst).toList();
        // Room left on this side: a long may grow to +max, a short to -max.
        BigDecimal room = side == Side.BUY
                ? limits.maxPosition().subtract(position)
                : limits.maxPosition().add(position);
        for (Quote q : sideQuotes) {
            if (q.reduceOnly()) {
                allowed.put(q, q);
                continue;
            }
            if (room.signum() <= 0) {
                continue;
            }
            BigDecimal qty = q.quantity().min(room);
            allowed.put(q, qty.compareTo(q.quantity()) == 0 ? q : q.withQuantity(qty));
            room = room.subtract(qty);
        }
    }
}
