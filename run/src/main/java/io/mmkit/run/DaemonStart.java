package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.Durations;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.run.DaemonState.Phase;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code daemon start}: validates the config, spawns the detached supervisor, and waits until the bot reports
 * running or dies — and says which. Exit status 0 running, 1 died or not confirmed in time, 2 bad config.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Validate the config, start the bot under a background supervisor, and wait until it "
                + "reports running (exit 0) or dies (exit 1, with its last error line)."})
final class DaemonStart implements Callable<Integer> {
    private static final long POLL_MILLIS = 50;

    @Spec
    CommandSpec spec;
    @Option(names = "--strategy", required = true, paramLabel = "<name>")
    String strategy;
    @Option(names = "--config", required = true, paramLabel = "<file>")
    Path config;
    @Option(names = "--home", paramLabel = "<dir>",
            description = "Where instances keep their files (default: $MMKIT_HOME, else <store directory>/daemon).")
    Path home;
    @Option(names = "--restart", defaultValue = "no", paramLabel = "no|on-failure",
            description = "Start the bot again after a run that did not end clean (default: ${DEFAULT-VALUE}).")
    String restart;
    @Option(names = "--max-restarts", defaultValue = "3", paramLabel = "<n>",
            description = "With on-failure: at most this many restarts in a row (default: ${DEFAULT-VALUE}).")
    int maxRestarts;
    @Option(names = "--restart-backoff", defaultValue = "2s", paramLabel = "<time>",
            description = "Wait before the first restart, doubling for each next one (default: ${DEFAULT-VALUE}).")
    String backoff;
    @Option(names = "--wait", defaultValue = "90s", paramLabel = "<time>",
            description = "How long to wait for the bot to report running (default: ${DEFAULT-VALUE}).")
    String wait;
    // Tests replace the cancel-all command's main class with a stand-in; same command line otherwise.
    @Option(names = "--sweep-main", hidden = true, defaultValue = "io.mmkit.run.Main")
    String sweepMain;
    @Option(names = "--sweep-timeout", hidden = true, defaultValue = "60s")
    String sweepTimeout;

    private final Map<String, String> env;

    DaemonStart() {
        this(System.getenv());
    }

    DaemonStart(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BotLauncher.Prepared bot;
        InstanceFiles files;
        RestartPolicy policy;
        Duration waitFor;
        try {
            policy = RestartPolicy.parse(restart, maxRestarts, backoff);
            waitFor = positive("--wait", wait);
            positive("--sweep-timeout", sweepTimeout);
            bot = new BotLauncher(StrategyCatalog.load(), env).prepare(strategy, config, null);
            files = InstanceFiles.forConfig(config, home, env);
        } catch (ConfigException e) {
            err.println("mmkit: config error: " + e.getMessage());
            return RunCommand.CONFIG_ERROR;
        }
        String id = bot.config().instanceId();
        Optional<DaemonState> previous = DaemonState.read(files.stateFile());
        if (previous.isPresent()) {
            Optional<ProcessHandle> sup = DaemonCommand.supervisor(previous.get());
            Optional<ProcessHandle> running = DaemonCommand.bot(previous.get());
            if (sup.isPresent() || (previous.get().phase() != Phase.ENDED && running.isPresent())) {
                err.println("mmkit: " + id + " is already running (" + sup.map(h -> "supervisor pid " + h.pid() + ", ")
                        .orElse("unsupervised, ") + "bot pid " + previous.get().number(DaemonState.BOT_PID) + ")");
                return 1;
            }
        }
        Files.createDirectories(files.dir());
        Files.deleteIfExists(files.stopRequestFile());
        String token = UUID.randomUUID().toString();
        Process supervisor = spawnSupervisor(files, id, token);
        return awaitVerdict(out, err, files, id, token, supervisor, waitFor);
    }

    private Process spawnSupervisor(InstanceFiles files, String id, String token) throws IOException {
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid"); // its own session: a closing terminal's SIGHUP does not reach it
        }
        // The supervisor only watches: a small heap and the serial collector keep it light beside its bot.
        command.addAll(List.of(CancelAllSweep.ourJava(), "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                CancelAllSweep.ourClasspath(), Main.class.getName(),
                "daemon", "supervise", "--strategy", strategy,
                "--config", config.toAbsolutePath().normalize().toString(), "--instance", id,
                "--dir", files.dir().toString(), "--token", token, "--restart", restart,
                "--max-restarts", Integer.toString(maxRestarts), "--restart-backoff", backoff,
                "--sweep-main", sweepMain, "--sweep-timeout", sweepTimeout));
        ProcessBuilder builder = new ProcessBuilder(command);
        Plugins.passTo(builder.environment()); // the supervisor, its bot and its sweep load the same plug-ins
        return builder
                .directory(InstanceFiles.botWorkingDirectory(config).toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.supervisorLog().toFile()))
                .redirectErrorStream(true)
                .start();
    }

    /** Polls the state file the supervisor writes until it says running, or that the bot or supervisor died. */
    private static int awaitVerdict(PrintWriter out, PrintWriter err, InstanceFiles files, String id, String token,
                                    Process supervisor, Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            Optional<DaemonState> read = DaemonState.read(files.stateFile())
                    .filter(s -> token.equals(s.text(DaemonState.TOKEN, "")));
            Phase phase = read.map(DaemonState::phase).orElse(null);
            if (phase == Phase.RUNNING) {
                DaemonState s = read.get();
                out.println("started " + id + ": running (bot pid " + s.number(DaemonState.BOT_PID) + ", supervisor pid "
                        + s.number(DaemonState.SUPERVISOR_PID) + ", restart " + s.text(DaemonState.POLICY, "no")
                        + "), log: " + s.text(DaemonState.RUN_LOG, "?"));
                return 0;
            }
            if (phase != null && phase != Phase.STARTING) {
                DaemonState s = read.get();
                err.println("mmkit: " + id + " died before it reported running (" + InstanceReport.exitCode(s) + "): "
                        + s.text(DaemonState.LAST_ERROR, "no output") + "; log: " + s.text(DaemonState.RUN_LOG, "?"));
                return 1;
            }
            // A zero exit is setsid having forked: the supervisor itself lives on and writes the state.
            if (!supervisor.isAlive() && supervisor.exitValue() != 0) {
                err.println("mmkit: the supervisor of " + id + " exited with status " + supervisor.exitValue()
                        + " before the bot reported running; see " + files.supervisorLog());
                return 1;
            }
            if (System.nanoTime() >= deadline) {
                err.println("mmkit: " + id + " has not reported running within " + max.toSeconds() + " s; still "
                        + "starting in the background (see `daemon status`), log: "
                        + read.map(s -> s.text(DaemonState.RUN_LOG, "?")).orElse(files.supervisorLog().toString()));
                return 1;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
    }

    private static Duration positive(String option, String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new ConfigException(option, "must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option, e.getMessage());
        }
    }
}
