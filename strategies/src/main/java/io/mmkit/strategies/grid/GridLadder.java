package io.mmkit.strategies.grid;

import io.mmkit.core.model.Decimals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The price levels of a grid, lowest first, each aligned to the instrument's tick. A value: both grids
 * (spot and perpetual) build one and ask it where a fill happened and where its counter order goes.
 *
 * <p>{@code arithmetic}: level k = lower + k × (upper − lower) / (n − 1), an equal price gap.
 * {@code geometric}: level k = lower × (upper / lower)^(k / (n − 1)), an equal ratio. Each level is then
 * rounded to the nearest tick once, so a level is the same price for its buy and its sell.
 */
public record GridLadder(List<BigDecimal> levels) {

    /** How the levels are spaced. */
    public enum Mode {
        ARITHMETIC,
        GEOMETRIC
    }

    public GridLadder {
        levels = levels.stream().map(Decimals::normalize).toList();
        if (levels.size() < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 levels, had " + levels.size());
        }
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).compareTo(levels.get(i - 1)) <= 0) {
                throw new IllegalArgumentException("grid levels must rise: " + levels.get(i - 1).toPlainString()
                        + " then " + levels.get(i).toPlainString() + " (gap smaller than a tick?)");
            }
        }
    }

    /**
     * Builds {@code count} levels from {@code lower} to {@code upper} inclusive.
     *
     * @throws IllegalArgumentException if two levels fall on the same tick
     */
    public static GridLadder of(Mode mode, BigDecimal lower, BigDecimal upper, int count, BigDecimal tick) {
        Objects.requireNonNull(mode, "mode");
        if (count < 2) {
            throw new IllegalArgumentException("grid_num must be at least 2, was " + count);
        }
        if (lower.compareTo(upper) >= 0) {
            throw new IllegalArgumentException("lower " + lower.toPlainString() + " must be below upper "
                    + upper.toPlainString());
        }
        MathContext mc = MathContext.DECIMAL64;
        List<BigDecimal> out = new ArrayList<>(count);
        BigDecimal steps = BigDecimal.valueOf(count - 1L);
        BigDecimal gap = upper.subtract(lower).divide(steps, mc);
        // The ratio is the one place a double enters: it is converted once, then every level is rounded to a tick.
        BigDecimal ratio = new BigDecimal(Math.pow(upper.divide(lower, mc).doubleValue(), 1.0 / (count - 1)), mc);
        for (int k = 0; k < count; k++) {
            BigDecimal raw;
            if (k == 0) {
                raw = lower;
            } else if (k == count - 1) {
                raw = upper;
            } else if (mode == Mode.ARITHMETIC) {
                raw = lower.add(gap.multiply(BigDecimal.valueOf(k)));
            } else {
                raw = lower.multiply(ratio.pow(k, mc), mc);
            }
            out.add(toTick(raw, tick));
        }
        return new GridLadder(out);
    }

    private static BigDecimal toTick(BigDecimal price, BigDecimal tick) {
        return price.divide(tick, 0, RoundingMode.HALF_EVEN).multiply(tick);
    }

    public int size() {
        return levels.size();
    }

    public BigDecimal price(int index) {
        return levels.get(index);
    }

    public BigDecimal lower() {
        return levels.get(0);
    }

    public BigDecimal upper() {
        return levels.get(levels.size() - 1);
    }

    /** The index of the level closest to {@code price} (the lower one on a tie). */
    public int nearestIndex(BigDecimal price) {
        int best = 0;
        BigDecimal bestDistance = null;
        for (int i = 0; i < levels.size(); i++) {
            BigDecimal d = levels.get(i).subtract(price).abs();
            if (bestDistance == null || d.compareTo(bestDistance) < 0) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Whether {@code price} lies within the ladder's bounds. */
    public boolean contains(BigDecimal price) {
        return price.compareTo(lower()) >= 0 && price.compareTo(upper()) <= 0;
    }
}
