package io.mmkit.strategies.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.spi.StrategyProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every provider is found by name, accepts its documented example, and names the key of a problem. */
class ProvidersTest {
    private static final Map<String, Map<String, Object>> EXAMPLES = Map.of(
            "standard", Map.of("base_spread_percentage", "0.2", "order_quantity", "0.1", "max_orders", 3,
                    "base_asset_target_percentage", "50", "rebalance_threshold", "15"),
            "perp_market_maker", Map.of("base_spread_percentage", "0.1", "order_quantity", "0.01",
                    "max_position", "0.1", "position_threshold", "0.08", "inventory_skew", "0.5", "leverage", 3,
                    "stop_loss", "25", "take_profit", "50"),
            "grid", Map.of("grid_lower_price", "90", "grid_upper_price", "110", "grid_num", 21,
                    "order_quantity", "0.1"),
            "perp_grid", Map.of("auto_range_percent", "5", "grid_num", 11, "order_quantity", "0.01",
                    "grid_type", "long", "max_position", "0.1", "boundary_action", "adjust_range"),
            "maker_taker_hedge", Map.of("base_spread_percentage", "0.1", "order_quantity", "0.01",
                    "hedge_market", "hedge"),
            "avellaneda_stoikov", Map.of("order_quantity", "0.1", "gamma", "0.5", "volatility_window", 30,
                    "max_inventory", "1", "horizon", "finite", "time_horizon", "5m"),
            "imbalance_maker", Map.of("base_spread_percentage", "0.2", "order_quantity", "0.1",
                    "imbalance_band_bps", "10", "imbalance_skew_percentage", "0.05"));

    private static Map<String, StrategyProvider> providers() {
        return ServiceLoader.load(StrategyProvider.class).stream().map(ServiceLoader.Provider::get)
                .collect(Collectors.toMap(StrategyProvider::name, p -> p));
    }

    @Test
    void shouldFindEveryStrategyByItsName() {
        assertThat(providers().keySet()).containsExactlyInAnyOrder("standard", "perp_market_maker", "grid",
                "perp_grid", "maker_taker_hedge", "avellaneda_stoikov", "imbalance_maker");
        assertThat(providers().values()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
    }

    @Test
    void shouldAcceptEachExampleAndOnlyTheHedgeAsksForASecondMarket() {
        providers().forEach((name, provider) -> {
            Map<String, Object> params = new HashMap<>(EXAMPLES.get(name));
            params.put("risk", Map.of("max_drawdown", "50", "on_drawdown", "stop"));
            var configured = provider.configure(StrategyParams.of(params));
            assertThat(configured.requiredMarkets()).as(name)
                    .isEqualTo(name.equals("maker_taker_hedge") ? java.util.Set.of("hedge") : java.util.Set.of());
        });
    }

    @Test
    void shouldRejectAnUnknownKeyAndAZeroQuantityNamingTheKey() {
        providers().forEach((name, provider) -> {
            Map<String, Object> typo = new HashMap<>(EXAMPLES.get(name));
            typo.put("order_quantiy", "1");
            ConfigException unknown = catchThrowableOfType(ConfigException.class,
                    () -> provider.configure(StrategyParams.of(typo)));
            assertThat(unknown.key()).as(name).isEqualTo("strategy.order_quantiy");

            Map<String, Object> zero = new HashMap<>(EXAMPLES.get(name));
            zero.put("order_quantity", "0");
            ConfigException bad = catchThrowableOfType(ConfigException.class,
                    () -> provider.configure(StrategyParams.of(zero)));
            assertThat(bad.key()).as(name).isEqualTo("strategy.order_quantity");
        });
    }

    @Test
    void shouldRejectAPositionThresholdAboveMaxPosition() {
        Map<String, Object> p = new HashMap<>(EXAMPLES.get("perp_market_maker"));
        p.put("position_threshold", "0.2");
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> providers().get("perp_market_maker").configure(StrategyParams.of(p)));
        assertThat(e.key()).isEqualTo("strategy.position_threshold");
    }
}
