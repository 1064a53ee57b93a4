package io.mmkit.backtest.bench;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestConfigReader;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.backtest.Backtests;
import io.mmkit.backtest.data.BinanceDecoder;
import io.mmkit.backtest.data.BinanceRecordingReader;
import io.mmkit.backtest.data.DataFormat;
import io.mmkit.backtest.data.DecodedCache;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.sweep.Sweep;
import io.mmkit.backtest.sweep.SweepAxis;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.feed.BlockListSource;
import io.mmkit.sim.feed.EventBlock;
import io.mmkit.sim.feed.ReplaySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Not a test: where a backtest's time goes, stage by stage, on real recordings, with the strategy a config names.
 * Prints, best and median of {@code --rounds}:
 * <ol>
 *   <li>decoding: the reference Jackson reader, the byte decoder on one thread, building the decoded cache,
 *       reading the mapped cache;</li>
 *   <li>the engine alone on decoded blocks in memory (no orders);</li>
 *   <li>engine + strategy on decoded blocks in memory ({@code Backtests.run}, the config's interval);</li>
 *   <li>a whole run as the CLI does it, from the warm cache, and with the cache off (decoding on its thread);</li>
 *   <li>with {@code --sweep key=a,b,...}: that sweep on {@code --threads} threads against one run.</li>
 * </ol>
 *
 * <pre>
 * java -cp ... io.mmkit.backtest.bench.BacktestSpeedBenchmark --config config/backtest-nexo-hftbacktest.json \
 *     [--strategy grid] [--rounds 5] [--sweep strategy.order_quantity=10,20,30,40,50,60,70,80] [--threads 2] \
 *     nexousdt_20240723.dat.gz nexousdt_20240724.dat.gz nexousdt_20240725.dat.gz
 * </pre>
 */
public final class BacktestSpeedBenchmark {
    private BacktestSpeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Quiet.logs();
        Path configFile = null;
        String strategy = "grid";
        int rounds = 5;
        String sweep = null;
        int threads = Runtime.getRuntime().availableProcessors();
        List<Path> files = new ArrayList<>();
        List<String> stages = List.of("decode", "engine", "grid", "run", "sweep");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configFile = Path.of(args[++i]);
                case "--strategy" -> strategy = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--sweep" -> sweep = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--stages" -> stages = List.of(args[++i].split(","));
                default -> files.add(Path.of(args[i]).toAbsolutePath());
            }
        }
        if (configFile == null || files.isEmpty()) {
            throw new IllegalArgumentException("usage: --config file.json [--strategy grid] data files...");
        }
        Map<String, Object> tree = BacktestConfigReader.with(BacktestConfigReader.readTree(configFile),
                "backtest.data", files.stream().map(Path::toString).toList());
        tree = BacktestConfigReader.with(tree, "backtest.data_format", DataFormat.BINANCE.name());
        Path baseDir = configFile.toAbsolutePath().getParent();
        BacktestConfig config = BacktestConfigReader.parse(tree, baseDir);
        String name = strategy;
        StrategyCatalog catalog = StrategyCatalog.load();
        Path cacheDir = Files.createTempDirectory("mmkit-bench-cache");
        DecodedCache cache = DecodedCache.at(cacheDir);
        System.setProperty("mmkit.cache.dir", cacheDir.toString());
        System.out.printf("data: %s%nstrategy %s, interval %s, %d rounds; %d cores%n", files, strategy,
                config.interval(), rounds, Runtime.getRuntime().availableProcessors());

        // 1. decoding
        if (stages.contains("decode")) {
            decoding(files, cache, rounds);
        }
        cache.prepare(files);

        // 2. engine alone, 3. engine + strategy, on blocks in memory
        List<EventBlock> blocks;
        try (BinanceDecoder d = new BinanceDecoder(files)) {
            blocks = BlockListSource.readAll(d);
        }
        System.out.printf("%,d events in memory%n", blocks.stream().mapToLong(EventBlock::size).sum());
        if (stages.contains("engine")) {
            rate("engine alone, blocks in memory (no orders)", rounds,
                    () -> engineOnly(config, () -> new BlockListSource(blocks)));
        }
        if (stages.contains("grid")) {
            BacktestResult once = run(config, catalog, name, () -> new BlockListSource(blocks));
            System.out.printf("%s: %,d events, %d orders placed, %d fills, %s of market time%n", strategy,
                    once.events(), once.metrics().ordersPlaced(), once.fills().size(),
                    Duration.between(once.start(), once.end()));
            rate("engine + " + strategy + ", blocks in memory", rounds,
                    () -> run(config, catalog, name, () -> new BlockListSource(blocks)).events());
        }

        // 4. whole runs as the CLI does them (the report is computed, not written)
        if (stages.contains("run")) {
            rate("whole run from the warm decoded cache", rounds,
                    () -> run(config, catalog, name, () -> config.format().open(config.data(), cache)).events());
            rate("whole run, cache off (decoding on its own thread)", rounds,
                    () -> run(config, catalog, name, () -> config.format().open(config.data(), DecodedCache.off()))
                            .events());
        }

        // 5. a sweep against one run
        if (sweep != null && stages.contains("sweep")) {
            sweep(tree, baseDir, config, catalog, name, cache, sweep, threads, rounds);
        }
    }

    private static void decoding(List<Path> files, DecodedCache cache, int rounds) throws Exception {
        rate("gunzip only (GZIPInputStream to the end; 'events' = MB)", rounds, () -> gunzip(files) / 1_000_000);
        if (!Boolean.getBoolean("bench.skipReference")) {
            rate("decode, reference reader (Jackson tree + BigDecimal per level)", 1,
                    () -> count(new BinanceRecordingReader(files)));
        }
        rate("decode, byte decoder, one thread (gunzip + parse to scaled longs)", rounds,
                () -> countBlocks(new BinanceDecoder(files)));
        java.nio.file.Files.deleteIfExists(cache.fileFor(files));
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        cache.prepare(files);
        System.out.printf("decoded cache built in %.3f s wall, %.3f s CPU (%,d bytes: %s)%n",
                (System.nanoTime() - t0) / 1e9, (cpuNanos() - c0) / 1e9, Files.size(cache.fileFor(files)),
                cache.fileFor(files));
        rate("read the mapped cache (validation incl. source CRCs)", rounds, () -> countBlocks(cache.open(files)));
    }

    private static void sweep(Map<String, Object> tree, Path baseDir, BacktestConfig config, StrategyCatalog catalog,
                              String name, DecodedCache cache, String sweep, int threads, int rounds)
            throws Exception {
        List<SweepAxis> axes = List.of(SweepAxis.parse(sweep));
        double[] one = seconds(rounds, () -> run(config, catalog, name,
                () -> config.format().open(config.data(), cache)));
        double[] all = seconds(Math.max(1, rounds / 2), () -> Sweep.run(tree, baseDir, axes, threads,
                cfg -> BacktestRequest.of(cfg, name, catalog.configure(name, cfg.strategyParams())),
                row -> {
                    if (row.failed()) {
                        throw new IllegalStateException(row.name() + ": " + row.error());
                    }
                }, k -> { }));
        System.out.printf("sweep of %d (%s) on %d threads: best %.3f s wall (%.3f s CPU); one run: best %.3f s"
                        + " wall (%.3f s CPU); ratio %.2fx wall, %.2fx CPU%n", axes.get(0).values().size(), sweep,
                threads, all[0], all[1], one[0], one[1], all[0] / one[0], all[1] / one[1]);
    }

    private static long gunzip(List<Path> files) throws Exception {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(f), 1 << 16)) {
                int r;
                while ((r = in.read(buf)) > 0) {
                    n += r;
                }
            }
        }
        return n;
    }

    private static long count(ReplaySource source) {
        long n = 0;
        try (source) {
            while (source.next() != null) {
                n++;
            }
        }
        return n;
    }

    private static long countBlocks(io.mmkit.sim.feed.ScaledReplaySource source) {
        long n = 0;
        try (source) {
            EventBlock b;
            while ((b = source.nextBlock()) != null) {
                n += b.size();
            }
        }
        return n;
    }

    private static long engineOnly(BacktestConfig config, Supplier<ReplaySource> data) {
        try (ReplaySource source = data.get()) {
            BacktestExchange ex = new BacktestExchange(config.exchange(), source, null);
            ex.warmUp();
            while (!ex.dataEnded()) {
                ex.time().advance(Duration.ofSeconds(1));
            }
            return ex.eventsApplied();
        }
    }

    private static BacktestResult run(BacktestConfig config, StrategyCatalog catalog, String strategy,
                                      Supplier<ReplaySource> data) {
        return Backtests.run(BacktestRequest.of(config, strategy, catalog.configure(strategy, config.strategyParams()))
                .withData(data));
    }

    private interface Round {
        long run() throws Exception;
    }

    /**
     * Runs {@code round} {@code rounds} times, prints best and median events/s by wall time, and events per second
     * of process CPU time (all threads, JIT and GC included: the figure that survives a busy box); returns the
     * event count.
     */
    private static long rate(String label, int rounds, Round round) throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Double> cpuRates = new ArrayList<>();
        long n = 0;
        for (int i = 0; i < rounds; i++) {
            long cpu = cpuNanos();
            long start = System.nanoTime();
            n = round.run();
            double s = (System.nanoTime() - start) / 1e9;
            double c = (cpuNanos() - cpu) / 1e9;
            rates.add(n / s);
            cpuRates.add(n / c);
        }
        rates.sort(Double::compare);
        cpuRates.sort(Double::compare);
        System.out.printf("%-62s wall: best %,11.0f ev/s, median %,11.0f | CPU: best %,11.0f ev/s, median %,11.0f"
                        + " (%d round(s))%n", label, rates.get(rates.size() - 1), rates.get(rates.size() / 2),
                cpuRates.get(cpuRates.size() - 1), cpuRates.get(cpuRates.size() / 2), rounds);
        return n;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private interface Timed {
        Object run() throws Exception;
    }

    /** Best wall seconds and best process CPU seconds of {@code rounds} runs. */
    private static double[] seconds(int rounds, Timed what) throws Exception {
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long cpu = cpuNanos();
            long start = System.nanoTime();
            what.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            bestCpu = Math.min(bestCpu, (cpuNanos() - cpu) / 1e9);
        }
        return new double[] {best, bestCpu};
    }
}
