package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.Durations;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.exchange.config.ConfigFile;
import io.mmkit.run.alerts.AlertSettings;
import io.mmkit.run.alerts.Alerter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code daemon supervise}: the detached supervisor process {@code daemon start} spawns. Not for people. */
@Command(name = "supervise", hidden = true, description = "Internal: the supervisor process of one instance.")
final class DaemonSupervise implements Callable<Integer> {
    @Option(names = "--strategy", required = true)
    String strategy;
    @Option(names = "--config", required = true)
    Path config;
    @Option(names = "--instance", required = true)
    String instance;
    @Option(names = "--dir", required = true)
    Path dir;
    @Option(names = "--token", required = true)
    String token;
    @Option(names = "--restart", defaultValue = "no")
    String restart;
    @Option(names = "--max-restarts", defaultValue = "3")
    int maxRestarts;
    @Option(names = "--restart-backoff", defaultValue = "2s")
    String backoff;
    @Option(names = "--sweep-main", defaultValue = "io.mmkit.run.Main")
    String sweepMain;
    @Option(names = "--sweep-timeout", defaultValue = "60s")
    String sweepTimeout;

    @Override
    public Integer call() throws Exception {
        RestartPolicy policy;
        CancelAllSweep sweep;
        try {
            policy = RestartPolicy.parse(restart, maxRestarts, backoff);
            sweep = new CancelAllSweep(CancelAllSweep.ourJava(), CancelAllSweep.ourClasspath(), sweepMain,
                    Durations.parse(sweepTimeout));
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("mmkit: " + e.getMessage());
            return RunCommand.CONFIG_ERROR;
        }
        Path absolute = config.toAbsolutePath().normalize();
        List<String> command = List.of(CancelAllSweep.ourJava(), "-cp", CancelAllSweep.ourClasspath(),
                Main.class.getName(), "--strategy", strategy, "--config", absolute.toString());
        Supervisor.Bot bot = new Supervisor.Bot(instance, command, absolute, InstanceFiles.botWorkingDirectory(absolute));
        try (Alerter alerter = alertsOf(absolute)) {
            return new Supervisor(bot, new InstanceFiles(dir, instance), policy, sweep, token, alerter).run();
        }
    }

    /**
     * The bot's own {@code alerts} section: the supervisor reports what the bot cannot — its death. A config the
     * bot would refuse is the bot's to report; the supervisor then has no alerts.
     */
    @SuppressWarnings("unchecked")
    private static Alerter alertsOf(Path config) {
        try {
            var root = ConfigFile.load(config, System.getenv());
            Object section = ConfigFile.toPlainMap(root).get("alerts");
            AlertSettings settings = section instanceof java.util.Map<?, ?> m
                    ? AlertSettings.read(java.util.Optional.of(
                            new StrategyParams("alerts", (java.util.Map<String, ?>) m)))
                    : AlertSettings.NONE;
            return Alerter.from(settings, System.getenv());
        } catch (RuntimeException e) {
            return Alerter.from(AlertSettings.NONE, java.util.Map.of());
        }
    }
}
