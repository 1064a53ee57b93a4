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
 * {@code run collect}: records a Binance or Backpack symbol's depth and trades into SQLite with a row per minute, until
 * Ctrl+C / SIGTERM or {@code --duration}; the file is then a backtest input ({@code run backtest --data x.db}).
 * Register it as a subcommand of the {@code run} command.
 *
 * <p>Installs its own SIGINT/SIGTERM handlers (they only call {@link Collector#stop()}; a second signal logs and
 * the cleanup goes on) and a shutdown hook that, on any other JVM exit, stops the collector and waits for its
 * shutdown. Exit status: 0 after a clean stop (every event received is stored), 1 otherwise (also after giving up
 * on {@code --max-failed-connects} failed connects in a row), 2 for a usage or config error. A database this run
 * created and recorded nothing into is removed: an empty file must not pass for a recording.
 */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = {"Records a Binance or Backpack symbol's depth snapshots, depth diffs and trades into SQLite, with one row"
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

    @Option(names = "--venue", paramLabel = "binance|backpack", description = "Where to record from (default:"
            + " binance; with --config, the config's exchange.name).")
    String venue;

    @Option(names = "--market", paramLabel = "spot|perpetual", description = "Binance market (default: spot);"
            + " Backpack's symbol says it (SOL_USDC, SOL_USDC_PERP).")
    String market;

    @Option(names = "--max-failed-connects", paramLabel = "<n>", description = "Give up (exit 1) after this many"
            + " failed connects in a row (default: " + CollectorSettings.DEFAULT_FAILED_CONNECT_LIMIT + ").")
    Integer maxFailedConnects;

    @Option(names = "--progress-every", paramLabel = "<time>", defaultValue = "60s", description = "When the"
            + " output is not a terminal, a progress line this often (default: ${DEFAULT-VALUE}); on a terminal"
            + " the line is redrawn every second.")
    String progressEvery;

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
    private final boolean terminal;
    private final PrintStream out;
    private final PrintStream err;

    public CollectCommand() {
        this(System.getenv(), true, System.out, System.err, System.console() != null);
    }

    CollectCommand(Map<String, String> env, boolean installSignalHandlers, PrintStream out, PrintStream err) {
        this(env, installSignalHandlers, out, err, false);
    }

    /** @param terminal whether {@code out} is a terminal: a live progress line instead of one every so often */
    CollectCommand(Map<String, String> env, boolean installSignalHandlers, PrintStream out, PrintStream err,
                   boolean terminal) {
        this.terminal = terminal;
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
            Durations.parse(progressEvery);
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
        CollectProgress progress = CollectProgress.start(collector, out, terminal,
                Durations.parse(progressEvery));
        try {
            result = collector.run();
        } catch (StoreException e) {
            err.println("mmkit collect: " + e.getMessage());
            return 1;
        } finally {
            progress.stop();
            finished.countDown();
        }
        if (result.failure() != null) {
            err.println("mmkit collect: " + result.failure() + "; " + (result.rawEventsStored() == 0
                    ? "nothing recorded, no database left" : result.rawEventsStored() + " events kept in "
                    + settings.db()));
            return result.exitCode();
        }
        out.printf("collected %s %s %s into %s: %d events stored (%d after the stop not taken), %d minute rows;"
                        + " shutdown done %d ms after the stop request%n", settings.venue().label(),
                settings.marketLabel(), settings.symbol(), result.rawEventsStored() == 0 ? "nothing (no file left)"
                        : settings.db().toString(), result.rawEventsStored(),
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
            if (venue != null) {
                throw new ConfigException("--venue", "give the venue in the config (exchange.name) or on the"
                        + " command line, not both");
            }
        } else {
            if (symbol == null) {
                throw new ConfigException("--symbol", "give --config <file> or --symbol <symbol>");
            }
            String sym = symbol.trim().toUpperCase(java.util.Locale.ROOT);
            Path file = Path.of("data", sym.toLowerCase(java.util.Locale.ROOT) + ".db");
            String v = venue == null ? "binance" : venue.trim().toLowerCase(java.util.Locale.ROOT);
            s = switch (v) {
                case "binance" -> CollectorSettings.defaults(sym, CollectorConfigReader.market(
                        new StrategyParams("", Map.of()), "--market", market == null ? "spot" : market), file);
                case "backpack" -> {
                    if (market != null) {
                        throw new ConfigException("--market", "Backpack's symbol says the market (SOL_USDC,"
                                + " SOL_USDC_PERP); leave --market out");
                    }
                    yield CollectorSettings.backpack(sym, file);
                }
                default -> throw new ConfigException("--venue", "must be binance or backpack, was \"" + venue + "\"");
            };
        }
        if (maxFailedConnects != null) {
            s = s.withFailedConnectLimit(maxFailedConnects);
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
