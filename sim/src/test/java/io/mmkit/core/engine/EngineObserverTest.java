package io.mmkit.core.engine;

import static io.mmkit.core.testing.SimFixtures.SYMBOL;
import static io.mmkit.core.testing.SimFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.testing.FixedSpreadMaker;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.sim.SimulatedExchange;
import io.mmkit.sim.feed.ScriptedFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an observer (metrics, health, alerts) is told of a run, on virtual time so every count is exact. */
class EngineObserverTest {
    private final SimulatedTimeSource time = new SimulatedTimeSource(T0);
    private final InMemoryTradeStore store = new InMemoryTradeStore();

    /** Records every event as a line. */
    private static final class Recorder implements EngineObserver {
        final List<String> events = new ArrayList<>();
        long iterations;
        RunResult ended;

        @Override
        public void onStarted(MarketMaker maker) {
            events.add("started " + maker.markets().size());
        }

        @Override
        public void onIteration(long iteration, long tookNanos, BookTop top) {
            iterations = iteration;
        }

        @Override
        public void onOrderPlaced(String market, OrderRequest request) {
            events.add("placed " + market + " " + request.side() + " " + request.price().toPlainString());
        }

        @Override
        public void onOrderCancelled(String market, String clientOrderId) {
            events.add("cancelled " + market);
        }

        @Override
        public void onFill(String market, Fill fill) {
            events.add("fill " + market + " " + fill.side() + " " + fill.price().toPlainString());
        }

        @Override
        public void onStopRequested(String reason, boolean failure) {
            events.add("stop " + reason + " " + failure);
        }

        @Override
        public void onShutdownStep(RunResult.ShutdownStep step) {
            events.add("step " + step.name());
        }

        @Override
        public void onRunEnded(RunResult result) {
            ended = result;
        }
    }

    @Test
    void shouldTellObserversOfPlacementsFillsCancelsAndTheShutdownInOrder() {
        var feed = ScriptedFeed.builder(SYMBOL, T0).top("99.99", "100.01")
                .at(Duration.ofMillis(2500)).trade("99.40", "3", Side.SELL) // takes our bid at 99.50
                .build();
        SimulatedExchange sim = SimFixtures.exchange(time, feed).build();
        EngineSettings settings = EngineSettings.of("obs", Duration.ofSeconds(1)).withDuration(Duration.ofSeconds(5))
                .withShutdown(SimFixtures.fastShutdown()).withOrderCallParallelism(1);
        FixedSpreadMaker maker = new FixedSpreadMaker(
                MarketMakerContext.of(settings, time, store, new ClientOrderIds(9, 1), sim, SYMBOL), "0.5", "1");
        Recorder recorder = new Recorder();
        EngineObserver throwing = new EngineObserver() {
            @Override
            public void onFill(String market, Fill fill) {
                throw new IllegalStateException("a broken observer must not stop the engine");
            }
        };
        maker.addObserver(throwing);
        maker.addObserver(recorder);

        RunResult result = maker.run();

        assertThat(result.clean()).isTrue();
        assertThat(recorder.events).startsWith("started 1", "placed primary BUY 99.5", "placed primary SELL 100.5",
                "fill primary BUY 99.5", "placed primary BUY 99.5");
        assertThat(recorder.events).contains("stop duration reached false", "cancelled primary", "step cancel all orders",
                "step close store");
        assertThat(recorder.events.stream().filter(e -> e.startsWith("cancelled")).count()).isEqualTo(2);
        assertThat(recorder.iterations).isEqualTo(5);
        assertThat(recorder.ended).isSameAs(result);
    }

    @Test
    void shouldReportAStopRequestedByTheStrategyAsAFailureOnce() {
        SimulatedExchange sim = SimFixtures.exchange(time, SimFixtures.steadyMarket()).build();
        EngineSettings settings = EngineSettings.of("obs", Duration.ofSeconds(1)).withDuration(Duration.ofSeconds(5))
                .withShutdown(SimFixtures.fastShutdown()).withOrderCallParallelism(1);
        Recorder recorder = new Recorder();
        FixedSpreadMaker maker = new FixedSpreadMaker(
                MarketMakerContext.of(settings, time, store, new ClientOrderIds(9, 1), sim, SYMBOL), "0.5", "1") {
            @Override
            protected void onIteration(BookTop top) {
                requestStop("kill switch: drawdown 12 from peak equity 0 exceeds max_drawdown 10", true);
                stop(); // a second request (e.g. a signal) changes nothing
            }
        };
        maker.addObserver(recorder);

        RunResult result = maker.run();

        assertThat(result.clean()).isFalse();
        assertThat(recorder.events.stream().filter(e -> e.startsWith("stop ")))
                .containsExactly("stop kill switch: drawdown 12 from peak equity 0 exceeds max_drawdown 10 true");
    }
}
