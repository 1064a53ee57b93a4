package io.mmkit.backtest.bench;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.backtest.Backtests;
import io.mmkit.backtest.data.BinanceRecordingReader;
import io.mmkit.backtest.data.DataFormat;
import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.testing.MidGridMaker;
import io.mmkit.core.model.Instrument;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not a test: in-process throughput in market events per second on one thread. Decodes a Binance recording into
 * memory first (parsing is timed separately), then replays it (a) through the engine alone and (b) with a
 * quoting strategy on a 1 s virtual interval, several rounds each, and prints the best and median rounds.
 *
 * <pre>
 * java -cp ... io.mmkit.backtest.bench.EngineThroughputBenchmark [recording.gz ...] [--tick 0.1 --step 0.001]
 * </pre>
 */
public final class EngineThroughputBenchmark {
    private EngineThroughputBenchmark() {
    }

    public static void main(String[] args) {
        Quiet.logs();
        List<Path> files = new ArrayList<>();
        String tick = "0.01";
        String step = "0.00001";
        int rounds = 7;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tick" -> tick = args[++i];
                case "--step" -> step = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        Instrument instrument = Instrument.spot("BTCUSDT", "BTC", "USDT", tick, step);

        long t0 = System.nanoTime();
        List<ReplayEvent> events = new ArrayList<>();
        try (BinanceRecordingReader reader = new BinanceRecordingReader(files)) {
            ReplayEvent e;
            while ((e = reader.next()) != null) {
                events.add(e);
            }
        }
        double parseSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("decoded %,d events from %s in %.2f s (%,.0f events/s gunzip + JSON parse)%n",
                events.size(), files, parseSeconds, events.size() / parseSeconds);

        ExchangeSettings settings = ExchangeSettings.of(instrument, FillModelName.QUEUE,
                Map.of("USDT", new BigDecimal("10000000"), "BTC", new BigDecimal("100")));
        report("engine only (queue model, no orders)", rounds, () -> engineOnly(settings, events));
        report("engine + grid strategy, 1 s interval (queue model)", rounds, () -> withStrategy(settings, events));
    }

    private interface Round {
        long run();
    }

    private static void report(String label, int rounds, Round round) {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            long n = round.run();
            double s = (System.nanoTime() - start) / 1e9;
            rates.add(n / s);
        }
        List<Double> sorted = new ArrayList<>(rates);
        sorted.sort(Double::compare);
        System.out.printf("%s: best %,.0f events/s, median %,.0f events/s over %d rounds (first is warm-up)%n",
                label, sorted.get(sorted.size() - 1), sorted.get(sorted.size() / 2), rounds);
    }

    private static long engineOnly(ExchangeSettings settings, List<ReplayEvent> events) {
        BacktestExchange ex = new BacktestExchange(settings, new ListReplaySource(events), null);
        ex.warmUp();
        while (!ex.dataEnded()) {
            ex.time().advance(Duration.ofSeconds(1));
        }
        return ex.eventsApplied();
    }

    private static long withStrategy(ExchangeSettings settings, List<ReplayEvent> events) {
        BacktestConfig config = new BacktestConfig("bench", Map.of(), Duration.ofSeconds(1), settings,
                Duration.ofSeconds(10), List.of(), DataFormat.BINANCE, null);
        BacktestResult r = Backtests.run(BacktestRequest.of(config, "mid-grid",
                ctx -> new MidGridMaker(ctx, new BigDecimal("5"), new BigDecimal("0.01"), 3, new BigDecimal("1")))
                .withData(() -> new ListReplaySource(events)));
        return r.events();
    }
}
