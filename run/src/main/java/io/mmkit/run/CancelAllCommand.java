package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.ShutdownSettings;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.config.ConfigFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cancel-all --config <file>}: for after a crash or for a hung bot. On every market the config names
 * (the primary one and each of {@code markets}), cancels the orders whose client id carries the instance's
 * {@code client_id_prefix} and asks the venue again until none remain or {@code shutdown.cancel_timeout} has
 * passed. Orders with another prefix, or none, are left alone. Opens no store and writes no file.
 *
 * <p>Exit status: 0 when the venue lists none of ours on any market, 1 when some may remain (each named), 2 for a
 * bad config.
 */
@Command(name = "cancel-all", mixinStandardHelpOptions = true,
        description = {"Cancel every order carrying the instance's client-id prefix on its configured markets,",
                "then verify none remain. Exit status: 0 none remain, 1 some may remain (named), 2 bad config."})
final class CancelAllCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "<file>", description = "The instance's JSON config.")
    Path config;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    CancelAllCommand() {
        this(System.getenv());
    }

    CancelAllCommand(Map<String, String> env) {
        this.env = env;
    }

    /** One market to sweep. */
    private record Target(String name, String symbol, Venues.Validated venue) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BotConfig cfg;
        List<Target> targets = new ArrayList<>();
        try {
            cfg = BotConfig.from(ConfigFile.toPlainMap(ConfigFile.load(config, env)));
            targets.add(new Target("primary", cfg.symbol(), Venues.validate("exchange", cfg.exchange(), cfg.symbol(),
                    env)));
            for (var m : cfg.markets().entrySet()) {
                targets.add(new Target(m.getKey(), m.getValue().symbol(), Venues.validate(
                        "markets." + m.getKey() + ".exchange", m.getValue().exchange(), m.getValue().symbol(), env)));
            }
        } catch (ConfigException e) {
            err.println("mmkit: config error: " + e.getMessage());
            err.flush();
            return RunCommand.CONFIG_ERROR;
        }
        ClientOrderIds ours = new ClientOrderIds(cfg.clientIdPrefix(), 0);
        TimeSource time = new SystemTimeSource();
        Map<String, List<String>> remaining = new LinkedHashMap<>();
        for (Target t : targets) {
            List<String> left = sweep(t, ours, cfg.engine().shutdown(), time, out);
            if (!left.isEmpty()) {
                remaining.put(t.name() + " " + t.symbol(), left);
            }
        }
        out.flush();
        if (remaining.isEmpty()) {
            out.println("cancel-all " + cfg.instanceId() + ": no orders with prefix " + cfg.clientIdPrefix()
                    + " remain");
            out.flush();
            return 0;
        }
        err.println("cancel-all " + cfg.instanceId() + ": orders with prefix " + cfg.clientIdPrefix()
                + " may remain: " + remaining);
        err.flush();
        return 1;
    }

    /**
     * Cancels and re-lists until the venue lists none of ours or the deadline passes.
     *
     * @return the client ids that may still rest: those still listed, or {@code <unverified>} when the venue
     *     could not be asked
     */
    private static List<String> sweep(Target t, ClientOrderIds ours, ShutdownSettings deadlines, TimeSource time,
                                      PrintWriter out) {
        String where = "cancel-all " + t.name() + " " + t.symbol() + " on " + t.venue().endpoint() + ": ";
        long deadline = System.nanoTime() + deadlines.cancelTimeout().toNanos();
        int cancelled = 0;
        String lastError = null;
        List<String> own = null;
        try (ExchangeGateway gateway = t.venue().open(time)) {
            while (true) {
                List<OpenOrder> open;
                try {
                    open = gateway.openOrders(t.symbol());
                } catch (RuntimeException e) {
                    out.println(where + "could not list open orders: " + e.getMessage());
                    return own == null ? List.of("<unverified>") : own;
                }
                own = open.stream().map(OpenOrder::clientOrderId).filter(ours::isOwn).toList();
                if (own.isEmpty()) {
                    out.println(where + cancelled + " cancelled, none of ours remain (" + open.size()
                            + " other order(s) left alone)");
                    return own;
                }
                if (System.nanoTime() >= deadline) {
                    out.println(where + own.size() + " of ours still listed after "
                            + deadlines.cancelTimeout().toMillis() + " ms"
                            + (lastError == null ? "" : "; last cancel failed: " + lastError));
                    return own;
                }
                try {
                    cancelled += gateway.cancelOrders(t.symbol(), own);
                } catch (RuntimeException e) {
                    lastError = e.getMessage(); // asked again below; the deadline ends it
                }
                pause(deadlines.cancelRetryPause(), deadline);
            }
        }
    }

    private static void pause(Duration pause, long deadline) {
        long nanos = Math.min(pause.toNanos(), Math.max(0, deadline - System.nanoTime()));
        // A pause between rounds, not synchronisation: the venue needs a moment to drop what it cancelled.
        LockSupport.parkNanos(nanos);
    }
}
