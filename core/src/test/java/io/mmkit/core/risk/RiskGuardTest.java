package io.mmkit.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.Quote;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskGuardTest {
    private static final Instant T0 = Instant.parse("2024-08-09T00:00:00Z");
    private static final BigDecimal MID = new BigDecimal("100");

    private static RiskLimits limits(Map<String, Object> risk) {
        return RiskLimits.read(StrategyParams.of(Map.of("risk", risk)));
    }

    private static List<String> describe(List<Quote> quotes) {
        return quotes.stream().map(q -> q.side() + " " + q.quantity().stripTrailingZeros().toPlainString() + " @ "
                + q.price().toPlainString()).toList();
    }

    @Test
    void shouldCapEachSideSoThePositionStaysWithinMaxEvenIfEverythingFills() {
        RiskGuard guard = new RiskGuard(limits(Map.of("max_position", "0.5")));
        List<Quote> wanted = List.of(Quote.bid(new BigDecimal("99"), new BigDecimal("0.2")),
                Quote.ask(new BigDecimal("101"), new BigDecimal("0.2")),
                Quote.bid(new BigDecimal("98"), new BigDecimal("0.2")),
                Quote.ask(new BigDecimal("102"), new BigDecimal("0.2")));

        // long 0.2: room 0.3 to buy, 0.7 to sell
        assertThat(describe(guard.filter(wanted, new BigDecimal("0.2"), MID, T0)))
                .containsExactly("BUY 0.2 @ 99", "SELL 0.2 @ 101", "BUY 0.1 @ 98", "SELL 0.2 @ 102");
    }

    @Test
    void shouldCutOrderNotionalAndDropQuotesInsideTheMinimumSpread() {
        RiskGuard guard = new RiskGuard(limits(Map.of("max_order_notional", "50", "min_spread_percentage", "0.5")));
        List<Quote> wanted = List.of(Quote.bid(new BigDecimal("99.8"), new BigDecimal("1")),
                Quote.bid(new BigDecimal("99"), new BigDecimal("1")),
                Quote.ask(new BigDecimal("100"), new BigDecimal("0.1")));

        // half of 0.5 % of 100 = 0.25: 99.8 is too close; 50 / 99 = 0.505050...
        assertThat(describe(guard.filter(wanted, BigDecimal.ZERO, MID, T0)))
                .containsExactly("BUY 0.50505050505 @ 99");
    }

    @Test
    void shouldTripOnDrawdownFromThePeakAndStayStopped() {
        RiskGuard guard = new RiskGuard(limits(Map.of("max_drawdown", "10")));
        assertThat(guard.onEquity(new BigDecimal("5"), T0).isTrading()).isTrue();
        assertThat(guard.onEquity(new BigDecimal("-5"), T0).isTrading()).isTrue();
        RiskGuard.Verdict v = guard.onEquity(new BigDecimal("-5.01"), T0);
        assertThat(v.state()).isEqualTo(RiskGuard.State.STOP);
        assertThat(v.reason()).isEqualTo("kill switch: drawdown 10.01 from peak equity 5 exceeds max_drawdown 10");
        assertThat(guard.onEquity(new BigDecimal("100"), T0).state()).isEqualTo(RiskGuard.State.STOP);
        assertThat(guard.filter(List.of(Quote.bid(MID, BigDecimal.ONE)), BigDecimal.ZERO, MID, T0)).isEmpty();
    }

    @Test
    void shouldPauseThenResumeFromANewPeak() {
        RiskGuard guard = new RiskGuard(limits(Map.of("max_drawdown", "1", "on_drawdown", "pause",
                "pause_duration", "1m")));
        guard.onEquity(BigDecimal.ZERO, T0);
        assertThat(guard.onEquity(new BigDecimal("-2"), T0).state()).isEqualTo(RiskGuard.State.PAUSED);
        assertThat(guard.quotingAllowed(T0.plusSeconds(59))).isFalse();
        assertThat(guard.onEquity(new BigDecimal("-2"), T0.plus(Duration.ofMinutes(1))).isTrading()).isTrue();
        assertThat(guard.peakEquity()).isEqualByComparingTo("-2");
    }

    @Test
    void shouldNameTheKeyOfABadRiskValue() {
        assertThatThrownBy(() -> limits(Map.of("on_drawdown", "panic"))).isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("strategy.risk.on_drawdown");
        assertThatThrownBy(() -> limits(Map.of("max_position", "0"))).isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("strategy.risk.max_position");
    }
}
