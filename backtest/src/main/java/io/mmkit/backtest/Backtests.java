package io.mmkit.backtest;

import io.mmkit.sim.feed.ReplaySource;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.backtest.report.BacktestMetrics;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.report.BacktestResult.Setting;
import io.mmkit.backtest.report.MetricsCalculator;
import io.mmkit.backtest.report.RunRecorder;
import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.EngineSettings;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.store.InMemoryTradeStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Runs backtests: the unchanged strategy against the simulated venue on a virtual clock, to the end of the data
 * (or the configured maximum duration), then computes the report's figures.
 */
public final class Backtests {
    private Backtests() {
    }

    /**
     * Runs one backtest on the calling thread, which becomes the strategy thread; blocks until the data is
     * replayed and the strategy has shut down (seconds for a day of data). Opens and closes the data source.
     * Runs are independent: several may run at once on different threads.
     *
     * @throws IllegalStateException if the data never shows a two-sided book
     */
    public static BacktestResult run(BacktestRequest request) {
        BacktestConfig config = request.config();
        ExchangeSettings settings = config.exchange();
        try (ReplaySource source = request.data().get()) {
            RunRecorder recorder = new RunRecorder(settings.instrument(), config.sampleInterval(), source::progress,
                    request.progress());
            BacktestExchange exchange = new BacktestExchange(settings, source, recorder);
            if (!exchange.warmUp()) {
                throw new IllegalStateException("the data never shows a two-sided book: nothing to trade against");
            }
            Instant start = exchange.time().now();
            try (VenueConnection venue = VenueConnection.open(request.path(), request.fillDelivery(), exchange)) {
                EngineSettings engine = EngineSettings.of(config.instanceId(), config.interval())
                        .withDuration(config.maxDuration());
                MarketMakerContext context = MarketMakerContext.of(engine, exchange.time(), new InMemoryTradeStore(),
                        new ClientOrderIds(ClientOrderIds.defaultPrefix(config.instanceId()), 1), venue.gateway(),
                        settings.instrument().symbol());
                MarketMaker strategy = request.strategy().create(context);
                exchange.onDataEnd(strategy::stop);
                RunResult run = strategy.run();
                Instant end = exchange.time().now();
                recorder.finish(end.getEpochSecond() * 1_000_000_000L + end.getNano());
                BigDecimal lastMid = lastMid(exchange);
                BacktestMetrics metrics = MetricsCalculator.compute(recorder, lastMid, config.sampleInterval());
                request.progress().accept(1.0);
                return new BacktestResult(config.instanceId(), request.strategyName(), settings.instrument().symbol(),
                        settings.fillModel().label(), request.path().label(),
                        describe(config, request.fillDelivery()), start, end,
                        exchange.eventsApplied(), exchange.dataEnded(), run.clean(), run.stopReason(), metrics,
                        exchange.allFills(), recorder.series());
            }
        }
    }

    private static BigDecimal lastMid(ExchangeGateway exchange) {
        try {
            BookTop top = exchange.bookTop(((BacktestExchange) exchange).settings().instrument().symbol());
            return top.mid();
        } catch (RuntimeException noMarket) {
            return null;
        }
    }

    static List<Setting> describe(BacktestConfig config, FillDelivery delivery) {
        ExchangeSettings s = config.exchange();
        return List.of(
                new Setting("fill delivery", delivery.label()),
                new Setting("fill model", s.fillModel().label()),
                new Setting("maker fee", s.makerFee().toPlainString()),
                new Setting("taker fee", s.takerFee().toPlainString()),
                new Setting("entry latency", s.entryLatency().toMillis() + " ms"),
                new Setting("response latency", s.responseLatency().toMillis() + " ms"),
                new Setting("latency jitter", s.latencyJitter().toMillis() + " ms"),
                new Setting("seed", Long.toString(s.seed())),
                new Setting("interval", config.interval().toMillis() + " ms"),
                new Setting("market", s.instrument().symbol() + " " + s.instrument().type().name().toLowerCase()
                        + " tick " + s.instrument().tickSize().toPlainString() + " step "
                        + s.instrument().stepSize().toPlainString()));
    }
}
