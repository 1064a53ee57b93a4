package io.mmkit.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * A tradable market and its rules: tick size, lot (step) size, minimum quantity and minimum notional, and the
 * largest quantity one order may have.
 *
 * <p>Rounding follows the maker's interest: a bid rounds <em>down</em> and an ask rounds <em>up</em>, so a
 * rounded quote is never more aggressive than the price asked for. Quantities round down to the lot.
 */
public record Instrument(
        String symbol,
        String baseAsset,
        String quoteAsset,
        MarketType type,
        BigDecimal tickSize,
        BigDecimal stepSize,
        BigDecimal minQuantity,
        BigDecimal minNotional,
        BigDecimal maxQuantity) {

    /** With no stated maximum quantity. */
    public Instrument(String symbol, String baseAsset, String quoteAsset, MarketType type, BigDecimal tickSize,
                      BigDecimal stepSize, BigDecimal minQuantity, BigDecimal minNotional) {
        this(symbol, baseAsset, quoteAsset, type, tickSize, stepSize, minQuantity, minNotional, null);
    }

    /**
     * @param maxQuantity the largest quantity of one order, or {@code null} when the venue states none
     */
    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(baseAsset, "baseAsset");
        Objects.requireNonNull(quoteAsset, "quoteAsset");
        Objects.requireNonNull(type, "type");
        tickSize = Decimals.requirePositive(tickSize, "tickSize");
        stepSize = Decimals.requirePositive(stepSize, "stepSize");
        minQuantity = Decimals.requireNonNegative(minQuantity, "minQuantity");
        minNotional = Decimals.requireNonNegative(minNotional, "minNotional");
        maxQuantity = maxQuantity == null ? null : Decimals.requirePositive(maxQuantity, "maxQuantity");
    }

    public static Instrument spot(String symbol, String base, String quote, String tick, String step) {
        return new Instrument(symbol, base, quote, MarketType.SPOT, new BigDecimal(tick), new BigDecimal(step),
                new BigDecimal(step), BigDecimal.ZERO);
    }

    public static Instrument perpetual(String symbol, String base, String quote, String tick, String step) {
        return new Instrument(symbol, base, quote, MarketType.PERPETUAL, new BigDecimal(tick), new BigDecimal(step),
                new BigDecimal(step), BigDecimal.ZERO);
    }

    public Instrument withMinimums(BigDecimal minQty, BigDecimal minNotionalValue) {
        return new Instrument(symbol, baseAsset, quoteAsset, type, tickSize, stepSize, minQty, minNotionalValue,
                maxQuantity);
    }

    /** The same market with a largest order quantity ({@code null}: none stated). */
    public Instrument withMaxQuantity(BigDecimal max) {
        return new Instrument(symbol, baseAsset, quoteAsset, type, tickSize, stepSize, minQuantity, minNotional, max);
    }

    public boolean isPerpetual() {
        return type == MarketType.PERPETUAL;
    }

    /** Largest tick-aligned price at or below {@code price}. */
    public BigDecimal floorPrice(BigDecimal price) {
        return align(price, tickSize, RoundingMode.FLOOR);
    }

    /** Smallest tick-aligned price at or above {@code price}. */
    public BigDecimal ceilPrice(BigDecimal price) {
        return align(price, tickSize, RoundingMode.CEILING);
    }

    /** Rounds a quote price in the maker's favour: bids down, asks up. */
    public BigDecimal roundPrice(Side side, BigDecimal price) {
        return side == Side.BUY ? floorPrice(price) : ceilPrice(price);
    }

    /** Rounds a quantity down to the lot size. */
    public BigDecimal roundQuantity(BigDecimal quantity) {
        return align(quantity, stepSize, RoundingMode.FLOOR);
    }

    public boolean isOnTick(BigDecimal price) {
        return price.remainder(tickSize).signum() == 0;
    }

    public boolean isOnStep(BigDecimal quantity) {
        return quantity.remainder(stepSize).signum() == 0;
    }

    /**
     * Checks a limit order's size against this instrument's minimums and grid.
     *
     * @return the reason it would be rejected, or empty when it is acceptable
     */
    public Optional<RejectReason> validate(BigDecimal price, BigDecimal quantity) {
        if (!isOnStep(quantity) || (price != null && !isOnTick(price))) {
            return Optional.of(RejectReason.INVALID_PRECISION);
        }
        if (quantity.compareTo(minQuantity) < 0 || quantity.signum() <= 0) {
            return Optional.of(RejectReason.BELOW_MIN_QUANTITY);
        }
        if (price != null && price.multiply(quantity).compareTo(minNotional) < 0) {
            return Optional.of(RejectReason.BELOW_MIN_NOTIONAL);
        }
        return Optional.empty();
    }

    private static BigDecimal align(BigDecimal value, BigDecimal unit, RoundingMode mode) {
        BigDecimal units = value.divide(unit, 0, mode);
        return Decimals.normalize(units.multiply(unit));
    }
}
