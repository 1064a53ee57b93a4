package io.mmkit.strategies.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.EngineSettings;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.model.OrderType;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.testing.ScriptedHistoryVenue;
import io.mmkit.core.time.SimulatedTimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A grid restarted after its buys at 99, 98 and 97 filled while it was down (the price came back to 100): the
 * engine hands the recovered fills to {@code onFill} after {@code onStart}, so the freshly seeded grid turns
 * those levels into their closing sells instead of placing the filled buys again.
 */
class GridRestartTest {
    private static final Instrument SOL = Instrument.spot("SOL_USDC", "SOL", "USDC", "0.01", "0.01");
    private static final Instant EARLIER_RUN = Instant.parse("2026-01-01T00:00:00Z");

    private final SimulatedTimeSource time = new SimulatedTimeSource(EARLIER_RUN.plusSeconds(120));
    private final ScriptedHistoryVenue venue = new ScriptedHistoryVenue(SOL, time, "99.95", "100.05");
    private final InMemoryTradeStore store = new InMemoryTradeStore();

    @Test
    void shouldPlaceTheCounterOrdersOfLevelsThatFilledWhileDownInsteadOfTheFilledLevels() {
        store.recordRunStart(EARLIER_RUN);
        int id = 5000;
        for (String level : List.of("99", "98", "97", "96", "95")) {
            String clientId = Integer.toString(id++);
            store.orderPlaced(new OrderRequest(SOL.symbol(), clientId, Side.BUY, OrderType.LIMIT,
                    TimeInForce.POST_ONLY, new BigDecimal(level), new BigDecimal("0.1"), false), "v" + clientId,
                    OrderStatus.NEW, EARLIER_RUN.plusSeconds(1));
            if (List.of("99", "98", "97").contains(level)) {
                venue.record(clientId, OrderState.Status.FILLED, "0.1", "0.1");
                venue.filled(clientId, Side.BUY, level, "0.1", EARLIER_RUN.plusSeconds(60));
            } else {
                venue.resting(clientId, Side.BUY, level, "0.1", "0");
            }
        }
        GridStrategyTest.ProbedGrid grid = new GridStrategyTest.ProbedGrid(context(), gridParams());

        grid.run();

        assertThat(venue.placements()).as("no buy placed again at 99, 98 or 97")
                .noneMatch(p -> p.side() == Side.BUY && p.price().compareTo(new BigDecimal("97")) >= 0);
        assertThat(venue.placements()).filteredOn(p -> p.side() == Side.SELL)
                .extracting(p -> p.price().stripTrailingZeros().toPlainString())
                .contains("98", "99", "100", "101", "105");
        assertThat(grid.book().slots()).hasEntrySatisfying(5, slot -> {
            assertThat(slot.side()).isEqualTo(Side.SELL);
            assertThat(slot.closing()).as("the sell at 100 closes the buy at 99").isTrue();
            assertThat(slot.openPrice()).isEqualByComparingTo("99");
        });
        assertThat(grid.ledger().position()).as("the true position: three buys of 0.1").isEqualByComparingTo("0.3");
        assertThat(venue.cancels()).as("first the earlier run's resting buys at 96 and 95, cancelled as orphans")
                .startsWith("5003", "5004");
    }

    private MarketMakerContext context() {
        EngineSettings settings = EngineSettings.of("grid-restart", Duration.ofSeconds(1))
                .withDuration(Duration.ofSeconds(3)).withShutdown(ScriptedHistoryVenue.FAST_SHUTDOWN);
        return MarketMakerContext.of(settings, time, store, new ClientOrderIds(9, 1), venue, SOL.symbol());
    }

    private static GridParams gridParams() {
        return GridParams.read(StrategyParams.of(Map.of("grid_lower_price", "95", "grid_upper_price", "105",
                "grid_num", 11, "order_quantity", "0.1")));
    }
}
