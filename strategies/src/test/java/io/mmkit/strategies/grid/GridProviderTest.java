package io.mmkit.strategies.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.spi.StrategyProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GridProviderTest {
    private final GridProvider provider = new GridProvider();

    private static Map<String, Object> valid() {
        Map<String, Object> m = new HashMap<>();
        m.put("grid_lower_price", "95");
        m.put("grid_upper_price", "105");
        m.put("grid_num", 11);
        m.put("order_quantity", "0.1");
        m.put("grid_mode", "geometric");
        return m;
    }

    private String keyOfError(Map<String, Object> params) {
        try {
            provider.configure(StrategyParams.of(params));
        } catch (ConfigException e) {
            return e.key();
        }
        return "no error";
    }

    @Test
    void shouldBeFoundByNameThroughServiceLoader() {
        assertThat(ServiceLoader.load(StrategyProvider.class).stream().map(p -> p.get().name()))
                .contains("grid");
    }

    @Test
    void shouldAcceptAValidSectionWithOptionalRisk() {
        Map<String, Object> m = valid();
        m.put("risk", Map.of("max_position", "1", "max_drawdown", "50", "on_drawdown", "pause"));
        assertThat(provider.configure(StrategyParams.of(m)).requiredMarkets()).isEmpty();
    }

    @Test
    void shouldNameTheKeyOfEachValidationError() {
        Map<String, Object> missing = valid();
        missing.remove("grid_upper_price");
        assertThat(keyOfError(missing)).isEqualTo("strategy.grid_upper_price");

        Map<String, Object> zeroQty = valid();
        zeroQty.put("order_quantity", "0");
        assertThat(keyOfError(zeroQty)).isEqualTo("strategy.order_quantity");

        Map<String, Object> negativeQty = valid();
        negativeQty.put("order_quantity", "-1");
        assertThat(keyOfError(negativeQty)).isEqualTo("strategy.order_quantity");

        Map<String, Object> inverted = valid();
        inverted.put("grid_lower_price", "105");
        assertThat(keyOfError(inverted)).isEqualTo("strategy.grid_lower_price");

        Map<String, Object> oneLevel = valid();
        oneLevel.put("grid_num", 1);
        assertThat(keyOfError(oneLevel)).isEqualTo("strategy.grid_num");

        Map<String, Object> typo = valid();
        typo.put("grid_nmu", 5);
        assertThat(keyOfError(typo)).isEqualTo("strategy.grid_nmu");

        Map<String, Object> badMode = valid();
        badMode.put("grid_mode", "fibonacci");
        assertThat(keyOfError(badMode)).isEqualTo("strategy.grid_mode");

        Map<String, Object> riskTypo = valid();
        riskTypo.put("risk", Map.of("max_drawdwn", "5"));
        assertThat(keyOfError(riskTypo)).isEqualTo("strategy.risk.max_drawdwn");
    }

    @Test
    void shouldTakeAutoRangeInsteadOfBounds() {
        Map<String, Object> auto = new HashMap<>(Map.of("auto_range_percent", "5", "grid_num", 5,
                "order_quantity", "0.1"));
        assertThat(keyOfError(auto)).isEqualTo("no error");
        auto.put("grid_lower_price", "95");
        assertThat(keyOfError(auto)).isEqualTo("strategy.auto_range_percent");
    }
}
