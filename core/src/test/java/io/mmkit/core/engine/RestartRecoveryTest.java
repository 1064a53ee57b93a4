package io.mmkit.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.model.OrderType;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.store.RecordedOrder;
import io.mmkit.core.store.SqliteTradeStore;
import io.mmkit.core.testing.LogCapture;
import io.mmkit.core.testing.ScriptedHistoryVenue;
import io.mmkit.core.time.SimulatedTimeSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart after a crash: the store still holds the earlier run's open orders and misses the fills made while
 * the bot was down. The venue is a {@link ScriptedHistoryVenue}; the store a real SQLite file; the clock simulated.
 */
class RestartRecoveryTest {
    private static final Instrument SOL = Instrument.spot("SOL_USDC", "SOL", "USDC", "0.01", "0.01");
    private static final Instant EARLIER_RUN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LAST_BOOKED = EARLIER_RUN.plusSeconds(60);
    private static final Instant RESTART = EARLIER_RUN.plusSeconds(600);

    @TempDir
    Path dir;
    private final SimulatedTimeSource time = new SimulatedTimeSource(RESTART);
    private final ScriptedHistoryVenue venue = new ScriptedHistoryVenue(SOL, time, "99.50", "100.50");
    private SqliteTradeStore store;

    /** Records what the engine showed it, in order, and quotes nothing. */
    private static final class RecordingStrategy extends MarketMaker {
        final List<String> events = new ArrayList<>();
        BigDecimal positionAtFirstQuote;

        RecordingStrategy(MarketMakerContext context) {
            super(context);
        }

        @Override
        protected void onStart() {
            events.add("onStart");
        }

        @Override
        protected void onFill(Market market, Fill fill) {
            events.add("onFill " + fill.clientOrderId() + " " + fill.quantity().toPlainString());
        }

        @Override
        protected List<Quote> quotes(BookTop top) {
            if (positionAtFirstQuote == null) {
                positionAtFirstQuote = market().ledger().position();
                events.add("quotes");
            }
            return List.of();
        }
    }

    @BeforeEach
    void openStore() {
        store = SqliteTradeStore.openFile(dir.resolve("test.db"));
    }

    /** The run closes the store it was given: read what it left on disk. */
    private void reopenStore() {
        store = SqliteTradeStore.openFile(dir.resolve("test.db"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldSettleEveryOrderTheEarlierRunLeftOpenAndDeliverMissedFillsAfterOnStart() {
        store.recordRunStart(EARLIER_RUN);
        placedEarlier("1001", Side.BUY, "99", OrderStatus.FILLED);
        Fill booked = venue.filled("1001", Side.BUY, "99", "1", LAST_BOOKED);
        store.fill("scripted", booked);
        placedEarlier("1002", Side.BUY, "98", OrderStatus.NEW);      // filled while we were down
        placedEarlier("1003", Side.BUY, "97", OrderStatus.NEW);      // still resting: an orphan
        placedEarlier("1004", Side.SELL, "101", OrderStatus.PARTIALLY_FILLED); // part-filled, then expired
        placedEarlier("1005", Side.BUY, "96", OrderStatus.UNKNOWN);  // answer lost, venue never heard of it
        venue.record("1002", OrderState.Status.FILLED, "1", "1");
        venue.filled("1002", Side.BUY, "98", "1", EARLIER_RUN.plusSeconds(300));
        venue.resting("1003", Side.BUY, "97", "1", "0");
        venue.record("1004", OrderState.Status.CANCELLED, "1", "0.4");
        venue.filled("1004", Side.SELL, "101", "0.4", EARLIER_RUN.plusSeconds(400));

        RecordingStrategy strategy = new RecordingStrategy(context());
        RunResult result;
        try (LogCapture log = LogCapture.of(RestartRecovery.class)) {
            result = strategy.run();
            reopenStore();
            assertThat(log.messages()).anyMatch(m -> m.contains("order 1005") && m.contains("kept UNKNOWN"));
        }

        assertThat(result.clean()).as(result.toString()).isTrue();
        assertThat(venue.fillWindows().get(0)).as("from the last booked fill, less the poll interval's overlap")
                .isEqualTo(LAST_BOOKED.minus(Duration.ofSeconds(30)));
        assertThat(strategy.events).as("recovered fills reach onFill after onStart, before the first quotes")
                .containsExactly("onStart", "onFill 1002 1", "onFill 1004 0.4", "quotes");
        assertThat(strategy.positionAtFirstQuote).isEqualByComparingTo("0.6");
        assertThat(store.fills("SOL_USDC", EARLIER_RUN)).extracting(Fill::clientOrderId)
                .containsExactly("1001", "1002", "1004");
        assertThat(venue.cancels()).as("only the resting orphan is cancelled").containsExactly("1003");
        assertThat(venue.restingOrders()).isEmpty();
        assertThat(statusOf("1002")).isEqualTo(OrderStatus.FILLED);
        assertThat(statusOf("1003")).as("cancelled: the venue confirmed the cancel").isEqualTo(OrderStatus.CANCELLED);
        assertThat(statusOf("1004")).isEqualTo(OrderStatus.CANCELLED);
        assertThat(statusOf("1005")).as("never CANCELLED without the venue's word").isEqualTo(OrderStatus.UNKNOWN);
    }

    @Test
    void shouldStartTheFillWindowAtTheEarlierRunsStartWhenTheStoreHasNoFill() {
        store.recordRunStart(EARLIER_RUN);
        placedEarlier("2001", Side.BUY, "99", OrderStatus.NEW);
        venue.record("2001", OrderState.Status.FILLED, "1", "1");
        venue.filled("2001", Side.BUY, "99", "1", EARLIER_RUN.plusSeconds(5));

        RecordingStrategy strategy = new RecordingStrategy(context());
        strategy.run();
        reopenStore();

        assertThat(venue.fillWindows().get(0)).isEqualTo(EARLIER_RUN);
        assertThat(strategy.events).containsExactly("onStart", "onFill 2001 1", "quotes");
        assertThat(store.openOrders("SOL_USDC")).isEmpty();
    }

    @Test
    void shouldRecordAFilledOrphanAsFilledWhenItsCancelLosesTheRace() {
        store.recordRunStart(EARLIER_RUN);
        placedEarlier("3001", Side.BUY, "99", OrderStatus.NEW);
        ScriptedHistoryVenue racing = new ScriptedHistoryVenue(SOL, time, "99.50", "100.50").fillsBeforeItsCancel("3001");
        racing.resting("3001", Side.BUY, "99", "1", "0");

        new RecordingStrategy(context(racing)).run();
        reopenStore();

        assertThat(racing.lookups()).as("looked up, then looked up again after the unconfirmed cancel")
                .containsSubsequence("3001", "3001");
        assertThat(statusOf("3001")).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void shouldRecordNothingAndFetchNoFillsOnAFirstRun() {
        RecordingStrategy strategy = new RecordingStrategy(context());
        strategy.run();
        reopenStore();

        assertThat(venue.fillWindows()).as("no fill-history call at start on a first run").isEmpty();
        assertThat(venue.lookups()).isEmpty();
        assertThat(strategy.events).containsExactly("onStart", "quotes");
        assertThat(store.recordRunStart(RESTART.plusSeconds(1))).contains(RESTART);
    }

    private MarketMakerContext context() {
        return context(venue);
    }

    private MarketMakerContext context(ScriptedHistoryVenue gateway) {
        EngineSettings settings = EngineSettings.of("recovery-test", Duration.ofSeconds(1))
                .withDuration(Duration.ofSeconds(3)).withShutdown(ScriptedHistoryVenue.FAST_SHUTDOWN);
        return MarketMakerContext.of(settings, time, store, new ClientOrderIds(7, 1), gateway, SOL.symbol());
    }

    private void placedEarlier(String clientOrderId, Side side, String price, OrderStatus status) {
        OrderRequest request = new OrderRequest(SOL.symbol(), clientOrderId, side, OrderType.LIMIT,
                TimeInForce.POST_ONLY, new BigDecimal(price), BigDecimal.ONE, false);
        store.orderPlaced(request, "v-" + clientOrderId, status, EARLIER_RUN.plusSeconds(1));
    }

    private OrderStatus statusOf(String clientOrderId) {
        return store.order(clientOrderId).map(RecordedOrder::status).orElseThrow();
    }
}
