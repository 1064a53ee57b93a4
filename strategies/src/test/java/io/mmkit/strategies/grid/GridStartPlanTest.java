package io.mmkit.strategies.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StartPlan;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grid's start plan, as the launcher's pre-flight sees it: the orders it seeds, and a range that misses the price. */
class GridStartPlanTest {
    private static final Instrument SOL = Instrument.spot("SOL_USDC", "SOL", "USDC", "0.01", "0.01");
    private static final BookTop AT_100 = new BookTop("SOL_USDC", new BigDecimal("99.99"), BigDecimal.ONE,
            new BigDecimal("100.01"), BigDecimal.ONE, Instant.EPOCH);

    private static ConfiguredStrategy grid(String lower, String upper, int levels, Object... extra) {
        Map<String, Object> m = new HashMap<>(Map.of("grid_lower_price", lower, "grid_upper_price", upper,
                "grid_num", levels, "order_quantity", "0.5"));
        for (int i = 0; i < extra.length; i += 2) {
            m.put((String) extra[i], extra[i + 1]);
        }
        return new GridProvider().configure(StrategyParams.of(m));
    }

    @Test
    void shouldPlanBuysBelowAndSellsAboveTheMidAsTheGridSeedsThem() {
        StartPlan plan = grid("90", "110", 11).startPlan(SOL, AT_100, List.of());

        assertThat(plan.quantityKey()).isEqualTo("strategy.order_quantity");
        assertThat(plan.quotes()).hasSize(10);
        assertThat(plan.quotes().stream().filter(q -> q.side() == Side.BUY).map(Quote::price))
                .allMatch(p -> p.compareTo(new BigDecimal("100")) < 0).hasSize(5);
        assertThat(plan.quotes()).allSatisfy(q -> assertThat(q.quantity()).isEqualByComparingTo("0.5"));
    }

    @Test
    void shouldRefuseARangeThatDoesNotContainThePrice() {
        assertThatThrownBy(() -> grid("200", "210", 20).startPlan(SOL, AT_100, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strategy.grid_lower_price")
                .hasMessageContaining("0 buy(s) and 19 sell(s)");
    }

    @Test
    void shouldPlanAOneSidedGridWhenAllowed() {
        StartPlan plan = grid("200", "210", 20, "allow_one_sided", true).startPlan(SOL, AT_100, List.of());

        assertThat(plan.quotes()).hasSize(19).allMatch(q -> q.side() == Side.SELL);
    }

    @Test
    void shouldNameGridNumWhenLevelsFallOnOneTick() {
        assertThatThrownBy(() -> grid("99.99", "100.01", 10).startPlan(SOL, AT_100, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("strategy.grid_num: ");
    }

    @Test
    void shouldSayHowManyOrdersItsLevelsCanRest() {
        assertThat(grid("90", "110", 11).restingOrderCount()).get()
                .satisfies(c -> {
                    assertThat(c.key()).isEqualTo("strategy.grid_num");
                    assertThat(c.orders()).isEqualTo(10);
                });
    }

    @Test
    void shouldRefuseAGridNumPastTheHardCeiling() {
        assertThatThrownBy(() -> grid("90", "110", 100_000_000))
                .isInstanceOf(ConfigException.class).hasMessageContaining("strategy.grid_num: must be at most 10000");
    }
}
