package io.mmkit.backtest.cli;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestConfigReader;
import io.mmkit.backtest.BacktestMarket;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.backtest.Backtests;
import io.mmkit.backtest.FillDelivery;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.backtest.VenuePath;
import io.mmkit.backtest.data.DataCheck;
import io.mmkit.backtest.data.DataFormat;
import io.mmkit.sim.FillModelName;
import io.mmkit.backtest.data.DataFormatException;
import io.mmkit.backtest.data.DecodedCache;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.report.ConsoleSummary;
import io.mmkit.backtest.report.HtmlReport;
import io.mmkit.backtest.report.JsonReport;
import io.mmkit.backtest.sweep.Sweep;
import io.mmkit.backtest.sweep.SweepAxis;
import io.mmkit.backtest.sweep.SweepFiles;
import io.mmkit.backtest.sweep.SweepMetric;
import io.mmkit.backtest.sweep.SweepPage;
import io.mmkit.backtest.sweep.SweepRowFile;
import io.mmkit.backtest.sweep.SweepTable;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.spi.ConfiguredStrategy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run backtest}: replays recorded market data through the unchanged strategy against the simulated
 * venue, prints a summary and writes {@code report.json}, {@code report.html} and {@code fills.csv}; with
 * {@code --sweep}, runs every combination of the swept values in parallel, prints a table and writes
 * {@code sweep.html}, {@code sweep.csv}, {@code sweep.json} and each run's reports under {@code runs/}. Register it as a
 * subcommand of the {@code run} command. Exit status 0 on success, 2 on a config or data error.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true, subcommands = BacktestMergeCommand.class,
        description = "Backtest a strategy on recorded market data against a simulated venue.")
public final class BacktestCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--strategy", description = "Strategy name, e.g. grid (required).")
    String strategy;

    @Option(names = "--config", description = "Backtest config (JSON) (required).")
    Path config;

    @Option(names = "--data", split = ",", description = "Data file(s), in order; overrides the config's backtest.data.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--data-format", description = "binance, csv, jsonl or sqlite (default: from the file name; .db is sqlite).")
    String dataFormat;

    @Option(names = "--fill-model", description = "touch, trade-through or queue (default: the config's, else queue).")
    String fillModel;

    @Option(names = "--path", defaultValue = "in-process", description = "in-process (default) or http (WireMock).")
    String path;

    @Option(names = "--fill-delivery", description = "stream or poll: how fills reach the strategy (default:"
            + " stream in process; http always polls). In-process with poll gives the http path's fills exactly.")
    String fillDelivery;

    @Option(names = "--out", defaultValue = "backtest-out", description = "Folder for the reports (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--sweep", description = "key=from:to:step or key=a,b,c; repeat for a grid of runs.")
    List<String> sweep = new ArrayList<>();

    @Option(names = "--sweep-metric", defaultValue = "net_pnl", description = "What ranks a sweep's runs:"
            + " net_pnl (default), return_on_capital, sharpe, sortino, return_over_drawdown, max_drawdown, fees,"
            + " fills, fill_ratio or turnover.")
    String sweepMetric;

    @Option(names = "--combination", paramLabel = "<index>", description = "Run only this combination of the sweep"
            + " (0-based, e.g. a Kubernetes Indexed Job's completion index) into --out/runs/; 'backtest merge' joins them.")
    Integer combination;

    @Option(names = "--threads", description = "Parallel sweep runs (default: available cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--cache", description = "Folder for decoded Binance recordings (built by the first run, mapped"
            + " by later runs and by every sweep combination), or off (default: -Dmmkit.cache.dir, MMKIT_CACHE_DIR,"
            + " else ~/.cache/mmkit/decoded).")
    String cacheDir;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--check", description = "Validate the config and strategy, read every data row (as a run would),"
            + " print what was dropped or resynced, then exit; a bad row fails with its file:line.")
    boolean checkOnly;

    public BacktestCommand() {
        this(System.out, System.err);
    }

    /** For tests and embedding: where the summary and the progress bar go. */
    public BacktestCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** Runs on the calling thread; blocks until the backtest (or the whole sweep) is done. */
    @Override
    public Integer call() {
        if (strategy == null || config == null) { // not picocli-required: "backtest merge" runs without them
            err.println("backtest: missing " + (strategy == null ? "--strategy" : "--config") + " (see --help)");
            return 2;
        }
        if (combination != null && sweep.isEmpty()) {
            err.println("backtest: --combination picks one combination of a --sweep; there is no --sweep");
            return 2;
        }
        try {
            Map<String, Object> tree = BacktestConfigReader.readTree(config);
            Path baseDir = config.toAbsolutePath().getParent();
            tree = applyOverrides(tree);
            StrategyCatalog catalog = StrategyCatalog.load();
            VenuePath venuePath = VenuePath.named(path);
            if (!sweep.isEmpty()) {
                return runSweep(tree, baseDir, catalog, venuePath);
            }
            BacktestConfig cfg = BacktestConfigReader.parse(tree, baseDir);
            ConfiguredStrategy configured = catalog.configure(strategy, cfg.strategyParams());
            Backtests.requireMarketData(cfg, strategy, configured.requiredMarkets());
            if (checkOnly) {
                requireReadable("backtest.data", cfg.data());
                cfg.markets().values().forEach(m -> requireReadable("backtest.markets." + m.name() + ".data",
                        m.data()));
                DataCheck.Outcome data = DataCheck.read(cfg.format(), cfg.data());
                out.println("config OK: " + config + " (strategy " + strategy + ", " + cfg.data().size()
                        + " data file(s))");
                out.println("data OK: " + data.describe());
                for (BacktestMarket m : cfg.markets().values()) {
                    out.println("data OK for market " + m.name() + " (" + m.exchange().instrument().symbol() + "): "
                            + DataCheck.read(m.format(), m.data()).describe());
                }
                return 0;
            }
            // A report left by an earlier run (or sweep) must not pass for this one's if this one fails.
            removeReports();
            removeSweepFiles();
            DecodedCache cache = cache();
            BacktestRequest request = delivery(BacktestRequest.of(cfg, strategy, configured).withPath(venuePath))
                    .withData(() -> cfg.format().open(cfg.data(), cache));
            BacktestResult result;
            if (noProgress) {
                result = Backtests.run(request);
            } else {
                try (ProgressDisplay bar = ProgressDisplay.open(err, ProgressDisplay.isTerminal(err), "replaying",
                        100, "%")) {
                    result = Backtests.run(request.withProgress(bar));
                }
            }
            ConsoleSummary.print(result, out);
            writeReports(result);
            return 0;
        } catch (DataFormatException e) {
            return badData(e);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("backtest: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof DataFormatException bad) {
                return badData(bad);
            }
            err.println("backtest failed: " + e.getMessage());
            return 2;
        }
    }

    private DecodedCache cache() {
        if (cacheDir == null) {
            return DecodedCache.fromEnvironment();
        }
        return cacheDir.trim().equalsIgnoreCase("off") ? DecodedCache.off() : DecodedCache.at(Path.of(cacheDir.trim()));
    }

    private static void requireReadable(String key, List<Path> files) {
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                throw new ConfigException(key, "cannot read " + file);
            }
        }
    }

    /** One line naming file:line; a run that got this far wrote no report (and removed any earlier one). */
    private int badData(DataFormatException e) {
        err.println("backtest: bad data: " + e.getMessage() + (checkOnly ? "" : " (no report written)"));
        return 2;
    }

    private BacktestRequest delivery(BacktestRequest request) {
        return fillDelivery == null ? request : request.withFillDelivery(FillDelivery.named(fillDelivery));
    }

    private Map<String, Object> applyOverrides(Map<String, Object> tree) {
        Map<String, Object> t = tree;
        if (fillModel != null) {
            t = BacktestConfigReader.with(t, "backtest.fill_model", FillModelName.named(fillModel).label());
        }
        if (!data.isEmpty()) {
            List<String> files = data.stream().map(p -> p.toAbsolutePath().toString()).toList();
            t = BacktestConfigReader.with(t, "backtest.data", files);
            if (dataFormat == null) {
                t = BacktestConfigReader.with(t, "backtest.data_format", DataFormat.guess(data.get(0)).name());
            }
        }
        if (dataFormat != null) {
            t = BacktestConfigReader.with(t, "backtest.data_format", dataFormat);
        }
        return t;
    }

    private int runSweep(Map<String, Object> tree, Path baseDir, StrategyCatalog catalog, VenuePath venuePath) {
        SweepMetric metric = SweepMetric.named(sweepMetric);
        List<SweepAxis> axes = sweep.stream().map(SweepAxis::parse).toList();
        if (combination != null) {
            return CombinationRun.run(tree, baseDir, axes, combination, cfg -> delivery(BacktestRequest.of(cfg, strategy,
                    catalog.configure(strategy, cfg.strategyParams())).withPath(venuePath)), this::writeRunReports,
                    new SweepRowFile.SweepId(strategy, config.getFileName().toString(), axes), outDir, out);
        }
        int runs = axes.stream().mapToInt(a -> a.values().size()).reduce(1, (a, b) -> a * b);
        // Whatever an earlier run or sweep left in --out must not pass for this sweep's.
        removeSweepFiles();
        removeReports();
        ProgressDisplay bar = noProgress ? null : ProgressDisplay.open(err, ProgressDisplay.isTerminal(err),
                runs + " runs on " + threads + " threads", runs, "runs");
        List<Sweep.Row> rows;
        try {
            rows = Sweep.run(tree, baseDir, axes, threads, cache(),
                    cfg -> delivery(BacktestRequest.of(cfg, strategy,
                            catalog.configure(strategy, cfg.strategyParams())).withPath(venuePath)),
                    this::writeRunReports,
                    n -> {
                        if (bar != null) {
                            bar.stepTo(n);
                        }
                    });
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
        String table = SweepTable.format(rows, metric);
        out.print(table);
        write(outDir.resolve("sweep.txt"), table);
        write(outDir.resolve("sweep.csv"), SweepFiles.csv(rows, metric));
        write(outDir.resolve("sweep.json"), SweepFiles.json(rows, metric));
        write(outDir.resolve("sweep.html"), SweepPage.format(rows, metric, strategy + " on " + config.getFileName()
                + " (" + String.join(", ", axes.stream().map(SweepAxis::key).toList()) + ")"));
        long failed = rows.stream().filter(Sweep.Row::failed).count();
        out.println("sweep: " + outDir.resolve("sweep.html") + ", sweep.csv, sweep.json; each run's reports under "
                + outDir.resolve("runs") + (failed == 0 ? "" : "; " + failed + " of " + rows.size() + " runs FAILED"));
        return 0;
    }

    /** One combination's own report folder, written as soon as it finishes (a later failure keeps it). */
    private void writeRunReports(Sweep.Row row) {
        Path dir = outDir.resolve("runs").resolve(row.name());
        for (String name : List.of("report.json", "report.html", "fills.csv", "error.txt")) {
            removeIfThere(dir.resolve(name));
        }
        if (row.failed()) {
            write(dir.resolve("error.txt"), row.error() + "\n");
            return;
        }
        write(dir.resolve("report.json"), JsonReport.format(row.result()));
        write(dir.resolve("report.html"), HtmlReport.format(row.result()));
        write(dir.resolve("fills.csv"), row.result().fillLog());
    }

    private static void removeIfThere(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove the earlier " + file + ": " + e.getMessage(), e);
        }
    }

    /** A whole sweep's files: its tables and page, and every combination's reports under {@code runs/}. */
    private void removeSweepFiles() {
        for (String name : List.of("sweep.txt", "sweep.csv", "sweep.json", "sweep.html")) {
            removeIfThere(outDir.resolve(name));
        }
        Path runsDir = outDir.resolve("runs");
        if (!Files.isDirectory(runsDir)) {
            return;
        }
        try (var walk = Files.walk(runsDir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove the earlier " + runsDir + ": " + e.getMessage(), e);
        }
    }

    private void removeReports() {
        for (String name : List.of("report.json", "report.html", "fills.csv")) {
            try {
                Files.deleteIfExists(outDir.resolve(name));
            } catch (IOException e) {
                throw new IllegalStateException("cannot remove the earlier " + outDir.resolve(name) + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private void writeReports(BacktestResult result) {
        write(outDir.resolve("report.json"), JsonReport.format(result));
        write(outDir.resolve("report.html"), HtmlReport.format(result));
        write(outDir.resolve("fills.csv"), result.fillLog());
        out.println("reports: " + outDir.resolve("report.html") + ", " + outDir.resolve("report.json") + ", "
                + outDir.resolve("fills.csv"));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
