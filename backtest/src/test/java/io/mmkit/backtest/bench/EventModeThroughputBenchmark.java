package io.mmkit.backtest.bench;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.backtest.Backtests;
import io.mmkit.backtest.data.BinanceRecordingReader;
import io.mmkit.backtest.data.DataFormat;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.core.engine.EngineObserver;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.WakeSettings;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.core.time.Wakeup;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.feed.ReplayEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: engine + grid throughput in market events per second on one thread, with no decoding in the timed
 * part (the recording is decoded into memory first): the spot grid strategy ({@code grid}: fixed levels, post-only,
 * queue fills, 50 ms entry and response latency) with the loop at a 1 s interval, and event-driven (fills and book
 * moves wake it, at most one requote per {@code --min-requote}, 1 s still the longest wait). Prints the best and
 * median of several rounds, with how many iterations each mode ran.
 *
 * <pre>
 * java -cp ... io.mmkit.backtest.bench.EventModeThroughputBenchmark --tick 0.001 --step 0.01 \
 *     --grid 1.200:1.230:16:50 nexousdt_20240723.dat.gz nexousdt_20240724.dat.gz nexousdt_20240725.dat.gz
 * </pre>
 */
public final class EventModeThroughputBenchmark {
    private EventModeThroughputBenchmark() {
    }

    public static void main(String[] args) {
        Quiet.logs();
        List<Path> files = new ArrayList<>();
        String symbol = "BTCUSDT";
        String tick = "0.1";
        String step = "0.001";
        String[] grid = "59000:63000:16:0.01".split(":");
        Duration minRequote = Duration.ofMillis(100);
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--symbol" -> symbol = args[++i];
                case "--tick" -> tick = args[++i];
                case "--step" -> step = args[++i];
                case "--grid" -> grid = args[++i].split(":");
                case "--min-requote" -> minRequote = io.mmkit.core.config.Durations.parse(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        Instrument instrument = Instrument.spot(symbol, "BASE", "USDT", tick, step);
        List<ReplayEvent> events = decode(files);
        ExchangeSettings settings = ExchangeSettings.of(instrument, FillModelName.QUEUE,
                Map.of("USDT", new BigDecimal("100000000"), "BASE", new BigDecimal("100000000")))
                .withLatency(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ZERO);
        Map<String, Object> params = Map.of("grid_lower_price", grid[0], "grid_upper_price", grid[1],
                "grid_num", Integer.parseInt(grid[2]), "grid_mode", "arithmetic", "order_quantity", grid[3]);
        BacktestConfig base = new BacktestConfig("bench", params, Duration.ofSeconds(1), settings,
                Duration.ofSeconds(10), List.of(), DataFormat.BINANCE, null);
        report("engine + grid, 1 s interval", rounds, events, base);
        report("engine + grid, event-driven (fill+book, min requote " + minRequote.toMillis() + " ms, at most 1 s)",
                rounds, events, base.withWake(WakeSettings.onFillsAndBook(minRequote)));
        report("engine + grid, fills only wake it (1 s interval otherwise)", rounds, events,
                base.withWake(new WakeSettings(Wakeup.FILL, minRequote, 1, null)));
    }

    private static List<ReplayEvent> decode(List<Path> files) {
        long t0 = System.nanoTime();
        List<ReplayEvent> events = new ArrayList<>();
        try (BinanceRecordingReader reader = new BinanceRecordingReader(files)) {
            ReplayEvent e;
            while ((e = reader.next()) != null) {
                events.add(e);
            }
        }
        System.out.printf("decoded %,d events from %d file(s) in %.2f s (not timed below)%n", events.size(),
                files.size(), (System.nanoTime() - t0) / 1e9);
        return events;
    }

    private static void report(String label, int rounds, List<ReplayEvent> events, BacktestConfig config) {
        ConfiguredStrategy gridStrategy = StrategyCatalog.load().configure("grid", config.strategyParams());
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        AtomicLong iterations = new AtomicLong();
        long fills = 0;
        for (int i = 0; i < rounds; i++) {
            iterations.set(0);
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            BacktestResult r = Backtests.run(BacktestRequest.of(config, "grid", ctx -> {
                MarketMaker m = gridStrategy.create(ctx);
                m.addObserver(new EngineObserver() {
                    @Override
                    public void onIteration(long iteration, long tookNanos, BookTop top) {
                        iterations.incrementAndGet();
                    }
                });
                return m;
            }).withData(() -> new ListReplaySource(events)));
            double s = (System.nanoTime() - start) / 1e9;
            rates.add(r.events() / s);
            cpuRates.add(r.events() / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9));
            fills = r.fills().size();
        }
        List<Double> sorted = new ArrayList<>(rates);
        sorted.sort(Double::compare);
        List<Double> cpu = new ArrayList<>(cpuRates);
        cpu.sort(Double::compare);
        // Per CPU second of the strategy thread as well: on a loaded box, wall time measures the neighbours.
        System.out.printf("%s: best %,.0f events/s, median %,.0f events/s wall; best %,.0f, median %,.0f events per"
                        + " CPU second; over %d rounds; %,d iterations, %,d fills%n", label,
                sorted.get(sorted.size() - 1), sorted.get(sorted.size() / 2), cpu.get(cpu.size() - 1),
                cpu.get(cpu.size() / 2), rounds, iterations.get(), fills);
    }
}
