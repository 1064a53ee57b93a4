package io.mmkit.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderType;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.store.RecordedOrder;
import io.mmkit.core.testing.ScriptedHistoryVenue;
import io.mmkit.core.time.SimulatedTimeSource;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A fill that arrives after its order was settled without it — at shutdown, a cancel answered NOT_FOUND and a
 * lookup that came back UNKNOWN, then the fill lands in the save step (seen running the demo twice): the fill is
 * the venue's word, so the order's row follows it instead of staying UNKNOWN for the next start to puzzle over.
 */
class LateFillTest {
    private static final Instrument SOL = Instrument.spot("SOL_USDC", "SOL", "USDC", "0.01", "0.01");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final SimulatedTimeSource time = new SimulatedTimeSource(T0);
    private final ScriptedHistoryVenue venue = new ScriptedHistoryVenue(SOL, time, "99.50", "100.50");
    private final InMemoryTradeStore store = new InMemoryTradeStore();
    private final Market market = new Market("primary", venue, SOL.symbol(), new ClientOrderIds(3, 1), store, time);

    private void stored(String id, String quantity, OrderStatus status) {
        store.orderPlaced(new OrderRequest(SOL.symbol(), id, Side.BUY, OrderType.LIMIT, TimeInForce.POST_ONLY,
                new BigDecimal("99"), new BigDecimal(quantity), false), "venue-" + id, status, T0);
    }

    private Fill fill(String fillId, String id, String quantity) {
        return new Fill(fillId, "venue-" + id, id, SOL.symbol(), Side.BUY, new BigDecimal("99"),
                new BigDecimal(quantity), new BigDecimal("0.01"), "USDC", Liquidity.MAKER, T0.plusSeconds(5));
    }

    private OrderStatus status(String id) {
        return store.order(id).map(RecordedOrder::status).orElseThrow();
    }

    @Test
    void shouldMoveAnUnknownOrderToFilledWhenItsLateFillsCoverIt() {
        market.load();
        stored("3-7", "1", OrderStatus.UNKNOWN);

        assertThat(market.book(fill("f1", "3-7", "0.4"))).isTrue();
        assertThat(status("3-7")).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(market.book(fill("f2", "3-7", "0.6"))).isTrue();
        assertThat(status("3-7")).isEqualTo(OrderStatus.FILLED);
        assertThat(market.ledger().position()).isEqualByComparingTo("1");
    }

    @Test
    void shouldKeepACancelledOrderCancelledAfterAPartialFillButNotAfterAWholeOne() {
        market.load();
        stored("3-8", "1", OrderStatus.CANCELLED);
        stored("3-9", "1", OrderStatus.CANCELLED);

        market.book(fill("f3", "3-8", "0.3"));
        market.book(fill("f4", "3-9", "1"));

        assertThat(status("3-8")).as("filled in part, then cancelled: that is what it is").isEqualTo(OrderStatus.CANCELLED);
        assertThat(status("3-9")).as("its whole quantity filled: the cancel never took").isEqualTo(OrderStatus.FILLED);
    }
}
