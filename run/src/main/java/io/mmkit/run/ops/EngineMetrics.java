package io.mmkit.run.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mmkit.core.engine.EngineObserver;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OrderRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Engine events as Micrometer meters, scraped at {@code /metrics}. Counters and timers are thread-safe; the
 * position and PnL gauges read the {@link StatusPublisher}'s immutable snapshot at scrape time, so the HTTP
 * thread never touches the strategy's state.
 *
 * <p>Prometheus names: {@code mmkit_orders_placed_total}, {@code mmkit_orders_cancelled_total},
 * {@code mmkit_orders_rejected_total}, {@code mmkit_orders_unknown_total}, {@code mmkit_fills_total},
 * {@code mmkit_iterations_total}, {@code mmkit_iterations_failed_total}, {@code mmkit_loop_seconds},
 * {@code mmkit_decision_seconds}, {@code mmkit_shutdown_step_seconds}, {@code mmkit_position},
 * {@code mmkit_pnl_realized}, {@code mmkit_pnl_unrealized}, {@code mmkit_pnl_net}, {@code mmkit_fees},
 * {@code mmkit_open_orders}, {@code mmkit_last_iteration_age_seconds}, {@code mmkit_stop_requested}.
 */
public final class EngineMetrics implements EngineObserver {
    private final MeterRegistry registry;
    private final Timer loop;
    private final Timer decision;
    private final Counter iterations;
    private final Counter failedIterations;
    private volatile int stopRequested;

    public EngineMetrics(MeterRegistry registry, StatusPublisher status, LongSupplier nanoClock) {
        this.registry = registry;
        this.loop = Timer.builder("mmkit.loop").description("Wall time of one loop iteration").register(registry);
        this.decision = Timer.builder("mmkit.decision")
                .description("Wall time of the strategy's quotes() decision").register(registry);
        this.iterations = Counter.builder("mmkit.iterations").register(registry);
        this.failedIterations = Counter.builder("mmkit.iterations.failed").register(registry);
        gauge("mmkit.position", "Position on the primary market (base asset)", status, LiveStatus::position);
        gauge("mmkit.pnl.realized", "Realized PnL this run (quote asset)", status, LiveStatus::realizedPnl);
        gauge("mmkit.pnl.unrealized", "Unrealized PnL at mid (quote asset)", status, LiveStatus::unrealizedPnl);
        gauge("mmkit.pnl.net", "Net PnL: realized + unrealized - fees (quote asset)", status, LiveStatus::netPnl);
        gauge("mmkit.fees", "Fees paid this run (quote asset)", status, LiveStatus::fees);
        Gauge.builder("mmkit.open.orders", status, s -> s.current().openOrders().size())
                .description("Our orders resting on the primary market").register(registry);
        Gauge.builder("mmkit.fills.today", status, s -> s.current().fillsToday())
                .description("Our fills since 00:00 UTC").register(registry);
        Gauge.builder("mmkit.last.iteration.age", status,
                        s -> (nanoClock.getAsLong() - s.lastIterationNanos()) / 1e9)
                .baseUnit("seconds").description("Time since the loop last completed an iteration").register(registry);
        Gauge.builder("mmkit.stop.requested", this, m -> m.stopRequested).register(registry);
    }

    private void gauge(String name, String help, StatusPublisher status, Function<LiveStatus, BigDecimal> value) {
        Gauge.builder(name, status, s -> {
            BigDecimal v = value.apply(s.current());
            return v == null ? Double.NaN : v.doubleValue();
        }).description(help).register(registry);
    }

    /** Registers each market's order and fill counters at zero, so every series is there from the first scrape. */
    @Override
    public void onStarted(io.mmkit.core.engine.MarketMaker maker) {
        for (var m : maker.markets()) {
            for (String side : new String[] {"BUY", "SELL"}) {
                registry.counter("mmkit.orders.placed", "market", m.name(), "side", side);
                registry.counter("mmkit.orders.rejected", "market", m.name(), "side", side);
                registry.counter("mmkit.fills", "market", m.name(), "side", side);
            }
            registry.counter("mmkit.orders.cancelled", "market", m.name());
            registry.counter("mmkit.orders.unknown", "market", m.name());
        }
    }

    @Override
    public void onIteration(long iteration, long tookNanos, BookTop top) {
        iterations.increment();
        loop.record(tookNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onQuotesDecided(long tookNanos, int quotes) {
        decision.record(tookNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onIterationFailed(long iteration, int inARow, RuntimeException error) {
        failedIterations.increment();
    }

    @Override
    public void onOrderPlaced(String market, OrderRequest request) {
        registry.counter("mmkit.orders.placed", "market", market, "side", request.side().name()).increment();
    }

    @Override
    public void onOrderRejected(String market, OrderRequest request, String reason) {
        registry.counter("mmkit.orders.rejected", "market", market, "side", request.side().name()).increment();
    }

    @Override
    public void onOrderUnknown(String market, OrderRequest request, String error) {
        registry.counter("mmkit.orders.unknown", "market", market).increment();
    }

    @Override
    public void onOrderCancelled(String market, String clientOrderId) {
        registry.counter("mmkit.orders.cancelled", "market", market).increment();
    }

    @Override
    public void onFill(String market, Fill fill) {
        registry.counter("mmkit.fills", "market", market, "side", fill.side().name()).increment();
    }

    @Override
    public void onStopRequested(String reason, boolean failure) {
        stopRequested = 1;
    }

    @Override
    public void onShutdownStep(RunResult.ShutdownStep step) {
        Timer.builder("mmkit.shutdown.step").tag("step", step.name()).tag("outcome", step.outcome().name())
                .register(registry).record(step.took() == null ? Duration.ZERO : step.took());
    }
}
