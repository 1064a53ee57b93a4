package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Side;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.sim.SimulatedExchange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedVenueTest {
    private static final Instant START = Instant.parse("2026-01-02T03:04:05.678Z");

    private static Map<String, Object> section(Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("name", "simulated", "base", "SOL", "quote", "USDC",
                "tick_size", "0.01", "step_size", "0.01", "start_price", "150", "seed", 7,
                "balances", Map.of("USDC", "10000", "SOL", "50")));
        m.putAll(extra);
        return m;
    }

    @Test
    void shouldAcceptEveryFillModelOfTheEngine() {
        for (String model : new String[] {"touch", "trade-through", "queue"}) {
            SimulatedVenue venue = SimulatedVenue.from("SOL_USDC", section(Map.of("fill_model", model)));
            try (SimulatedExchange sim = venue.open(new SimulatedTimeSource(START))) {
                assertThat(sim.fillModel()).isEqualTo(model);
            }
        }
    }

    @Test
    void shouldNameTheKeyAndTheKnownModelsForAnUnknownFillModel() {
        assertThatThrownBy(() -> SimulatedVenue.from("SOL_USDC", section(Map.of("fill_model", "magic"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("fill_model")
                .hasMessageContaining("touch, trade-through, queue");
    }

    @Test
    void shouldStartOrderIdsWithAPrefixTakenFromTheClockAtStart() {
        SimulatedVenue venue = SimulatedVenue.from("SOL_USDC", section(Map.of()));
        SimulatedTimeSource clock = new SimulatedTimeSource(START);
        try (SimulatedExchange sim = venue.open(clock)) {
            clock.advance(Duration.ofSeconds(1));
            PlaceResult r = sim.place(OrderRequest.postOnly("SOL_USDC", "1", Side.BUY, new BigDecimal("140"),
                    BigDecimal.ONE));

            assertThat(r).isInstanceOfSatisfying(PlaceResult.Accepted.class,
                    a -> assertThat(a.order().orderId()).isEqualTo(SimulatedVenue.runIdPrefix(START) + "S1"));
        }
        assertThat(SimulatedVenue.runIdPrefix(START)).isEqualTo("r" + Long.toString(START.toEpochMilli(), 36) + "-")
                .isNotEqualTo(SimulatedVenue.runIdPrefix(START.plusMillis(1)));
    }
}
