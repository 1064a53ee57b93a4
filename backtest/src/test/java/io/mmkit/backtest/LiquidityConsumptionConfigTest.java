package io.mmkit.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.sim.ExchangeSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code backtest.liquidity_consumption} switches the engine's liquidity consumption; it is on unless set false. */
class LiquidityConsumptionConfigTest {

    @Test
    void shouldBeOnUnlessSwitchedOff() {
        assertThat(settings(Map.of()).liquidityConsumption()).isTrue();
        assertThat(settings(Map.of("liquidity_consumption", true)).liquidityConsumption()).isTrue();
        assertThat(settings(Map.of("liquidity_consumption", false)).liquidityConsumption()).isFalse();
    }

    @Test
    void shouldNameTheKeyWhenTheValueIsNotABoolean() {
        assertThatThrownBy(() -> settings(Map.of("liquidity_consumption", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backtest.liquidity_consumption")
                .hasMessageContaining("must be true or false");
    }

    private static ExchangeSettings settings(Map<String, Object> backtest) {
        Map<String, Object> tree = Map.of("symbol", "TESTUSDT",
                "exchange", Map.of("market", "spot", "base", "TEST", "quote", "USDT", "tick_size", "0.1",
                        "step_size", "1"),
                "backtest", backtest);
        return BacktestConfigReader.parse(tree, Path.of(".")).exchange();
    }
}
