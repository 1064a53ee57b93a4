package io.mmkit.backtest.cli;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.backtest.sweep.Sweep;
import io.mmkit.backtest.sweep.SweepAxis;
import io.mmkit.backtest.sweep.SweepCombination;
import io.mmkit.backtest.sweep.SweepRowFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code backtest --sweep ... --combination i}: runs one combination of the sweep and leaves, in
 * {@code --out/runs/<name>/}, its reports (or {@code error.txt}) and {@code row.json}; {@code backtest merge}
 * later builds the sweep's table and page from those folders. Many of these run at once against one shared
 * {@code --out} (one pod each), so it writes inside its own run folder only. A combination that fails is a failed
 * row, exit status 0, as in a whole sweep: the merged table shows it.
 */
final class CombinationRun {
    private CombinationRun() {
    }

    static int run(Map<String, Object> tree, Path baseDir, List<SweepAxis> axes, int index,
                   Function<BacktestConfig, BacktestRequest> request, Sweep.Finished writeReports,
                   SweepRowFile.SweepId sweep, Path outDir, PrintStream out) {
        Sweep.Row row = SweepCombination.run(tree, baseDir, axes, index, request, writeReports);
        Path file = outDir.resolve("runs").resolve(row.name()).resolve(SweepRowFile.NAME);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(SweepRowFile.NAME + ".tmp");
            Files.writeString(tmp, SweepRowFile.format(sweep, row), StandardCharsets.UTF_8);
            // Renamed into place: a merge running meanwhile sees the whole row or none.
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
        out.println("combination " + index + " of " + sweep.combinations() + " (" + row.name() + "): "
                + (row.failed() ? "FAILED: " + row.error()
                : "net PnL " + row.result().metrics().netPnl().toPlainString() + ", "
                + row.result().metrics().fills() + " fills")
                + "; row for 'backtest merge': " + file);
        return 0;
    }
}
