package io.mmkit.backtest.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Puts back together a sweep whose combinations ran apart ({@code backtest --combination i}, e.g. one pod of an
 * Indexed Job each): reads every {@code runs/<name>/row.json} under the folders given, checks they are rows of
 * one sweep, and gives the rows in combination order, as {@link Sweep#run} would have. A combination with no row
 * (its pod never ran or died before writing) is a failed row saying so, so the table shows the gap instead of
 * silently ranking the others.
 */
public final class SweepMerge {
    /** The merged rows and the sweep they belong to. */
    public record Merged(SweepRowFile.SweepId sweep, List<Sweep.Row> rows, int missing) {
        public Merged {
            rows = List.copyOf(rows);
        }
    }

    private SweepMerge() {
    }

    /**
     * @throws IllegalArgumentException no row file found, rows of different sweeps, or two different rows for one
     *     combination; the message names the files
     */
    public static Merged read(List<Path> dirs) {
        Map<Integer, SweepRowFile.Stored> byIndex = new TreeMap<>();
        Map<Integer, Path> from = new TreeMap<>();
        SweepRowFile.SweepId sweep = null;
        Path first = null;
        for (Path dir : dirs) {
            for (Path file : rowFiles(dir)) {
                SweepRowFile.Stored s = SweepRowFile.read(file);
                if (sweep == null) {
                    sweep = s.sweep();
                    first = file;
                } else if (!sweep.equals(s.sweep())) {
                    throw new IllegalArgumentException(file + " is a row of another sweep than " + first + " ("
                            + describe(s.sweep()) + " vs " + describe(sweep) + ")");
                }
                int index = s.row().index();
                if (index < 0 || index >= sweep.combinations()) {
                    throw new IllegalArgumentException(file + ": combination " + index + " is outside its sweep of "
                            + sweep.combinations());
                }
                SweepRowFile.Stored earlier = byIndex.putIfAbsent(index, s);
                if (earlier != null && !SweepRowFile.format(sweep, earlier.row())
                        .equals(SweepRowFile.format(sweep, s.row()))) {
                    throw new IllegalArgumentException("two different results for combination " + index + ": "
                            + from.get(index) + " and " + file);
                }
                from.putIfAbsent(index, file);
            }
        }
        if (sweep == null) {
            throw new IllegalArgumentException("no sweep rows (runs/*/" + SweepRowFile.NAME + ") under "
                    + String.join(", ", dirs.stream().map(Path::toString).toList()));
        }
        List<Sweep.Row> rows = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < sweep.combinations(); i++) {
            SweepRowFile.Stored s = byIndex.get(i);
            if (s != null) {
                rows.add(s.row());
                continue;
            }
            missing++;
            Map<String, Object> values = SweepCombination.values(sweep.axes(), i);
            rows.add(new Sweep.Row(i, Sweep.name(i, values), values, null,
                    "no result: combination " + i + " did not run or wrote no " + SweepRowFile.NAME));
        }
        return new Merged(sweep, rows, missing);
    }

    /**
     * Copies each row's folder into {@code out/runs/} when it lives elsewhere, so the merged page's links to the
     * runs' own reports work from {@code out}.
     */
    public static void gatherRuns(List<Path> dirs, Path out) {
        Path target = out.resolve("runs").toAbsolutePath().normalize();
        for (Path dir : dirs) {
            for (Path file : rowFiles(dir)) {
                Path runDir = file.getParent().toAbsolutePath().normalize();
                Path dest = target.resolve(runDir.getFileName().toString());
                if (runDir.equals(dest)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(runDir)) {
                    Files.createDirectories(dest);
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Files.copy(f, dest.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy " + runDir + " to " + dest + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static List<Path> rowFiles(Path dir) {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no such folder: " + dir);
        }
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(runs)) {
            return list.map(d -> d.resolve(SweepRowFile.NAME)).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
        }
    }

    private static String describe(SweepRowFile.SweepId s) {
        return s.strategy() + " on " + s.config() + " over " + String.join(", ", s.keys()) + ", " + s.combinations()
                + " combinations";
    }
}
