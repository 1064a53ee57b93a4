package io.mmkit.collector;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.Durations;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.store.StoreException;
import io.mmkit.core.time.TerminationSignals;
import io.mmkit.core.time.SystemTimeSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run collect}: records a Binance symbol's depth and trades into SQLite with a row per minute, until
 * Ctrl+C / SIGTERM or {@code --duration}; the file is then a backtest input ({@code run backtest --data x.db}).
 * Register it as a subcommand of the {@code run} command.
 *
 * <p>Installs its own SIGINT/SIGTERM handlers (they only call {@link Collector#stop()}; a second signal logs and
 * the cleanup goes on) and a shutdown hook that, on any other JVM exit, stops the collector and waits for its
 * shutdown. Exit status: 0 after a clean stop (every event received is stored), 1 otherwise, 2 for a usage or
 * config error.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Records a Binance symbol's depth snapshots, depth diffs and trades into SQLite, with one row"
                + " per minute (OHLC, volumes, VWAP, volume by price, spread, depth).",
                "Ctrl+C / SIGTERM stops it: the unfinished minute and every received event are saved.",
                "The database is a backtest input: run backtest --data <file>.db"})
public final class CollectCommand implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;
    private static final Logger LOG = LoggerFactory.getLogger(CollectCommand.class);

    @Option(names = "--config", paramLabel = "<file>",
            description = "JSON config (symbol, exchange, collector, shutdown sections); a Binance bot config works.")
    Path config;

    @Option(names = "--symbol", paramLabel = "<symbol>", description = "e.g. BTCUSDT (overrides the config's).")
    String symbol;

    @Option(names = "--market", paramLabel = "spot|perpetual", description = "Binance market (default: spot).")
    String market;

    @Option(names = "--db", paramLabel = "<file>", description = "SQLite file (default: data/<symbol>.db).")
    Path db;

    @Option(names = "--duration", paramLabel = "<time>", description = "Stop by itself after e.g. 30s, 10m, 24h.")
    String duration;

    @Option(names = "--base-url", paramLabel = "<url>", description = "REST root override, e.g. a local mock.")
    String baseUrl;

    @Option(names = "--ws-url", paramLabel = "<url>", description = "WebSocket root override (…/stream is used).")
    String wsUrl;

    private final Map<String, String> env;
    private final boolean installSignalHandlers;
    private final PrintStream out;
    private final PrintStream err;

    public CollectCommand() {
        this(System.getenv(), true, System.out, System.err);
    }

    CollectCommand(Map<String, String> env, boolean installSignalHandlers, PrintStream out, PrintStream err) {
        this.env = env;
        this.installSignalHandlers = installSignalHandlers;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        CollectorSettings settings;
        try {
            settings = settings();
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("mmkit collect: config error: " + e.getMessage());
            return CONFIG_ERROR;
        }
        SystemTimeSource time = new SystemTimeSource();
        // Reconnect jitter seeded from the start time, as Gateways does: no unseeded randomness (DESIGN.md §3).
        Collector collector = new Collector(settings, time, System::nanoTime, new Random(time.now().toEpochMilli()));
        CountDownLatch finished = new CountDownLatch(1);
        if (installSignalHandlers) {
            TerminationSignals.onTerminate(collector::stop, "saving the unfinished minute and closing connections", LOG);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                collector.stop();
                try {
                    finished.await(settings.shutdown().totalTimeout().plusSeconds(2).toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "collector-shutdown-hook"));
        }
        CollectorResult result;
        try {
            result = collector.run();
        } catch (StoreException e) {
            err.println("mmkit collect: " + e.getMessage());
            return 1;
        } finally {
            finished.countDown();
        }
        out.printf("collected %s %s into %s: %d events stored (%d after the stop not taken), %d minute rows;"
                        + " shutdown done %d ms after the stop request%n", settings.symbol(),
                settings.market().isFutures() ? "perpetual" : "spot", settings.db(), result.rawEventsStored(),
                result.eventsRefused(), result.minuteRowsStored(), result.stopToDone().toMillis());
        out.flush();
        return result.exitCode();
    }

    CollectorSettings settings() {
        CollectorSettings s;
        if (config != null) {
            s = CollectorConfigReader.read(config, env);
            if (symbol != null || market != null) {
                throw new ConfigException("--symbol", "give the symbol and market in the config or on the"
                        + " command line, not both");
            }
        } else {
            if (symbol == null) {
                throw new ConfigException("--symbol", "give --config <file> or --symbol <symbol>");
            }
            String sym = symbol.trim().toUpperCase(java.util.Locale.ROOT);
            s = CollectorSettings.defaults(sym, CollectorConfigReader.market(new StrategyParams("", Map.of()),
                    "--market", market == null ? "spot" : market), Path.of("data", sym.toLowerCase(
                    java.util.Locale.ROOT) + ".db"));
        }
        if (db != null) {
            s = s.withDb(db);
        }
        if (duration != null) {
            Duration d = Durations.parse(duration);
            s = s.withDuration(d);
        }
        if (baseUrl != null || wsUrl != null) {
            s = s.withUrls(baseUrl == null ? s.baseUrl() : stripSlash(baseUrl), wsUrl == null ? s.wsUrl()
                    : stripSlash(wsUrl));
        }
        return s;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
