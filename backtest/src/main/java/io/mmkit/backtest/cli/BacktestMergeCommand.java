package io.mmkit.backtest.cli;

import io.mmkit.backtest.sweep.SweepFiles;
import io.mmkit.backtest.sweep.SweepMerge;
import io.mmkit.backtest.sweep.SweepMetric;
import io.mmkit.backtest.sweep.SweepPage;
import io.mmkit.backtest.sweep.SweepTable;
import io.mmkit.core.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code backtest merge DIR...}: the sweep table, {@code sweep.html}, {@code sweep.csv}, {@code sweep.json} and
 * {@code sweep.txt} of a sweep whose combinations ran apart ({@code backtest --combination i}), the same files a
 * whole sweep writes. Exit status 0 when merged (a missing or failed combination is a failed row, counted),
 * 2 when the folders hold no rows or rows of different sweeps.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the combinations of a sweep run one by one (backtest --sweep ... --combination i)",
                "into the sweep's table and page, as a whole sweep writes them."})
public final class BacktestMergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "<dir>", description = "Folders the combinations wrote to (their --out).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--out", description = "Where the merged files go (default: the first folder). Run folders"
            + " elsewhere are copied into its runs/ so the page links to every run's report.")
    Path outDir;

    @Option(names = "--sweep-metric", defaultValue = "net_pnl", description = "What ranks the runs (as for a sweep).")
    String sweepMetric;

    @ParentCommand
    BacktestCommand parent;

    private PrintStream out() {
        return parent == null ? System.out : parent.out();
    }

    private PrintStream err() {
        return parent == null ? System.err : parent.err();
    }

    @Override
    public Integer call() {
        Path to = outDir == null ? dirs.get(0) : outDir;
        try {
            SweepMetric metric = SweepMetric.named(sweepMetric);
            SweepMerge.Merged merged = SweepMerge.read(dirs);
            SweepMerge.gatherRuns(dirs, to);
            String table = SweepTable.format(merged.rows(), metric);
            out().print(table);
            write(to.resolve("sweep.txt"), table);
            write(to.resolve("sweep.csv"), SweepFiles.csv(merged.rows(), metric));
            write(to.resolve("sweep.json"), SweepFiles.json(merged.rows(), metric));
            write(to.resolve("sweep.html"), SweepPage.format(merged.rows(), metric, merged.sweep().strategy() + " on "
                    + merged.sweep().config() + " (" + String.join(", ", merged.sweep().keys()) + ")"));
            long failed = merged.rows().stream().filter(r -> r.failed()).count();
            out().println("merged " + (merged.rows().size() - merged.missing()) + " of " + merged.rows().size()
                    + " combinations: " + to.resolve("sweep.html") + ", sweep.csv, sweep.json"
                    + (merged.missing() == 0 ? "" : "; " + merged.missing() + " MISSING")
                    + (failed == 0 ? "" : "; " + failed + " of " + merged.rows().size() + " runs FAILED"));
            return 0;
        } catch (ConfigException | IllegalArgumentException | UncheckedIOException e) {
            err().println("backtest merge: " + e.getMessage());
            return 2;
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
