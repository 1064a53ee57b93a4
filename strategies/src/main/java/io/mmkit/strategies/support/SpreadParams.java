package io.mmkit.strategies.support;

import io.mmkit.core.config.StrategyParams;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The quoting keys the market makers share. Percentages are percent of the mid (0.2 = 0.2 %).
 *
 * <pre>
 * base_spread_percentage        full distance between the innermost bid and ask (required)
 * max_orders                    levels per side (default 1)
 * level_step_percentage         extra distance of each further level (default: half the spread)
 * level_step_ticks              instead: level k sits level_step_ticks × k^level_step_exponent ticks beyond the
 * level_step_exponent           first (exponent default 1); 1.5 and 1.5 space levels as the Python bot does
 * requote_tolerance_percentage  how far a resting order may drift from its wanted price before it is
 *                               replaced (default: a tenth of the spread)
 * </pre>
 */
public record SpreadParams(BigDecimal spreadPercentage, int maxOrders, BigDecimal levelStepPercentage,
                           BigDecimal tolerancePercentage, BigDecimal levelStepTicks, double levelStepExponent) {
    /** A hard ceiling whatever the guards say; {@code guards.max_open_orders} bounds both sides further. */
    public static final int MAX_LEVELS = 1_000;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Levels stepped by a percentage of the mid. */
    public SpreadParams(BigDecimal spreadPercentage, int maxOrders, BigDecimal levelStepPercentage,
                        BigDecimal tolerancePercentage) {
        this(spreadPercentage, maxOrders, levelStepPercentage, tolerancePercentage, null, 1);
    }

    /** Reads the keys above; the caller still calls {@code requireAllRead()}. */
    public static SpreadParams read(StrategyParams p) {
        BigDecimal spread = p.positiveDecimal("base_spread_percentage");
        if (spread.compareTo(HUNDRED) >= 0) {
            throw p.invalid("base_spread_percentage", "must be below 100 (it is a percentage), was "
                    + spread.toPlainString());
        }
        int maxOrders = p.integer("max_orders", 1);
        if (maxOrders < 1) {
            throw p.invalid("max_orders", "must be at least 1, was " + maxOrders);
        }
        if (maxOrders > MAX_LEVELS) {
            throw p.invalid("max_orders", "must be at most " + MAX_LEVELS + ", was " + maxOrders);
        }
        BigDecimal ticks = p.optionalPositiveDecimal("level_step_ticks").orElse(null);
        if (ticks != null && p.has("level_step_percentage")) {
            throw p.invalid("level_step_ticks", "give either level_step_ticks or level_step_percentage");
        }
        BigDecimal exponent = p.optionalPositiveDecimal("level_step_exponent").orElse(BigDecimal.ONE);
        if (ticks == null && p.has("level_step_exponent")) {
            throw p.invalid("level_step_exponent", "only applies with level_step_ticks");
        }
        if (exponent.compareTo(BigDecimal.valueOf(4)) > 0) {
            throw p.invalid("level_step_exponent", "must be at most 4, was " + exponent.toPlainString());
        }
        BigDecimal step = p.optionalPositiveDecimal("level_step_percentage")
                .orElse(spread.divide(BigDecimal.valueOf(2), MathContext.DECIMAL64));
        BigDecimal tolerance = p.decimal("requote_tolerance_percentage",
                spread.divide(BigDecimal.TEN, MathContext.DECIMAL64));
        if (tolerance.signum() < 0) {
            throw p.invalid("requote_tolerance_percentage", "must not be negative, was " + tolerance.toPlainString());
        }
        return new SpreadParams(spread, maxOrders, step, tolerance, ticks, exponent.doubleValue());
    }

    /** Half the spread in price units at {@code mid}. */
    public BigDecimal halfSpread(BigDecimal mid) {
        return mid.multiply(spreadPercentage).divide(BigDecimal.valueOf(200), MathContext.DECIMAL64);
    }

    /** The level step in price units at {@code mid}. */
    public BigDecimal levelStep(BigDecimal mid) {
        return mid.multiply(levelStepPercentage).divide(HUNDRED, MathContext.DECIMAL64);
    }

    /**
     * How far level {@code k} (0 = innermost) sits beyond the first, in price units: {@code k × levelStep(mid)},
     * or with {@code level_step_ticks} {@code tick × level_step_ticks × k^level_step_exponent}.
     *
     * @param tick the instrument's tick; may be null only without {@code level_step_ticks}
     */
    public BigDecimal levelOffset(int k, BigDecimal mid, BigDecimal tick) {
        if (levelStepTicks == null) {
            return levelStep(mid).multiply(BigDecimal.valueOf(k));
        }
        if (tick == null) {
            throw new IllegalStateException("level_step_ticks needs the instrument's tick");
        }
        BigDecimal power = new BigDecimal(Math.pow(k, levelStepExponent), MathContext.DECIMAL64);
        return tick.multiply(levelStepTicks).multiply(power);
    }

    /** The requote tolerance in price units at {@code mid}. */
    public BigDecimal tolerance(BigDecimal mid) {
        return mid.multiply(tolerancePercentage).divide(HUNDRED, MathContext.DECIMAL64);
    }

    /** Levels on both sides: what {@code guards.max_open_orders} is checked against. */
    public io.mmkit.core.spi.RestingOrderCount restingOrders() {
        return new io.mmkit.core.spi.RestingOrderCount("strategy.max_orders", maxOrders, 2L * maxOrders);
    }
}
