package io.mmkit.sim;

import io.mmkit.core.model.Decimals;
import java.math.BigDecimal;

/**
 * Decimal values as scaled longs inside the matching loop: {@code units = value x 10^scale}. Never part of a
 * public API: what leaves the engine is converted back to {@link BigDecimal}.
 */
final class FixedPoint {
    private final int scale;

    FixedPoint(int scale) {
        if (scale < 0 || scale > 12) {
            throw new IllegalArgumentException("scale must be 0..12, was " + scale);
        }
        this.scale = scale;
    }

    /** A scale fine enough for {@code unit} and for the 8 decimals venues publish. */
    static FixedPoint fineEnoughFor(BigDecimal unit) {
        return new FixedPoint(Math.max(8, Math.max(0, unit.stripTrailingZeros().scale())));
    }

    /**
     * @throws ArithmeticException if {@code value} has more decimals than this scale or overflows a long
     */
    long units(BigDecimal value) {
        if (value.scale() == scale) {
            return value.unscaledValue().longValueExact();
        }
        return value.movePointRight(scale).longValueExact();
    }

    BigDecimal decimal(long units) {
        return Decimals.normalize(BigDecimal.valueOf(units, scale));
    }

    int scale() {
        return scale;
    }
}
