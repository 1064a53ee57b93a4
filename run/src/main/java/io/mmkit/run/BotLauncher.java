package io.mmkit.run;

import io.mmkit.exchange.config.ConfigFile;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.EngineSettings;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.store.SqliteTradeStore;
import io.mmkit.core.store.TradeStore;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.core.time.TimeSource;
import io.mmkit.run.alerts.Alerter;
import io.mmkit.run.alerts.AlertingObserver;
import io.mmkit.run.logs.InstanceLogging;
import io.mmkit.run.ops.BotOps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates everything a bot needs, then — and only then — opens its store and venues and runs it on the
 * calling thread. Config problems surface as {@link ConfigException} before any file or connection exists.
 */
final class BotLauncher {
    private static final Logger LOG = LoggerFactory.getLogger("mmkit");

    /** A bot whose whole config passed validation. */
    record Prepared(BotConfig config, String strategyName, ConfiguredStrategy strategy, Venues.Validated primary,
                    Map<String, Venues.Validated> extra) {
    }

    private final StrategyCatalog catalog;
    private final Map<String, String> env;

    BotLauncher(StrategyCatalog catalog, Map<String, String> env) {
        this.catalog = catalog;
        this.env = env;
    }

    /** Pure validation: reads the file, checks every section. No exchange call, no DB file. */
    Prepared prepare(String strategyName, Path configPath, Duration durationOverride) {
        var root = ConfigFile.load(configPath, env);
        BotConfig config = BotConfig.from(ConfigFile.toPlainMap(root));
        if (durationOverride != null) {
            config = withDuration(config, durationOverride);
        }
        ConfiguredStrategy strategy = catalog.configure(strategyName, config.strategy());
        int maxOrders = config.guards().maxOpenOrders();
        strategy.restingOrderCount().filter(c -> c.orders() > maxOrders).ifPresent(c -> {
            throw new ConfigException(c.key(), c.configured() + " would rest up to " + c.orders()
                    + " orders, above guards.max_open_orders (" + maxOrders + "); raise it if that is meant");
        });
        config.alerts().requireEnv(env);
        Venues.Validated primary = Venues.validate("exchange", config.exchange(), config.symbol(), env);
        Map<String, Venues.Validated> extra = new LinkedHashMap<>();
        for (String name : strategy.requiredMarkets()) {
            BotConfig.MarketConfig m = config.markets().get(name);
            if (m == null) {
                throw new ConfigException("markets." + name, "required by strategy " + strategyName + " but missing");
            }
            extra.put(name, Venues.validate("markets." + name + ".exchange", m.exchange(), m.symbol(), env));
        }
        for (String name : config.markets().keySet()) {
            if (!strategy.requiredMarkets().contains(name)) {
                throw new ConfigException("markets." + name, "unknown key (strategy " + strategyName
                        + " uses " + (strategy.requiredMarkets().isEmpty() ? "no extra markets" : strategy.requiredMarkets()) + ")");
            }
        }
        return new Prepared(config, strategyName, strategy, primary, extra);
    }

    /**
     * Runs the pre-flight, then opens the store and venues and runs the bot until it stops. A signal from
     * {@code signals} during start-up ends the start-up before anything is placed; once the bot runs, it
     * stops the bot.
     *
     * @return the process exit status: 0 after a clean stop (or a start-up stopped before any order), 1 otherwise
     * @throws ConfigException when the pre-flight refuses the config against the venue (exit status 2); nothing
     *     has been placed and no file written
     */
    int run(Prepared bot, StopSignals signals) {
        BotConfig cfg = bot.config();
        Thread main = Thread.currentThread();
        TimeSource time = new SystemTimeSource();
        try {
            preflightUnlessSignalled(bot, time, signals);
        } catch (StartFailure e) {
            if (signals.received() != null) {
                return stoppedDuringStartUp(cfg, signals);
            }
            LOG.error("[{}] could not start: {}", cfg.instanceId(), e.getMessage());
            return 1;
        } catch (ConfigException e) {
            if (signals.received() != null) {
                return stoppedDuringStartUp(cfg, signals);
            }
            throw e;
        }
        // From here until the bot runs a signal is only recorded: nothing may break the store half-open.
        signals.handOver(name -> { });
        if (signals.received() != null) {
            return stoppedDuringStartUp(cfg, signals);
        }
        List<ExchangeGateway> opened = new ArrayList<>();
        TradeStore store = null;
        MarketMaker maker;
        BotOps ops = new BotOps(cfg.instanceId(), bot.strategyName(), cfg.symbol(), cfg.engine().interval(),
                cfg.http(), env, time);
        try {
            // Only now, with the pre-flight passed: a refused start leaves no file behind, not even a log.
            Path logFile = InstanceLogging.install(cfg.instanceId(), cfg.logging());
            if (logFile != null) {
                LOG.info("[{}] logging to {} (and the console)", cfg.instanceId(), logFile);
            }
            store = SqliteTradeStore.open(cfg.storeDirectory(), cfg.instanceId());
            describe(store, cfg, time);
            ExchangeGateway primary = ops.observe(bot.primary().open(time, ops.venueObserver()));
            opened.add(primary);
            // Sequence from the clock: a restart does not reuse the ids of the run before.
            long firstSequence = time.now().getEpochSecond() * 8;
            MarketMakerContext context = MarketMakerContext.of(cfg.engine(), time, store,
                    new ClientOrderIds(cfg.clientIdPrefix(), firstSequence), primary, cfg.symbol());
            for (var e : bot.extra().entrySet()) {
                ExchangeGateway g = ops.observe(e.getValue().open(time, ops.venueObserver()));
                opened.add(g);
                context = context.withMarket(e.getKey(), g, cfg.markets().get(e.getKey()).symbol());
            }
            MarketMaker created = bot.strategy().create(context);
            ops.attach(created, store, () -> {
                created.stop();
                LOG.info("stop requested over HTTP: stopping; cancelling orders and closing connections");
            });
            maker = created;
        } catch (RuntimeException e) {
            LOG.error("[{}] could not start: {}", cfg.instanceId(), e.getMessage());
            ops.close();
            closeAll(opened, store);
            return 1;
        }
        if (signals.received() != null) {
            ops.close();
            closeAll(opened, store);
            return stoppedDuringStartUp(cfg, signals);
        }
        // A signal that comes between the check above and this hand-over stops the maker before it runs.
        signals.handOver(name -> {
            maker.stop();
            LOG.info("received SIG{}: stopping; cancelling orders and closing connections", name);
        });
        Alerter alerter = Alerter.from(cfg.alerts(), env);
        if (alerter.isEnabled()) {
            maker.addObserver(new AlertingObserver(alerter, cfg.instanceId(), time, cfg.alerts().failedIterations()));
        }
        RunCompletion completion = new RunCompletion();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> completion.stopAndAwait(maker,
                cfg.engine().shutdown().totalTimeout().plusSeconds(2)), "mmkit-shutdown-hook"));
        LOG.info("[{}] running {} on {} {} (store {}); Ctrl+C stops it cleanly", cfg.instanceId(),
                maker.getClass().getSimpleName(), opened.get(0).venue(), cfg.symbol(),
                cfg.storeDirectory().resolve(cfg.instanceId() + ".db"));
        RunResult result;
        try {
            result = maker.run();
        } finally {
            ops.close();
            alerter.close(); // bounded: queued alerts (an unclean shutdown's) go out before the exit
        }
        completion.done();
        if (Thread.interrupted() && main.isAlive()) {
            LOG.debug("main thread was interrupted during shutdown");
        }
        LOG.info("[{}] exit status {}: {}", cfg.instanceId(), result.exitCode(), result.stopReason());
        return result.exitCode();
    }

    /**
     * Runs the pre-flight on a thread of its own while this thread waits for it or for a signal: a blocking
     * socket read does not heed an interrupt, and a signal must not wait for the venue's read timeout. Nothing
     * the pre-flight sends needs undoing, so on a signal its thread is simply left to die with the process.
     */
    private static void preflightUnlessSignalled(Prepared bot, TimeSource time, StopSignals signals) {
        CompletableFuture<String> signalled = new CompletableFuture<>();
        signals.handOver(signalled::complete);
        CompletableFuture<Void> checked = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                preflight(bot, time);
                checked.complete(null);
            } catch (RuntimeException | Error e) {
                checked.completeExceptionally(e);
            }
        }, "mmkit-preflight");
        worker.setDaemon(true);
        worker.start();
        try {
            CompletableFuture.anyOf(checked, signalled.thenApply(name -> null)).join();
        } catch (CompletionException e) {
            // the pre-flight failed: rethrown below
        }
        if (signalled.isDone()) {
            return;
        }
        try {
            checked.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Checks the config against the venue through gateways of its own, closed before the bot's are opened. */
    private static void preflight(Prepared bot, TimeSource time) {
        BotConfig cfg = bot.config();
        List<ExchangeGateway> opened = new ArrayList<>();
        try {
            ExchangeGateway primary = openForPreflight(bot.primary(), time);
            opened.add(primary);
            LOG.info("[{}] pre-flight: checking {} on {}", cfg.instanceId(), cfg.symbol(), bot.primary().endpoint());
            List<Preflight.Target> extra = new ArrayList<>();
            for (var e : bot.extra().entrySet()) {
                ExchangeGateway g = openForPreflight(e.getValue(), time);
                opened.add(g);
                extra.add(new Preflight.Target("markets." + e.getKey() + ".symbol",
                        cfg.markets().get(e.getKey()).symbol(), g, e.getValue().endpoint()));
            }
            Preflight.Outcome seen = new Preflight(bot).check(
                    new Preflight.Target("symbol", cfg.symbol(), primary, bot.primary().endpoint()), extra);
            LOG.info("[{}] pre-flight passed: {} bid {} ask {}, {} order(s) to rest at start", cfg.instanceId(),
                    cfg.symbol(), seen.top().bidPrice().toPlainString(), seen.top().askPrice().toPlainString(),
                    seen.plan().quotes().size());
        } finally {
            opened.forEach(ExchangeGateway::close);
        }
    }

    /**
     * What the store must say of this instance: {@code paper} when its markets trade real market data on
     * simulated fills, {@code simulated} on the offline venue, else {@code live} — a store a paper run wrote never
     * passes for a record of real trades — and its venues.
     */
    private static void describe(TradeStore store, BotConfig cfg, TimeSource time) {
        List<String> venues = new ArrayList<>();
        venues.add(String.valueOf(cfg.exchange().get("name")));
        cfg.markets().values().forEach(m -> venues.add(String.valueOf(m.exchange().get("name"))));
        boolean simulatedOnly = venues.stream().allMatch(v -> v.equals("simulated"));
        boolean noRealVenue = venues.stream().allMatch(v -> v.equals("paper") || v.equals("simulated"));
        String mode = simulatedOnly ? "simulated" : noRealVenue ? "paper" : "live";
        store.describeInstance("mode", mode, time.now());
        store.describeInstance("venues", String.join(",", venues), time.now());
    }

    /**
     * Opens a venue for the pre-flight. Opening may already ask the venue (a paper venue loads its market's rules
     * from the real one): a venue that cannot be reached is one start-up failure line, not a stack trace.
     */
    private static ExchangeGateway openForPreflight(Venues.Validated venue, TimeSource time) {
        try {
            return venue.openForPreflight(time);
        } catch (ExchangeException e) {
            throw new StartFailure("cannot reach " + venue.endpoint() + ": " + e.getMessage(), e);
        }
    }

    private static void closeAll(List<ExchangeGateway> opened, TradeStore store) {
        opened.forEach(ExchangeGateway::close);
        if (store != null) {
            store.close();
        }
    }

    /** For a signal that came while the config was being read: nothing opened, nothing placed. */
    int stoppedBeforeStart(Prepared bot, StopSignals signals) {
        return stoppedDuringStartUp(bot.config(), signals);
    }

    private static int stoppedDuringStartUp(BotConfig cfg, StopSignals signals) {
        LOG.info("[{}] received SIG{} during start-up: stopped before any order was placed; exit status 0",
                cfg.instanceId(), signals.received());
        return 0;
    }

    private static BotConfig withDuration(BotConfig c, Duration d) {
        EngineSettings e = c.engine().withDuration(d);
        return new BotConfig(c.instanceId(), c.symbol(), c.exchange(), c.strategy(), c.markets(), e,
                c.storeDirectory(), c.clientIdPrefix(), c.guards(), c.alerts(), c.logging(), c.http());
    }

    /**
     * Lets a JVM shutdown that did not come through our signal handlers (SIGHUP, System.exit elsewhere)
     * still wait for the bot's cleanup instead of cutting it short.
     */
    private static final class RunCompletion {
        private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

        void done() {
            finished.countDown();
        }

        void stopAndAwait(MarketMaker maker, Duration max) {
            if (finished.getCount() == 0) {
                return;
            }
            maker.stop();
            try {
                finished.await(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
