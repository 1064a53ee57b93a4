package io.mmkit.strategies.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.OrderBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The imbalance signal and the skew it gives, against numbers worked out by hand. */
class ImbalanceSkewTest {
    private static final BigDecimal MID = new BigDecimal("100");

    private static BookLevel level(String price, String qty) {
        return new BookLevel(new BigDecimal(price), new BigDecimal(qty));
    }

    private static OrderBook book(List<BookLevel> bids, List<BookLevel> asks) {
        return new OrderBook("TEST", bids, asks, 1, Instant.parse("2024-07-23T00:00:00Z"));
    }

    @Test
    void shouldWeighDepthLinearlyDownToZeroAtTheBandEdge() {
        // band 10 bps of 100 = 0.1; bids: 99.98 ×1 (w 0.8) + 99.95 ×2 (w 0.5) + 99.90 ×5 (w 0, left out) = 1.8
        // asks: 100.02 ×0.5 (w 0.8) + 100.08 ×1 (w 0.2) = 0.6;  I = (1.8 − 0.6) / 2.4 = 0.5
        OrderBook b = book(List.of(level("99.98", "1"), level("99.95", "2"), level("99.90", "5")),
                List.of(level("100.02", "0.5"), level("100.08", "1")));

        assertThat(BookImbalance.of(b, MID, BigDecimal.TEN)).isEqualByComparingTo("0.5");
        // a wider band lets the 5 at 99.90 in: w = 0.5 at 20 bps
        // bids 1×0.9 + 2×0.75 + 5×0.5 = 4.9; asks 0.5×0.9 + 1×0.6 = 1.05; I = 3.85 / 5.95
        assertThat(BookImbalance.of(b, MID, BigDecimal.valueOf(20)).doubleValue())
                .isCloseTo(3.85 / 5.95, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void shouldBeZeroOnAnEmptyBandAndMinusOneWithOnlyAsks() {
        assertThat(BookImbalance.of(book(List.of(level("99", "1")), List.of(level("101", "1"))), MID,
                BigDecimal.TEN)).isEqualByComparingTo("0");
        assertThat(BookImbalance.of(book(List.of(level("99", "1")), List.of(level("100.01", "3"))), MID,
                BigDecimal.TEN)).isEqualByComparingTo("-1");
    }

    @Test
    void shouldShiftBothQuotesTowardTheHeavierSide() {
        ImbalanceSkew skew = ImbalanceSkew.read(StrategyParams.of(Map.of("imbalance_skew_percentage", "0.2")));
        // I = 0.5, 0.2 % of 100 at |I| = 1: shift = 0.5 × 0.2 = +0.1
        BigDecimal shift = skew.shift(new BigDecimal("0.5"), MID);
        List<Quote> out = ImbalanceSkew.shifted(List.of(Quote.bid(new BigDecimal("99.88"), BigDecimal.ONE),
                Quote.ask(new BigDecimal("100.12"), BigDecimal.ONE)), shift);

        assertThat(shift).isEqualByComparingTo("0.1");
        assertThat(out.get(0).price()).isEqualByComparingTo("99.98");
        assertThat(out.get(1).price()).isEqualByComparingTo("100.22");
        assertThat(skew.shift(new BigDecimal("-1"), MID)).isEqualByComparingTo("-0.2");
    }

    @Test
    void shouldNameTheKeyOfABadSetting() {
        ConfigException missing = catchThrowableOfType(ConfigException.class,
                () -> ImbalanceSkew.read(StrategyParams.of(Map.of())));
        ConfigException wide = catchThrowableOfType(ConfigException.class, () -> ImbalanceSkew.read(
                StrategyParams.of(Map.of("imbalance_skew_percentage", "0.1", "imbalance_band_bps", "-3"))));

        assertThat(missing.key()).isEqualTo("strategy.imbalance_skew_percentage");
        assertThat(wide.key()).isEqualTo("strategy.imbalance_band_bps");
    }
}
