package io.mmkit.strategies.grid;

import io.mmkit.core.config.StrategyParams;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * The ladder part of a grid's config, shared by {@code grid} and {@code perp_grid}.
 *
 * <pre>
 * grid_lower_price, grid_upper_price   the outer levels (both, or neither when auto_range_percent is set)
 * auto_range_percent                   instead: ± this percent around the first mid, e.g. 5 = mid × 0.95 .. mid × 1.05
 * grid_num                             number of price levels, bounds included (at least 2)
 * order_quantity                       base quantity of every grid order
 * grid_mode                            arithmetic (equal gaps, default) or geometric (equal ratios)
 * allow_one_sided                      start even when the venue's price lies outside the range, so that the
 *                                      grid rests only buys or only sells (default false: the start is refused)
 * </pre>
 *
 * <p>{@code grid_num} is at most {@value #MAX_GRID_NUM} here; the launcher's {@code guards.max_open_orders}
 * (default 200) bounds it further.
 *
 * @param lower {@code null} when {@code autoRangePercent} is set
 * @param upper {@code null} when {@code autoRangePercent} is set
 * @param autoRangePercent {@code null} when the bounds are explicit
 */
public record GridParams(BigDecimal lower, BigDecimal upper, BigDecimal autoRangePercent, int gridNum,
                         BigDecimal quantity, GridLadder.Mode mode, boolean allowOneSided) {
    /** A hard ceiling whatever the guards say: the ladder is built in memory before anything is checked. */
    public static final int MAX_GRID_NUM = 10_000;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Without the one-sided opt-in. */
    public GridParams(BigDecimal lower, BigDecimal upper, BigDecimal autoRangePercent, int gridNum,
                      BigDecimal quantity, GridLadder.Mode mode) {
        this(lower, upper, autoRangePercent, gridNum, quantity, mode, false);
    }

    public GridParams {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(mode, "mode");
    }

    /** Reads and validates the grid keys. Pure; the caller still calls {@code requireAllRead()}. */
    public static GridParams read(StrategyParams p) {
        BigDecimal auto = p.optionalPositiveDecimal("auto_range_percent").orElse(null);
        boolean hasLower = p.has("grid_lower_price");
        boolean hasUpper = p.has("grid_upper_price");
        BigDecimal lower = null;
        BigDecimal upper = null;
        if (auto != null) {
            if (auto.compareTo(HUNDRED) >= 0) {
                throw p.invalid("auto_range_percent", "must be below 100, was " + auto.toPlainString());
            }
            if (hasLower || hasUpper) {
                throw p.invalid("auto_range_percent",
                        "give either auto_range_percent or grid_lower_price and grid_upper_price, not both");
            }
        } else {
            upper = p.positiveDecimal("grid_upper_price");
            lower = p.positiveDecimal("grid_lower_price");
            if (lower.compareTo(upper) >= 0) {
                throw p.invalid("grid_lower_price", "must be below grid_upper_price (" + upper.toPlainString()
                        + "), was " + lower.toPlainString());
            }
        }
        int gridNum = p.integer("grid_num");
        if (gridNum < 2) {
            throw p.invalid("grid_num", "must be at least 2, was " + gridNum);
        }
        if (gridNum > MAX_GRID_NUM) {
            throw p.invalid("grid_num", "must be at most " + MAX_GRID_NUM + ", was " + gridNum);
        }
        BigDecimal quantity = p.positiveDecimal("order_quantity");
        GridLadder.Mode mode = p.enumValue("grid_mode", GridLadder.Mode.class, GridLadder.Mode.ARITHMETIC);
        boolean oneSided = p.bool("allow_one_sided", false);
        return new GridParams(lower, upper, auto, gridNum, quantity, mode, oneSided);
    }

    /** The ladder for a market whose first mid is {@code firstMid}; the bounds come from it in auto mode. */
    public GridLadder ladder(BigDecimal firstMid, BigDecimal tick) {
        if (autoRangePercent == null) {
            return GridLadder.of(mode, lower, upper, gridNum, tick);
        }
        BigDecimal offset = firstMid.multiply(autoRangePercent).divide(HUNDRED, MathContext.DECIMAL64);
        return GridLadder.of(mode, firstMid.subtract(offset), firstMid.add(offset), gridNum, tick);
    }
}
