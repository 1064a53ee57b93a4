package io.mmkit.backtest.sweep;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestConfigReader;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.backtest.Backtests;
import io.mmkit.backtest.report.BacktestResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs one backtest per combination of swept values (the cartesian product of the axes), in parallel on a fixed
 * pool, each with its own data stream, clock and venue. Results come back in combination order whatever order
 * the runs finish in, so the table is the same every time.
 */
public final class Sweep {
    /** One combination and what it gave. */
    public record Row(Map<String, Object> values, BacktestResult result) {
    }

    private Sweep() {
    }

    /**
     * Blocks until every run has finished. The pool's threads are shut down before returning.
     *
     * @param request builds the request for one bound config (strategy lookup, data, path)
     * @param done told how many runs have finished, from the pool's threads
     * @throws IllegalStateException wrapping the first run that failed
     */
    public static List<Row> run(Map<String, Object> tree, Path baseDir, List<SweepAxis> axes, int threads,
                                Function<BacktestConfig, BacktestRequest> request, IntConsumer done) {
        List<Map<String, Object>> combos = combinations(axes);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "backtest-sweep");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger finished = new AtomicInteger();
        try {
            List<Future<BacktestResult>> futures = new ArrayList<>();
            for (Map<String, Object> combo : combos) {
                Map<String, Object> bound = tree;
                for (Map.Entry<String, Object> e : combo.entrySet()) {
                    bound = BacktestConfigReader.with(bound, e.getKey(), e.getValue());
                }
                BacktestConfig config = BacktestConfigReader.parse(bound, baseDir);
                futures.add(pool.submit(() -> {
                    BacktestResult r = Backtests.run(request.apply(config));
                    done.accept(finished.incrementAndGet());
                    return r;
                }));
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < combos.size(); i++) {
                rows.add(new Row(combos.get(i), futures.get(i).get()));
            }
            return rows;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep run failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    static List<Map<String, Object>> combinations(List<SweepAxis> axes) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (SweepAxis axis : axes) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : axis.values()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(axis.key(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }
}
