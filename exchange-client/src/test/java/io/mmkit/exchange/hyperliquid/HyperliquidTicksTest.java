package io.mmkit.exchange.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/** The examples of Hyperliquid's "Tick and lot size" page, and the tick derived from them. */
class HyperliquidTicksTest {

    @Test
    void shouldAcceptFiveSignificantFiguresAndRefuseSix() {
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("1234.5"), 0, true)).isTrue();
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("1234.56"), 0, true)).isFalse();
    }

    @Test
    void shouldLimitPerpDecimalsToSixLessSizeDecimals() {
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("0.001234"), 0, true)).isTrue();
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("0.0012345"), 0, true)).isFalse();
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("0.01234"), 1, true)).isTrue();
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("0.012345"), 1, true)).isFalse();
    }

    @Test
    void shouldLimitSpotDecimalsToEightLessSizeDecimals() {
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("0.0001234"), 1, false)).isTrue();
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("0.0001234"), 3, false)).isFalse();
    }

    @Test
    void shouldAlwaysAllowIntegerPrices() {
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("123456"), 5, true)).isTrue();
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("123456.0"), 5, true)).isTrue();
        assertThat(HyperliquidTicks.isValidPrice(new BigDecimal("12345.6"), 0, true)).isFalse();
    }

    @Test
    void shouldDeriveTheTickAtAReferencePrice() {
        assertThat(HyperliquidTicks.tickAt(new BigDecimal("1890.5"), 4, true)).isEqualByComparingTo("0.1");
        assertThat(HyperliquidTicks.tickAt(new BigDecimal("100.05"), 2, true)).isEqualByComparingTo("0.01");
        assertThat(HyperliquidTicks.tickAt(new BigDecimal("2.111"), 1, true)).isEqualByComparingTo("0.0001");
        assertThat(HyperliquidTicks.tickAt(new BigDecimal("0.078255"), 0, true)).isEqualByComparingTo("0.000001");
        assertThat(HyperliquidTicks.tickAt(new BigDecimal("97005"), 5, true)).isEqualByComparingTo("1");
        assertThat(HyperliquidTicks.tickAt(new BigDecimal("0.5"), 5, true)).isEqualByComparingTo("0.1");
    }

    @Test
    void shouldFindEveryPriceOnTheReferenceTickValidBelowTheNextPowerOfTen() {
        BigDecimal tick = HyperliquidTicks.tickAt(new BigDecimal("150.25"), 2, true);
        for (BigDecimal p = new BigDecimal("10.00"); p.compareTo(new BigDecimal("999.99")) <= 0;
                p = p.add(new BigDecimal("1.37"))) {
            BigDecimal onTick = p.divide(tick, 0, RoundingMode.FLOOR).multiply(tick);
            assertThat(HyperliquidTicks.isValidPrice(onTick, 2, true)).as(onTick.toPlainString()).isTrue();
        }
    }

    @Test
    void shouldCheckSizesAgainstSizeDecimals() {
        assertThat(HyperliquidTicks.isValidSize(new BigDecimal("1.001"), 3)).isTrue();
        assertThat(HyperliquidTicks.isValidSize(new BigDecimal("1.0001"), 3)).isFalse();
        assertThat(HyperliquidTicks.lot(3)).isEqualByComparingTo("0.001");
    }

    @Test
    void shouldWritePlainDigitsWithoutTrailingZeros() {
        assertThat(HyperliquidTicks.wire(new BigDecimal("100.00"))).isEqualTo("100");
        assertThat(HyperliquidTicks.wire(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(HyperliquidTicks.wire(new BigDecimal("0.01470"))).isEqualTo("0.0147");
    }

    @Test
    void shouldRoundAMarketLimitThroughTheTouch() {
        assertThat(HyperliquidTicks.round(new BigDecimal("105.0525"), 2, true, RoundingMode.CEILING))
                .isEqualByComparingTo("105.06");
        assertThat(HyperliquidTicks.round(new BigDecimal("94.9525"), 2, true, RoundingMode.FLOOR))
                .isEqualByComparingTo("94.952");
    }
}
