package io.mmkit.backtest.sweep;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestConfigReader;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.backtest.Backtests;
import io.mmkit.backtest.data.DecodedCache;
import io.mmkit.backtest.data.SharedDecode;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.sim.feed.ReplaySource;
import io.mmkit.core.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs one backtest per combination of swept values (the cartesian product of the axes), in parallel on a fixed
 * pool, each with its own data stream, clock and venue. Every key is checked before any run starts (an unknown
 * key fails the whole sweep); after that a combination that fails (a bad value, bad data) is kept as a failed
 * row with its error and the others go on. Rows come back in combination order whatever order the runs finish
 * in, so the table is the same every time.
 */
public final class Sweep {
    /**
     * One combination and what it gave: a result, or the error that stopped it.
     *
     * @param index 0-based position in combination order
     * @param name a file-name-safe name for its report folder, e.g. {@code run-003_grid_num=16}
     */
    public record Row(int index, String name, Map<String, Object> values, BacktestResult result, String error) {
        public Row {
            Objects.requireNonNull(name, "name");
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            if ((result == null) == (error == null)) {
                throw new IllegalArgumentException("a sweep row has a result or an error, not both or neither");
            }
        }

        public boolean failed() {
            return error != null;
        }
    }

    /** Told about each finished run on the pool's thread, e.g. to write its reports at once. */
    @FunctionalInterface
    public interface Finished {
        void accept(Row row);
    }

    private Sweep() {
    }

    /**
     * Blocks until every run has finished. The pool's threads are shut down before returning.
     *
     * @param request builds the request for one bound config (strategy lookup and validation, data, path)
     * @param finished told each finished row (a failure in it fails that row only)
     * @param done told how many runs have finished, from the pool's threads
     * @throws ConfigException before any run when a swept key is unknown (or the config without the sweep is bad)
     */
    public static List<Row> run(Map<String, Object> tree, Path baseDir, List<SweepAxis> axes, int threads,
                                Function<BacktestConfig, BacktestRequest> request, Finished finished,
                                IntConsumer done) {
        return run(tree, baseDir, axes, threads, DecodedCache.fromEnvironment(), request, finished, done);
    }

    /**
     * As above, decoding each Binance data set once into {@code cache} (or into memory when it is off) before
     * the runs start: every combination on that data replays the one decode instead of the request's own data.
     */
    public static List<Row> run(Map<String, Object> tree, Path baseDir, List<SweepAxis> axes, int threads,
                                DecodedCache cache, Function<BacktestConfig, BacktestRequest> request,
                                Finished finished, IntConsumer done) {
        request.apply(BacktestConfigReader.parse(tree, baseDir)); // the base config must be good on its own
        checkExchangeKeys(tree, axes);
        List<Map<String, Object>> combos = combinations(axes);
        List<Object> prepared = new ArrayList<>(); // a BacktestRequest, or the error message of a bad combination
        for (Map<String, Object> combo : combos) {
            prepared.add(prepare(tree, baseDir, axes, combo, request));
        }
        shareDecodedData(prepared, cache);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "backtest-sweep");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger count = new AtomicInteger();
        try {
            List<Future<Row>> futures = new ArrayList<>();
            for (int i = 0; i < combos.size(); i++) {
                int index = i;
                Object what = prepared.get(i);
                futures.add(pool.submit(() -> {
                    Row row = runOne(index, combos.get(index), what);
                    try {
                        finished.accept(row);
                    } catch (RuntimeException e) {
                        row = new Row(index, row.name(), row.values(), null, "reports not written: " + message(e));
                    }
                    done.accept(count.incrementAndGet());
                    return row;
                }));
            }
            List<Row> rows = new ArrayList<>();
            for (Future<Row> f : futures) {
                rows.add(f.get());
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

    /**
     * Decodes each distinct primary data set once, before any run starts, and points every combination on it at
     * that one decode (the mapped cache, or memory): eight combinations gunzip and parse the files once, not eight
     * times. Data that cannot be read is left to each run, which fails its row with the usual message.
     */
    private static void shareDecodedData(List<Object> prepared, DecodedCache cache) {
        Map<List<Path>, Optional<Supplier<ReplaySource>>> shared = new HashMap<>();
        for (int i = 0; i < prepared.size(); i++) {
            if (prepared.get(i) instanceof BacktestRequest r) {
                BacktestConfig c = r.config();
                Optional<Supplier<ReplaySource>> data = shared.computeIfAbsent(c.data(),
                        files -> SharedDecode.prepare(c.format(), files, cache));
                if (data.isPresent()) {
                    prepared.set(i, r.withData(data.get()));
                }
            }
        }
    }

    private static Row runOne(int index, Map<String, Object> combo, Object what) {
        String name = name(index, combo);
        if (what instanceof String error) {
            return new Row(index, name, combo, null, error);
        }
        try {
            return new Row(index, name, combo, Backtests.run((BacktestRequest) what), null);
        } catch (RuntimeException e) {
            return new Row(index, name, combo, null, message(e));
        }
    }

    private static Object prepare(Map<String, Object> tree, Path baseDir, List<SweepAxis> axes,
                                  Map<String, Object> combo, Function<BacktestConfig, BacktestRequest> request) {
        Map<String, Object> bound = tree;
        for (Map.Entry<String, Object> e : combo.entrySet()) {
            bound = BacktestConfigReader.with(bound, e.getKey(), e.getValue());
        }
        try {
            return request.apply(BacktestConfigReader.parse(bound, baseDir));
        } catch (ConfigException e) {
            if (e.getMessage().endsWith("unknown key") && axes.stream().anyMatch(a -> a.key().equals(e.key())
                    || a.key().startsWith(e.key() + "."))) {
                throw e; // a typo in a swept key: no run could use it, so none starts
            }
            return message(e);
        } catch (RuntimeException e) {
            return message(e);
        }
    }

    /**
     * The exchange section ignores keys it does not know (it is shared with the live config), so a swept
     * exchange key must already be in the config file: otherwise the sweep would silently change nothing.
     */
    @SuppressWarnings("unchecked")
    private static void checkExchangeKeys(Map<String, Object> tree, List<SweepAxis> axes) {
        for (SweepAxis axis : axes) {
            if (axis.key().startsWith("exchange.")) {
                Object at = tree;
                for (String part : axis.key().split("\\.")) {
                    at = at instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(part) : null;
                }
                if (at == null) {
                    throw new ConfigException(axis.key(), "unknown key (a swept exchange key must already be in"
                            + " the config's exchange section)");
                }
            }
        }
    }

    static String name(int index, Map<String, Object> combo) {
        StringBuilder sb = new StringBuilder(String.format("run-%03d", index + 1));
        combo.forEach((k, v) -> sb.append('_').append(k.substring(k.lastIndexOf('.') + 1)).append('=')
                .append(SweepFiles.text(v)));
        String safe = sb.toString().replaceAll("[^A-Za-z0-9._=-]", "_");
        return safe.length() <= 100 ? safe : safe.substring(0, 100);
    }

    private static String message(Throwable e) {
        Throwable at = e;
        while (at.getCause() != null && at.getMessage() == null) {
            at = at.getCause();
        }
        return at.getMessage() == null ? at.getClass().getSimpleName() : at.getMessage();
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
