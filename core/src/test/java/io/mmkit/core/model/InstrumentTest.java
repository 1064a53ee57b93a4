package io.mmkit.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class InstrumentTest {
    private final Instrument sol = Instrument.spot("SOL_USDC", "SOL", "USDC", "0.01", "0.01")
            .withMinimums(new BigDecimal("0.1"), new BigDecimal("5"));

    @Test
    void shouldRoundBidsDownAndAsksUpToTheTick() {
        assertThat(sol.roundPrice(Side.BUY, new BigDecimal("150.019"))).isEqualByComparingTo("150.01");
        assertThat(sol.roundPrice(Side.SELL, new BigDecimal("150.011"))).isEqualByComparingTo("150.02");
        assertThat(sol.roundPrice(Side.BUY, new BigDecimal("150.01"))).isEqualByComparingTo("150.01");
        assertThat(sol.roundPrice(Side.SELL, new BigDecimal("150.01"))).isEqualByComparingTo("150.01");
    }

    @Test
    void shouldRoundQuantityDownToTheLot() {
        assertThat(sol.roundQuantity(new BigDecimal("1.239"))).isEqualByComparingTo("1.23");
    }

    @Test
    void shouldNormaliseSoThatEqualPricesAreEqualKeys() {
        BigDecimal a = sol.roundPrice(Side.BUY, new BigDecimal("150.0"));
        BigDecimal b = sol.roundPrice(Side.BUY, new BigDecimal("150.000"));
        assertThat(a).isEqualTo(b);
        assertThat(a.toPlainString()).isEqualTo("150");
    }

    @Test
    void shouldReportMinimumsAndPrecision() {
        assertThat(sol.validate(new BigDecimal("150"), new BigDecimal("0.055"))).contains(RejectReason.INVALID_PRECISION);
        assertThat(sol.validate(new BigDecimal("150"), new BigDecimal("0.02"))).contains(RejectReason.BELOW_MIN_QUANTITY);
        assertThat(sol.validate(new BigDecimal("10"), new BigDecimal("0.2"))).contains(RejectReason.BELOW_MIN_NOTIONAL);
        assertThat(sol.validate(new BigDecimal("150.005"), new BigDecimal("1"))).contains(RejectReason.INVALID_PRECISION);
        assertThat(sol.validate(new BigDecimal("150"), new BigDecimal("1"))).isEmpty();
    }

    @Test
    void shouldRefuseNonPositiveTick() {
        assertThatThrownBy(() -> Instrument.spot("X", "A", "B", "0", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tickSize");
    }

    @Test
    void shouldRefuseACrossedBook() {
        assertThatThrownBy(() -> new BookTop("X", BigDecimal.TEN, BigDecimal.ONE, BigDecimal.TEN, BigDecimal.ONE,
                java.time.Instant.EPOCH)).hasMessageContaining("crossed");
    }
}
