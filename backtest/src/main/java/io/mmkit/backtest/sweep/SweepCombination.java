package io.mmkit.backtest.sweep;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.core.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One combination of a sweep on its own, for sweeps spread over many machines (a Kubernetes Indexed Job gives
 * each pod its completion index): combination {@code i} is the {@code i}-th of the cartesian product in the
 * order {@link Sweep} runs them, so it gets the same values and the same run name as in a whole sweep and its
 * row merges back into the same table ({@link SweepMerge}). The run goes through {@link Sweep#run} with each axis
 * narrowed to its one value, so key checks, failure handling and results are those of a whole sweep.
 */
public final class SweepCombination {
    private SweepCombination() {
    }

    /** How many combinations the axes make. */
    public static int count(List<SweepAxis> axes) {
        long n = 1;
        for (SweepAxis a : axes) {
            n *= a.values().size();
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /**
     * The swept values of combination {@code index}.
     *
     * @throws ConfigException naming {@code --combination} when the index is outside the sweep
     */
    public static Map<String, Object> values(List<SweepAxis> axes, int index) {
        int n = count(axes);
        if (index < 0 || index >= n) {
            throw new ConfigException("--combination", "must be 0.." + (n - 1) + " (the sweep has " + n
                    + " combination" + (n == 1 ? "" : "s") + "), was " + index);
        }
        return Sweep.combinations(axes).get(index);
    }

    /**
     * Runs combination {@code index} and tells {@code finished} its row (named and numbered as in the whole sweep)
     * before returning it. A failing combination comes back as a failed row, as in a whole sweep.
     *
     * @throws ConfigException for an index outside the sweep, an unknown swept key or a bad base config
     */
    public static Sweep.Row run(Map<String, Object> tree, Path baseDir, List<SweepAxis> axes, int index,
                                Function<BacktestConfig, BacktestRequest> request, Sweep.Finished finished) {
        Map<String, Object> combo = values(axes, index);
        List<SweepAxis> narrowed = new ArrayList<>();
        for (SweepAxis a : axes) {
            narrowed.add(new SweepAxis(a.key(), List.of(combo.get(a.key()))));
        }
        Sweep.Row[] renamed = new Sweep.Row[1];
        Sweep.run(tree, baseDir, narrowed, 1, request, row -> {
            renamed[0] = new Sweep.Row(index, Sweep.name(index, combo), row.values(), row.result(), row.error());
            finished.accept(renamed[0]);
        }, n -> { });
        return renamed[0];
    }
}
