package io.mmkit.exchange.hyperliquid;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Hyperliquid's price and size rules ("Tick and lot size" in its API docs): a price has at most 5 significant
 * figures and at most {@code MAX_DECIMALS - szDecimals} decimals ({@code MAX_DECIMALS} is 6 for perpetuals, 8 for
 * spot), and an integer price is always allowed; a size has at most {@code szDecimals} decimals.
 *
 * <p>The core {@code Instrument} has one tick size; Hyperliquid's tick depends on the price. {@link #tickAt} gives
 * the tick at a reference price (the mark), which is also valid for every lower price, so quotes around the mark
 * are on the grid. A price above the next power of ten needs a coarser tick: {@link #isValidPrice} says so before
 * anything is sent. Pure functions.
 */
public final class HyperliquidTicks {
    static final int SIGNIFICANT_FIGURES = 5;
    static final int PERP_MAX_DECIMALS = 6;
    static final int SPOT_MAX_DECIMALS = 8;

    private HyperliquidTicks() {
    }

    /** The most decimals a price may have: {@code MAX_DECIMALS - szDecimals}, never below 0. */
    public static int priceDecimals(int szDecimals, boolean perpetual) {
        return Math.max(0, (perpetual ? PERP_MAX_DECIMALS : SPOT_MAX_DECIMALS) - szDecimals);
    }

    /** The lot: {@code 10^-szDecimals}. */
    public static BigDecimal lot(int szDecimals) {
        return BigDecimal.ONE.movePointLeft(szDecimals);
    }

    /**
     * The price step at {@code price}: the larger of its fifth significant figure and the decimal limit, and never
     * more than 1 (integer prices are always allowed).
     */
    public static BigDecimal tickAt(BigDecimal price, int szDecimals, boolean perpetual) {
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("reference price must be positive, was " + price.toPlainString());
        }
        int magnitude = price.precision() - price.scale() - 1;
        BigDecimal bySignificance = BigDecimal.ONE.movePointRight(magnitude - (SIGNIFICANT_FIGURES - 1));
        BigDecimal byDecimals = BigDecimal.ONE.movePointLeft(priceDecimals(szDecimals, perpetual));
        BigDecimal tick = bySignificance.max(byDecimals);
        return tick.compareTo(BigDecimal.ONE) > 0 ? BigDecimal.ONE : tick.stripTrailingZeros();
    }

    /** Whether Hyperliquid accepts {@code price}: an integer, or within both the figure and the decimal limit. */
    public static boolean isValidPrice(BigDecimal price, int szDecimals, boolean perpetual) {
        BigDecimal p = price.stripTrailingZeros();
        if (p.scale() <= 0) {
            return true;
        }
        return p.scale() <= priceDecimals(szDecimals, perpetual) && p.precision() <= SIGNIFICANT_FIGURES;
    }

    /** Whether {@code size} has at most {@code szDecimals} decimals. */
    public static boolean isValidSize(BigDecimal size, int szDecimals) {
        return size.stripTrailingZeros().scale() <= szDecimals;
    }

    /**
     * A valid price at or beyond {@code price} in the given direction: rounded to 5 significant figures and to the
     * decimal limit, {@code FLOOR} for a bid and {@code CEILING} for an ask (used for the limit of an IOC order).
     */
    public static BigDecimal round(BigDecimal price, int szDecimals, boolean perpetual, RoundingMode mode) {
        BigDecimal tick = tickAt(price, szDecimals, perpetual);
        BigDecimal rounded = price.divide(tick, 0, mode).multiply(tick);
        return rounded.stripTrailingZeros();
    }

    /**
     * The wire form of a price or size: plain digits, trailing zeros removed (the signing rule), e.g. {@code 100}
     * and {@code 0.0147}.
     */
    public static String wire(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
