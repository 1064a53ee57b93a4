package io.mmkit.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.store.InMemoryTradeStore.StoredOrder;
import io.mmkit.core.testing.LogCapture;
import io.mmkit.core.testing.ScriptedGateway;
import io.mmkit.core.time.SystemTimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine against a venue that misbehaves: slow placements when stop arrives, a cancel that never returns,
 * a cancel answered but not carried out, a venue that cannot be reached at all.
 */
class MarketMakerHostileVenueTest {
    private static final int LEVELS = 20;
    private static final ShutdownSettings SHUTDOWN = new ShutdownSettings(Duration.ofMillis(1500),
            Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofMillis(20));

    private final ScriptedGateway venue = new ScriptedGateway();
    private final InMemoryTradeStore store = new InMemoryTradeStore();

    /** A grid: ten bids and ten asks a cent apart around a fixed mid, requoted never. */
    static final class LadderMaker extends MarketMaker {
        LadderMaker(MarketMakerContext context) {
            super(context);
        }

        @Override
        protected List<Quote> quotes(io.mmkit.core.model.BookTop top) {
            List<Quote> grid = new ArrayList<>();
            for (int i = 1; i <= LEVELS / 2; i++) {
                BigDecimal step = new BigDecimal("0.01").multiply(BigDecimal.valueOf(i));
                grid.add(Quote.bid(new BigDecimal("149.00").subtract(step), BigDecimal.ONE));
                grid.add(Quote.ask(new BigDecimal("151.00").add(step), BigDecimal.ONE));
            }
            return grid;
        }
    }

    private LadderMaker maker() {
        EngineSettings settings = EngineSettings.of("hostile", Duration.ofSeconds(60)).withShutdown(SHUTDOWN);
        return new LadderMaker(MarketMakerContext.of(settings, new SystemTimeSource(), store,
                new ClientOrderIds(7, 1), venue, ScriptedGateway.SYMBOL));
    }

    private static CompletableFuture<RunResult> runInBackground(LadderMaker maker) {
        return CompletableFuture.supplyAsync(maker::run);
    }

    @Test
    void shouldSendNoPlacementAfterStopWhileTheGridIsStillBeingPlaced() throws Exception {
        venue.holdPlacements();
        LadderMaker maker = maker();
        CompletableFuture<RunResult> run = runInBackground(maker);
        await().atMost(Duration.ofSeconds(10)).until(() -> venue.placementsArrived() == MarketMaker.ORDER_CALLS_AT_ONCE);

        maker.stop();
        venue.openPlacementGate();
        RunResult result = run.get(10, TimeUnit.SECONDS);

        assertThat(venue.placementsArrived()).as("only the calls already in flight when stop came")
                .isEqualTo(MarketMaker.ORDER_CALLS_AT_ONCE);
        assertThat(result.exitCode()).isZero();
        assertThat(venue.openIds()).isEmpty();
        assertThat(store.orders()).hasSize(MarketMaker.ORDER_CALLS_AT_ONCE)
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED));
    }

    @Test
    void shouldCancelEveryOtherOrderWhenOneCancelHangsAndNameIt() throws Exception {
        LadderMaker maker = maker();
        try (LogCapture log = LogCapture.of(MarketMaker.class)) {
            CompletableFuture<RunResult> run = runInBackground(maker);
            await().atMost(Duration.ofSeconds(10)).until(() -> venue.openIds().size() == LEVELS);
            String hung = venue.openIds().get(0);
            venue.hangCancelOf(hung);

            long before = System.nanoTime();
            maker.stop();
            RunResult result = run.get(10, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - before);

            assertThat(venue.openIds()).containsExactly(hung);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.ordersMaybeRemaining()).containsExactly(hung);
            assertThat(took).isLessThan(SHUTDOWN.totalTimeout().plusSeconds(1));
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("may remain").contains(hung));
            assertThat(statusOf(hung)).isNotEqualTo(OrderStatus.CANCELLED);
            assertThat(store.orders()).filteredOn(o -> !o.request().clientOrderId().equals(hung))
                    .hasSize(LEVELS - 1).allSatisfy(o -> assertThat(o.status()).isEqualTo(OrderStatus.CANCELLED));
        }
    }

    @Test
    void shouldNotStoreCancelledWhatTheVenueStillListsAfterAnsweringItsCancel() throws Exception {
        LadderMaker maker = maker();
        try (LogCapture log = LogCapture.of(MarketMaker.class)) {
            CompletableFuture<RunResult> run = runInBackground(maker);
            await().atMost(Duration.ofSeconds(10)).until(() -> venue.openIds().size() == LEVELS);
            String kept = venue.openIds().get(3);
            venue.ignoreCancelOf(kept);

            maker.stop();
            RunResult result = run.get(10, TimeUnit.SECONDS);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.ordersMaybeRemaining()).containsExactly(kept);
            assertThat(venue.openIds()).containsExactly(kept);
            assertThat(statusOf(kept)).isEqualTo(OrderStatus.NEW);
            assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("may remain").contains(kept));
        }
    }

    @Test
    void shouldNotClaimOrdersMayRemainWhenNothingWasEverSent() throws Exception {
        venue.unreachable();
        LadderMaker maker = maker();
        try (LogCapture log = LogCapture.of(MarketMaker.class)) {
            RunResult result = runInBackground(maker).get(10, TimeUnit.SECONDS);

            assertThat(result.exitCode()).as("start failed").isEqualTo(1);
            assertThat(result.ordersMaybeRemaining()).isEmpty();
            assertThat(result.steps().get(0).outcome()).isEqualTo(RunResult.ShutdownStep.Outcome.DONE);
            assertThat(result.steps().get(0).detail()).contains("no order was ever sent");
            assertThat(log.messages()).noneSatisfy(m -> assertThat(m).contains("may remain"));
            assertThat(log.messages()).noneSatisfy(m -> assertThat(m).contains("still open"));
            assertThat(venue.listings()).isZero();
        }
    }

    @Test
    void shouldCountTheWholeShutdownDeadlineFromTheStopRequest() throws Exception {
        venue.holdPlacements();
        LadderMaker maker = maker();
        CompletableFuture<RunResult> run = runInBackground(maker);
        await().atMost(Duration.ofSeconds(10)).until(() -> venue.placementsArrived() == MarketMaker.ORDER_CALLS_AT_ONCE);

        maker.stop();
        long stoppedAt = System.nanoTime();
        // The placements in flight are answered 300 ms after the stop request.
        CompletableFuture.runAsync(venue::openPlacementGate,
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        RunResult result = run.get(10, TimeUnit.SECONDS);

        assertThat(result.shutdownTook()).as("includes the wait for the placements in flight")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300))
                .isLessThanOrEqualTo(Duration.ofNanos(System.nanoTime() - stoppedAt));
        assertThat(result.exitCode()).isZero();
    }

    private OrderStatus statusOf(String clientOrderId) {
        return store.orders().stream().filter(o -> o.request().clientOrderId().equals(clientOrderId))
                .map(StoredOrder::status).findFirst().orElseThrow();
    }
}
