package io.mmkit.core.engine;

import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One instrument's prices and quantities as fixed-point longs (units of {@code 10^-scale}, the finer of tick and
 * lot), so the reconciler rounds and compares quotes with integer arithmetic instead of {@code BigDecimal}
 * division. Rounding is the instrument's: bids down, asks up, quantities down to the lot. A value too large for a
 * long at this scale is {@link #NONE}: the caller falls back to the instrument's own {@code BigDecimal} rounding.
 * Immutable.
 */
final class QuoteUnits {
    /** Not representable as a long at this scale (or not exactly, for {@link #exact}). */
    static final long NONE = Long.MIN_VALUE;

    private final int scale;
    private final long tick;
    private final long step;
    private final long minQuantity;
    /** The minimum notional in units of {@code 10^-2scale} (price units x quantity units); 0 for none. */
    private final long minNotional;

    private QuoteUnits(int scale, long tick, long step, long minQuantity, long minNotional) {
        this.scale = scale;
        this.tick = tick;
        this.step = step;
        this.minQuantity = minQuantity;
        this.minNotional = minNotional;
    }

    /** The units of {@code instrument}, or {@code null} when its rules do not fit in longs (then round exactly). */
    static QuoteUnits of(Instrument instrument) {
        int scale = Math.max(0, Math.max(instrument.tickSize().scale(), instrument.stepSize().scale()));
        if (scale > 9) {
            return null;
        }
        try {
            long tick = instrument.tickSize().movePointRight(scale).longValueExact();
            long step = instrument.stepSize().movePointRight(scale).longValueExact();
            long minQty = instrument.minQuantity().movePointRight(scale).setScale(0, RoundingMode.CEILING)
                    .longValueExact();
            long minNotional = instrument.minNotional().movePointRight(2 * scale).setScale(0, RoundingMode.CEILING)
                    .longValueExact();
            return new QuoteUnits(scale, tick, step, minQty, minNotional);
        } catch (ArithmeticException tooLarge) {
            return null;
        }
    }

    /** {@code price} on the tick grid in the maker's favour (bids down, asks up), or {@link #NONE}. */
    long price(Side side, BigDecimal price) {
        RoundingMode mode = side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING;
        long units = units(price, mode);
        if (units == NONE) {
            return NONE;
        }
        return side == Side.BUY ? Math.floorDiv(units, tick) * tick : -Math.floorDiv(-units, tick) * tick;
    }

    /** {@code quantity} rounded down to the lot, or {@link #NONE}. */
    long quantity(BigDecimal quantity) {
        long units = units(quantity, RoundingMode.FLOOR);
        return units == NONE ? NONE : Math.floorDiv(units, step) * step;
    }

    /** {@code value} in units if it is exactly a whole number of them, else {@link #NONE}. */
    long exact(BigDecimal value) {
        return units(value, RoundingMode.UNNECESSARY);
    }

    /** {@code tolerance} in whole units (rounded down: a price difference is a whole number of units). */
    long tolerance(BigDecimal tolerance) {
        long units = units(tolerance, RoundingMode.FLOOR);
        return units == NONE ? Long.MAX_VALUE : units;
    }

    /** Whether a tick-aligned price and lot-aligned quantity meet the minimum quantity and notional. */
    boolean acceptable(long price, long quantity) {
        if (quantity <= 0 || quantity < minQuantity) {
            return false;
        }
        if (minNotional == 0) {
            return true;
        }
        long high = Math.multiplyHigh(price, quantity);
        long low = price * quantity;
        // Both are positive: the product exceeds any long minimum once the high word is set.
        return high != 0 || low < 0 || low >= minNotional;
    }

    BigDecimal decimal(long units) {
        return Decimals.normalize(BigDecimal.valueOf(units, scale));
    }

    private long units(BigDecimal value, RoundingMode mode) {
        try {
            return value.setScale(scale, mode).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            return NONE;
        }
    }
}
