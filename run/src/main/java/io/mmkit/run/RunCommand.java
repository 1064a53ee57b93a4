package io.mmkit.run;

import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.backtest.cli.BacktestCommand;
import io.mmkit.collector.CollectCommand;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run --strategy <name> --config <file> [--duration 10m]}: runs one bot instance in the foreground. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Runs one market-making bot until Ctrl+C / SIGTERM or --duration.",
                "On stop it cancels every order it placed, verifies none remain, saves its data and exits.",
                "Exit status: 0 clean stop, 1 orders may remain or the run failed, 2 bad config or usage."},
        subcommands = {DaemonCommand.class, BacktestCommand.class, CollectCommand.class, CancelAllCommand.class,
                CompletionCommand.class, ImportConfigCommand.class, StatusCommand.class, DashboardCommand.class})
public final class RunCommand implements Callable<Integer> {
    static final int CONFIG_ERROR = 2;

    // Not "required" to picocli: a subcommand (daemon, backtest) runs without them; checked in call().
    @Option(names = "--strategy", paramLabel = "<name>",
            description = "Strategy to run, by its plug-in name (see the list below).")
    String strategy;

    @Option(names = "--config", paramLabel = "<file>", description = "JSON config file.")
    Path config;

    @Option(names = "--duration", paramLabel = "<time>",
            description = "Stop by itself after this long, e.g. 30s, 10m, 2h (overrides the config's duration).")
    String duration;

    // Read by Main before parsing (the strategies must be known to build this command); declared so that it is
    // accepted on every subcommand and shown in --help.
    @Option(names = Plugins.OPTION, paramLabel = "<dir>", scope = CommandLine.ScopeType.INHERIT,
            description = "Load strategy plug-in jars from this folder (default: $MMKIT_PLUGINS).")
    Path plugins;

    @Option(names = "--check", description = "Validate the config and exit: no exchange call, no file written.")
    boolean checkOnly;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final StrategyCatalog catalog;
    private final StopSignals signals;

    /** With the process's environment, the strategies on the classpath and signal handlers installed by main. */
    public RunCommand(StopSignals signals) {
        this(System.getenv(), StrategyCatalog.load(), signals);
    }

    RunCommand(Map<String, String> env, StrategyCatalog catalog) {
        this(env, catalog, new StopSignals()); // in-process callers (tests) leave the JVM's handlers alone
    }

    RunCommand(Map<String, String> env, StrategyCatalog catalog, StopSignals signals) {
        this.env = env;
        this.catalog = catalog;
        this.signals = signals;
    }

    @Override
    public Integer call() {
        if (strategy == null || config == null) {
            spec.commandLine().getErr().println("mmkit: missing " + (strategy == null ? "--strategy" : "--config")
                    + " (see --help)");
            spec.commandLine().getErr().flush();
            return CONFIG_ERROR;
        }
        // Reading the config is quick and opens nothing: a signal meanwhile is noted, and nothing starts after it.
        signals.handOver(name -> { });
        BotLauncher launcher = new BotLauncher(catalog, env);
        BotLauncher.Prepared bot;
        try {
            Duration override = duration == null ? null : parseDuration(duration);
            bot = launcher.prepare(strategy, config, override);
        } catch (ConfigException e) {
            return configError(e);
        }
        if (signals.received() != null && !checkOnly) {
            return launcher.stoppedBeforeStart(bot, signals);
        }
        if (checkOnly) {
            spec.commandLine().getOut().println("config OK: " + config + " (strategy " + strategy
                    + ", instance " + bot.config().instanceId() + ")");
            spec.commandLine().getOut().flush();
            return 0;
        }
        try {
            return launcher.run(bot, signals);
        } catch (ConfigException e) {
            return configError(e); // the pre-flight refused it against the venue: nothing placed, no file
        }
    }

    private int configError(ConfigException e) {
        spec.commandLine().getErr().println("mmkit: config error: " + e.getMessage() + backtestHint());
        spec.commandLine().getErr().flush();
        return CONFIG_ERROR;
    }

    /**
     * A refused file that is a backtest config (a {@code backtest} section on a simulated venue without a live
     * price path) was most likely meant for {@code backtest}: say so on the same line.
     */
    private String backtestHint() {
        try {
            String text = java.nio.file.Files.readString(config);
            var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            if (root != null && root.has("backtest") && "simulated".equals(root.path("exchange").path("name").asText())
                    && !root.path("exchange").has("start_price")) {
                return " (this is a backtest config: check it with `backtest --strategy " + strategy + " --config "
                        + config + " --check`)";
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no hint: the error itself says what is wrong
        }
        return "";
    }

    private static Duration parseDuration(String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new ConfigException("--duration", "must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--duration", e.getMessage());
        }
    }

    /** The command line, its help footer listing the strategies found on the classpath. */
    static CommandLine commandLine(RunCommand command) {
        String list = String.join(", ", command.catalog.names());
        CommandLine cl = new CommandLine(command);
        // The Python bot's flags (--symbol, --stop-loss -10, ...) are import-config's input, not its options.
        cl.getSubcommands().get("import-config").setUnmatchedOptionsArePositionalParams(true);
        cl.getCommandSpec().usageMessage().footer("", "Strategies on the classpath:",
                "  " + (list.isEmpty() ? "(none found)" : list));
        return cl;
    }
}
