package io.mmkit.backtest.bench;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestConfigReader;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.backtest.Backtests;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.backtest.data.DataFormat;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.report.ConsoleSummary;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: one full streamed backtest (e.g. the 34 h NEXOUSDT recording) with the grid strategy, printing
 * wall time, events per second end to end (gunzip, JSON parsing, engine, strategy) and the peak heap.
 *
 * <pre>
 * java -Xmx64m -cp ... io.mmkit.backtest.bench.DayRunBenchmark config.json day1.gz day2.gz ...
 * </pre>
 */
public final class DayRunBenchmark {
    private DayRunBenchmark() {
    }

    public static void main(String[] args) {
        Quiet.logs();
        BacktestConfig config = BacktestConfigReader.read(Path.of(args[0]));
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        if (!files.isEmpty()) {
            config = config.withData(files, DataFormat.guess(files.get(0)));
        }
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        BacktestResult r = Backtests.run(BacktestRequest.of(config, "grid",
                StrategyCatalog.load().configure("grid", config.strategyParams())));
        double s = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.print(ConsoleSummary.format(r));
        System.out.printf("wall %.2f s for %s of market time: %,d events, %,.0f events/s end to end; "
                        + "peak heap %.1f MB (sum of heap pool peaks, -Xmx %d MB)%n", s,
                java.time.Duration.between(r.start(), r.end()), r.events(), r.events() / s, peak / 1e6,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
