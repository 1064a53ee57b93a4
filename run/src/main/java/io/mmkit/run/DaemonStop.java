package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.Durations;
import io.mmkit.run.DaemonState.Outcome;
import io.mmkit.run.DaemonState.Phase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code daemon stop}: writes the grace into the stop request, sends SIGTERM to the supervisor, which sends
 * SIGTERM to the bot (its own clean shutdown), kills it after the grace and then runs the cancel-all sweep;
 * waits for all of that and reports this run's exit line. Exit status 0 after a clean stop (or nothing to
 * stop), 1 otherwise.
 */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop a background bot: SIGTERM for its clean shutdown; after --timeout, SIGKILL and the "
                + "cancel-all sweep.", "Exit status: 0 stopped clean or not running, 1 otherwise, 2 usage."})
final class DaemonStop implements Callable<Integer> {
    /** Beyond the grace: the sweep's own limit plus the supervisor's bookkeeping. */
    private static final Duration SWEEP_ALLOWANCE = Duration.ofSeconds(90);

    @Spec
    CommandSpec spec;
    @Mixin
    DaemonCommand.Target target = new DaemonCommand.Target();
    @Option(names = "--timeout", defaultValue = "25s", paramLabel = "<time>",
            description = "Grace before SIGKILL and the cancel-all sweep (default: ${DEFAULT-VALUE}).")
    String timeout;

    private final Map<String, String> env;

    DaemonStop() {
        this(System.getenv());
    }

    DaemonStop(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InstanceFiles files;
        Duration grace;
        try {
            files = target.files(env);
            grace = Durations.parse(timeout);
            if (grace.isNegative()) {
                throw new ConfigException("--timeout", "must not be negative");
            }
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("mmkit: " + e.getMessage());
            return RunCommand.CONFIG_ERROR;
        }
        String id = files.instanceId();
        Optional<DaemonState> read = DaemonState.read(files.stateFile());
        if (read.isEmpty()) {
            out.println(id + " is not running (never started in " + files.dir() + ")");
            return 0;
        }
        Optional<ProcessHandle> supervisor = DaemonCommand.supervisor(read.get());
        if (supervisor.isEmpty()) {
            return notSupervised(out, err, files, read.get(), grace);
        }
        Files.writeString(files.stopRequestFile(), grace.toMillis() + "ms\n", StandardCharsets.UTF_8);
        long begin = System.nanoTime();
        supervisor.get().destroy(); // SIGTERM: the supervisor passes it on to the bot
        if (!LiveProcesses.awaitExit(supervisor.get(), grace.plus(SWEEP_ALLOWANCE))) {
            err.println("mmkit: the supervisor of " + id + " (pid " + supervisor.get().pid() + ") has not finished within "
                    + grace.plus(SWEEP_ALLOWANCE).toSeconds() + " s; see " + files.supervisorLog());
            return 1;
        }
        long took = Duration.ofNanos(System.nanoTime() - begin).toMillis();
        DaemonState s = DaemonState.read(files.stateFile()).orElse(read.get());
        if (s.phase() != Phase.ENDED) { // never report the record of an earlier run as this stop's outcome
            err.println("mmkit: the supervisor of " + id + " exited without recording how the bot ended (phase "
                    + s.phase() + "); see " + files.supervisorLog() + " and " + s.text(DaemonState.RUN_LOG, "the run log"));
            return 1;
        }
        long botMillis = s.get(DaemonState.LAST_STOP_MILLIS).map(Long::parseLong).orElse(took);
        Outcome outcome = s.lastOutcome().orElse(Outcome.CRASHED);
        String exitLine = s.text(DaemonState.LAST_EXIT_LINE, "(no exit line in this run's log)");
        switch (outcome) {
            case CLEAN -> {
                out.printf("stopped %s in %d ms: %s%n", id, botMillis, exitLine);
                return 0;
            }
            case KILLED -> {
                err.printf("mmkit: %s did not stop within %d s of SIGTERM: killed; cancel-all sweep %s; log: %s%n", id,
                        grace.toSeconds(), s.text(DaemonState.SWEEP, "not run"), s.text(DaemonState.RUN_LOG, "?"));
                return 1;
            }
            default -> {
                out.printf("stopped %s in %d ms: %s (%s)%s; log: %s%n", id, botMillis, exitLine,
                        InstanceReport.exitCode(s), s.get(DaemonState.SWEEP).map(x -> "; cancel-all sweep " + x)
                                .orElse(""), s.text(DaemonState.RUN_LOG, "?"));
                return 1;
            }
        }
    }

    /** No supervisor: either nothing runs, or a bot outlived its supervisor and is stopped here directly. */
    private static int notSupervised(PrintWriter out, PrintWriter err, InstanceFiles files, DaemonState s,
                                     Duration grace) {
        String id = files.instanceId();
        Optional<ProcessHandle> bot = s.phase() == Phase.ENDED ? Optional.empty() : DaemonCommand.bot(s);
        if (bot.isEmpty()) {
            InstanceReport r = InstanceReport.of(s, false, false, Instant.now());
            out.println(id + " is not running (" + r.word() + (r.detail().isEmpty() ? "" : ": " + r.detail()) + ")");
            return 0;
        }
        bot.get().destroy();
        if (LiveProcesses.awaitExit(bot.get(), grace)) {
            out.println("stopped " + id + " (pid " + bot.get().pid() + ", unsupervised: its supervisor was gone);"
                    + " see " + s.text(DaemonState.RUN_LOG, "its log") + " for its exit line");
            return 1;
        }
        bot.get().destroyForcibly();
        err.println("mmkit: " + id + " (pid " + bot.get().pid() + ", unsupervised) did not stop within "
                + grace.toSeconds() + " s: killed; orders may remain: run `cancel-all --config <file>`");
        return 1;
    }
}
