package io.mmkit.strategies.as;

import io.mmkit.core.config.StrategyParams;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The {@code avellaneda_stoikov} keys (besides {@code risk}). Units as in {@link AvellanedaStoikov}: ticks,
 * seconds, and inventory in order quantities.
 *
 * <pre>
 * order_quantity          base quantity of each quote (required); also the unit of q
 * gamma                   risk aversion γ (required, &gt; 0)
 * kappa                   fixed order-book intensity κ per tick; absent: estimated ({@link BookDepletionIntensity})
 * kappa_window            depletions the κ estimate spans (default 100)
 * kappa_initial           κ used until the first depletion is seen (default 1)
 * volatility_window       mid returns (one per iteration) σ is estimated over; no quotes until full (default 60)
 * horizon                 rolling (default): T − t is always time_horizon, a fixed rolling horizon standing in
 *                         for the infinite-horizon problem; finite: T is the end of the current
 *                         time_horizon-long cycle counted from start, so T − t falls to 0 and restarts
 * time_horizon            the horizon's length (default 60s)
 * max_inventory           base units: at or beyond +max no bids, at or beyond −max no asks (optional)
 * requote_tolerance_ticks how far in ticks a resting order may drift before it is replaced (default 1)
 * </pre>
 *
 * @param kappa {@code null} when estimated
 * @param maxInventory {@code null} when unlimited (risk.max_position still applies)
 */
public record AsParams(BigDecimal orderQuantity, double gamma, Double kappa, int kappaWindow, double kappaInitial,
                       int volatilityWindow, Horizon horizon, Duration timeHorizon, BigDecimal maxInventory,
                       int requoteToleranceTicks) {
    /** How T − t evolves. */
    public enum Horizon { ROLLING, FINITE }

    public static AsParams read(StrategyParams p) {
        BigDecimal quantity = p.positiveDecimal("order_quantity");
        double gamma = p.positiveDecimal("gamma").doubleValue();
        Double kappa = p.optionalPositiveDecimal("kappa").map(BigDecimal::doubleValue).orElse(null);
        int kappaWindow = atLeastOne(p, "kappa_window", 100);
        double kappaInitial = p.optionalPositiveDecimal("kappa_initial").map(BigDecimal::doubleValue).orElse(1.0);
        int volWindow = atLeastOne(p, "volatility_window", 60);
        Horizon horizon = p.enumValue("horizon", Horizon.class, Horizon.ROLLING);
        Duration length = p.duration("time_horizon", Duration.ofSeconds(60));
        if (length.isZero() || length.isNegative()) {
            throw p.invalid("time_horizon", "must be positive, was " + length);
        }
        BigDecimal maxInventory = p.optionalPositiveDecimal("max_inventory").orElse(null);
        int tolerance = p.integer("requote_tolerance_ticks", 1);
        if (tolerance < 0) {
            throw p.invalid("requote_tolerance_ticks", "must not be negative, was " + tolerance);
        }
        return new AsParams(quantity, gamma, kappa, kappaWindow, kappaInitial, volWindow, horizon, length,
                maxInventory, tolerance);
    }

    private static int atLeastOne(StrategyParams p, String key, int defaultValue) {
        int v = p.integer(key, defaultValue);
        if (v < 1) {
            throw p.invalid(key, "must be at least 1, was " + v);
        }
        return v;
    }

    /** T − t in seconds, {@code elapsed} after the start. */
    public double remainingSeconds(Duration elapsed) {
        double h = timeHorizon.toNanos() / 1e9;
        if (horizon == Horizon.ROLLING) {
            return h;
        }
        return h - (elapsed.toNanos() % timeHorizon.toNanos()) / 1e9;
    }
}
