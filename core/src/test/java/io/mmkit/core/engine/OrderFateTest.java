package io.mmkit.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.Side;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.store.RecordedOrder;
import io.mmkit.core.testing.FixedSpreadMaker;
import io.mmkit.core.testing.ScriptedHistoryVenue;
import io.mmkit.core.time.SimulatedTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The store never says CANCELLED for an order the venue did not confirm cancelled: an order that filled while its
 * fills could not be read (an outage of the fill history, a 401 spell) and then vanished from the open-orders
 * listing is recorded FILLED from the venue's own record, and its fill is booked once the history shows it.
 */
class OrderFateTest {
    private static final Instrument SOL = Instrument.spot("SOL_USDC", "SOL", "USDC", "0.01", "0.01");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final SimulatedTimeSource time = new SimulatedTimeSource(T0);
    private final ScriptedHistoryVenue venue = new ScriptedHistoryVenue(SOL, time, "99.50", "100.50");
    private final InMemoryTradeStore store = new InMemoryTradeStore();

    @Test
    void shouldRecordAnOrderThatFilledUnseenAsFilledWithItsFillNotAsCancelled() {
        store.fill("scripted", venue.filled("1", Side.BUY, "99", "1", T0.minusSeconds(60)));
        AtomicReference<Fill> unseen = new AtomicReference<>();
        time.addListener(now -> {
            if (unseen.get() == null && !now.isBefore(T0.plusSeconds(10))) {
                OpenOrder bid = venue.restingOrders().stream().filter(o -> o.side() == Side.BUY).findFirst()
                        .orElseThrow();
                // Fills cannot be read for the next 90 s; the order is gone from the book at once.
                unseen.set(venue.fillResting(bid.clientOrderId(), now.plusSeconds(90)));
            }
        });
        EngineSettings settings = EngineSettings.of("order-fate", Duration.ofSeconds(1))
                .withDuration(Duration.ofSeconds(150)).withShutdown(ScriptedHistoryVenue.FAST_SHUTDOWN);
        FixedSpreadMaker strategy = new FixedSpreadMaker(MarketMakerContext.of(settings, time, store,
                new ClientOrderIds(3, 1), venue, SOL.symbol()), "0.5", "1");

        strategy.run();

        Fill fill = unseen.get();
        assertThat(fill).as("the scripted fill happened").isNotNull();
        assertThat(store.order(fill.clientOrderId())).map(RecordedOrder::status)
                .as("reconciliation (at 60 s) found it gone and asked the venue").contains(OrderStatus.FILLED);
        assertThat(strategy.fills).as("booked once the history showed it (after 100 s)").containsExactly(fill);
        assertThat(store.fills(SOL.symbol(), T0)).containsExactly(fill);
        assertThat(venue.lookups()).contains(fill.clientOrderId());
    }
}
