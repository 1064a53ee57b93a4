package io.mmkit.backtest;

import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.backtest.data.GuardedSource;
import io.mmkit.backtest.report.BacktestMetrics;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.report.BacktestResult.Setting;
import io.mmkit.backtest.report.MarketResult;
import io.mmkit.backtest.report.MetricsCalculator;
import io.mmkit.backtest.report.PnlReconciliation;
import io.mmkit.backtest.report.RunRecorder;
import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.EngineSettings;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.store.DailyStats;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.strategies.grid.GridBook;
import io.mmkit.strategies.grid.GridStrategy;
import io.mmkit.strategies.grid.PerpGridStrategy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs backtests: the unchanged strategy against the simulated venue on a virtual clock, to the end of the data
 * (or the configured maximum duration), then computes the report's figures.
 */
public final class Backtests {
    private static final Logger LOG = LoggerFactory.getLogger(Backtests.class);

    private Backtests() {
    }

    /**
     * Runs one backtest on the calling thread, which becomes the strategy thread; blocks until the data is
     * replayed and the strategy has shut down (seconds for a day of data). Opens and closes the data source.
     * Runs are independent: several may run at once on different threads.
     *
     * @throws IllegalStateException if the data never shows a two-sided book
     * @throws io.mmkit.backtest.data.DataFormatException naming the file and line of the first row that cannot
     *         be read: the replay stops there and no result is returned (a partial run must not look whole)
     */
    public static BacktestResult run(BacktestRequest request) {
        BacktestConfig config = request.config();
        ExchangeSettings settings = config.exchange();
        requireMarketData(config, request.strategyName(), request.strategy().requiredMarkets());
        if (!config.markets().isEmpty() && request.path() == VenuePath.HTTP) {
            throw new IllegalArgumentException("the http path serves one market; run a multi-market backtest"
                    + " in process");
        }
        try (GuardedSource source = new GuardedSource(request.data().get());
             OtherMarkets others = OtherMarkets.open(config)) {
            RunRecorder recorder = new RunRecorder(settings.instrument(), config.sampleInterval(), source::progress,
                    request.progress());
            BacktestExchange exchange = new BacktestExchange(settings, source, recorder);
            boolean twoSided = exchange.warmUp();
            source.failure().ifPresent(e -> {
                throw e;
            });
            if (!twoSided) {
                throw new IllegalStateException("the data never shows a two-sided book: nothing to trade against");
            }
            others.warmUpAndJoin(exchange);
            Instant start = exchange.time().now();
            InMemoryTradeStore store = new InMemoryTradeStore();
            try (VenueConnection venue = VenueConnection.open(request.path(), request.fillDelivery(), exchange)) {
                // One order call at a time: on the virtual clock calls sent in one fixed order repeat a run exactly.
                EngineSettings engine = EngineSettings.of(config.instanceId(), config.interval())
                        .withDuration(config.maxDuration()).withOrderCallParallelism(1).withWake(config.wake());
                MarketMakerContext context = MarketMakerContext.of(engine, exchange.time(), store,
                        new ClientOrderIds(ClientOrderIds.defaultPrefix(config.instanceId()), 1), venue.gateway(),
                        settings.instrument().symbol());
                MarketMaker strategy = request.strategy().create(others.addTo(context));
                exchange.onDataEnd(strategy::stop);
                others.onDataEnd(strategy::stop);
                // Read only once the end of data can stop the strategy: reading the book replays up to now.
                BigDecimal capital = startingCapital(settings.deposits(), settings.instrument(), lastMid(exchange));
                RunResult run = strategy.run();
                source.failure().or(others::failure).ifPresent(e -> {
                    throw e;
                });
                Instant end = exchange.time().now();
                recorder.finish(end.getEpochSecond() * 1_000_000_000L + end.getNano());
                BigDecimal lastMid = lastMid(exchange);
                BacktestMetrics metrics = MetricsCalculator.compute(recorder, lastMid, capital,
                        config.sampleInterval());
                PnlReconciliation story = reconcile(recorder, strategy, store, settings.instrument().symbol(),
                        start, end);
                LOG.info("[{}] {}", config.instanceId(), story.logLine());
                request.progress().accept(1.0);
                return new BacktestResult(config.instanceId(), request.strategyName(), settings.instrument().symbol(),
                        settings.fillModel().label(), request.path().label(),
                        describe(config, request.fillDelivery()), config.strategyParams(), start, end,
                        exchange.eventsApplied() + others.eventsApplied(), exchange.dataEnded(), run.clean(),
                        run.stopReason(), metrics, others.audit(source.audit()), story,
                        others.allFills(exchange.allFills()), recorder.series(),
                        others.isEmpty() ? List.of() : withPrimary(metrics, recorder, settings, others.results(end,
                                config.sampleInterval())));
            }
        }
    }

    /**
     * Checks that every market the strategy trades has data ({@code backtest.markets.<name>}); the primary
     * always has. {@code backtest --check} and every run call it before reading any data.
     *
     * @throws IllegalArgumentException naming the first market without data
     */
    public static void requireMarketData(BacktestConfig config, String strategyName, java.util.Set<String> required) {
        OtherMarkets.requireData(config, strategyName, required);
    }

    private static List<MarketResult> withPrimary(BacktestMetrics metrics, RunRecorder recorder,
                                                  ExchangeSettings settings, List<MarketResult> others) {
        List<MarketResult> all = new ArrayList<>();
        all.add(new MarketResult(MarketMakerContext.PRIMARY, settings.instrument().symbol(), metrics,
                recorder.ledger().position()));
        all.addAll(others);
        return all;
    }

    /**
     * The configured balances in the quote asset at {@code mid}: quote as is, base x mid. Assets that are neither
     * cannot be valued without a price and are left out. {@code null} when nothing is configured.
     */
    static BigDecimal startingCapital(Map<String, BigDecimal> deposits, Instrument instrument, BigDecimal mid) {
        BigDecimal total = BigDecimal.ZERO;
        boolean any = false;
        for (Map.Entry<String, BigDecimal> d : deposits.entrySet()) {
            if (d.getKey().equals(instrument.quoteAsset())) {
                total = total.add(d.getValue());
                any = true;
            } else if (d.getKey().equals(instrument.baseAsset()) && mid != null) {
                total = total.add(d.getValue().multiply(mid));
                any = true;
            }
        }
        return any ? io.mmkit.core.model.Decimals.normalize(total) : null;
    }

    private static PnlReconciliation reconcile(RunRecorder recorder, MarketMaker strategy, InMemoryTradeStore store,
                                               String symbol, Instant start, Instant end) {
        GridBook grid = strategy instanceof GridStrategy g ? g.book()
                : strategy instanceof PerpGridStrategy p ? p.book() : null;
        BigDecimal stored = BigDecimal.ZERO;
        LocalDate last = LocalDate.ofInstant(end, ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            stored = stored.add(store.dailyStats(day, symbol).map(DailyStats::realizedPnl).orElse(BigDecimal.ZERO));
        }
        return new PnlReconciliation(recorder.ledger().realizedPnl(), recorder.ledger().fees(),
                grid == null ? null : grid.realizedProfit(), grid == null ? 0 : grid.roundTrips(),
                io.mmkit.core.model.Decimals.normalize(stored));
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
                new Setting("wake on", config.wake().describe()),
                new Setting("market", s.instrument().symbol() + " " + s.instrument().type().name().toLowerCase()
                        + " tick " + s.instrument().tickSize().toPlainString() + " step "
                        + s.instrument().stepSize().toPlainString()));
    }
}
