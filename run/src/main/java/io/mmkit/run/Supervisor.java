package io.mmkit.run;

import io.mmkit.core.config.Durations;
import io.mmkit.core.time.TerminationSignals;
import io.mmkit.run.DaemonState.Outcome;
import io.mmkit.run.DaemonState.Phase;
import io.mmkit.run.alerts.Alert;
import io.mmkit.run.alerts.AlertSettings;
import io.mmkit.run.alerts.Alerter;
import io.mmkit.run.ops.EndpointFile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process that outlives {@code daemon start}: it starts the bot, watches its log for the line that says
 * it runs, records every step in the state file, restarts it by its {@link RestartPolicy}, and on SIGTERM
 * (from {@code daemon stop}) passes SIGTERM on to the bot — its own clean shutdown — and kills it only after
 * the grace the stop request names. Whenever its last bot run did not end clean, it runs the cancel-all sweep
 * before it exits, so no order is left resting unattended.
 */
final class Supervisor {
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(25);
    private static final Logger LOG = LoggerFactory.getLogger("mmkit.daemon");
    private static final long POLL_MILLIS = 100;

    /** What the supervisor starts: the bot's command line, run in {@code workingDirectory}. */
    record Bot(String instanceId, List<String> command, Path config, Path workingDirectory) {
    }

    private record RunEnd(int exitCode, boolean ready, boolean stopRequested, boolean killed, long stopMillis) {
    }

    private final Bot bot;
    private final InstanceFiles files;
    private final RestartPolicy policy;
    private final CancelAllSweep sweep;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Alerter alerter;
    private DaemonState state;

    Supervisor(Bot bot, InstanceFiles files, RestartPolicy policy, CancelAllSweep sweep, String token) {
        this(bot, files, policy, sweep, token, Alerter.from(AlertSettings.NONE, java.util.Map.of()));
    }

    Supervisor(Bot bot, InstanceFiles files, RestartPolicy policy, CancelAllSweep sweep, String token,
               Alerter alerter) {
        this.alerter = alerter;
        this.bot = bot;
        this.files = files;
        this.policy = policy;
        this.sweep = sweep;
        ProcessHandle self = ProcessHandle.current();
        this.state = DaemonState.empty()
                .with(DaemonState.TOKEN, token)
                .with(DaemonState.SUPERVISOR_PID, self.pid())
                .with(DaemonState.SUPERVISOR_STARTED, LiveProcesses.startedOf(self))
                .with(DaemonState.POLICY, policy.describe())
                .with(DaemonState.RESTARTS, 0)
                .with(DaemonState.CONFIG, bot.config())
                .with(DaemonState.STRATEGY, optionValue(bot.command(), "--strategy"))
                .with(DaemonState.PHASE, Phase.STARTING);
    }

    /** Supervises until the bot ends for good or a stop is requested. Returns 0 if the last run ended clean. */
    int run() throws IOException, InterruptedException {
        TerminationSignals.onTerminate(stopRequested::countDown, "stopping the bot", LOG);
        record(state);
        boolean everReady = false;
        int inARow = 0;
        int restarts = 0;
        while (true) {
            int run = files.nextRun();
            Instant started = Instant.now();
            RunEnd end = runOnce(run);
            everReady |= end.ready();
            Outcome outcome = outcomeOf(end, files.runLog(run));
            RunLog log = new RunLog(files.runLog(run), bot.instanceId());
            record(state.with(DaemonState.BOT_PID, null).with(DaemonState.BOT_STARTED, null)
                    .with(DaemonState.LAST_OUTCOME, outcome)
                    .with(DaemonState.LAST_EXIT_CODE, end.exitCode())
                    .with(DaemonState.LAST_EXIT_LINE, log.exitLine().orElse(null))
                    .with(DaemonState.LAST_ERROR, (end.ready() ? log.lastError() : log.firstError()).orElse(null))
                    .with(DaemonState.LAST_ENDED, Instant.now())
                    .with(DaemonState.LAST_STOP_MILLIS, end.stopRequested() ? end.stopMillis() : null));
            LOG.info("[{}] run {} ended: {} (exit code {})", bot.instanceId(), run, outcome, end.exitCode());
            alertOn(outcome, end, log);
            if (end.stopRequested() || outcome == Outcome.CLEAN) {
                return finish(outcome, end.stopRequested() ? "stopped on request" : "the bot ended by itself");
            }
            if (!everReady) {
                return finish(outcome, "died before it ever reported running: not restarted");
            }
            if (Duration.between(started, Instant.now()).compareTo(RestartPolicy.STABLE_AFTER) >= 0) {
                inARow = 0;
            }
            if (!policy.allowsAnother(inARow)) {
                return finish(outcome, policy.onFailure()
                        ? "restart budget used up (" + policy.maxRestarts() + " in a row)" : "restart policy: no");
            }
            Duration delay = policy.delayBefore(inARow);
            inARow++;
            restarts++;
            record(state.with(DaemonState.PHASE, Phase.BACKOFF).with(DaemonState.RESTARTS, restarts)
                    .with(DaemonState.NEXT_START, Instant.now().plus(delay)));
            LOG.info("[{}] restart {} of {} in a row in {} ms", bot.instanceId(), inARow, policy.maxRestarts(),
                    delay.toMillis());
            if (stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                return finish(outcome, "stopped on request while waiting to restart");
            }
        }
    }

    private RunEnd runOnce(int run) throws IOException, InterruptedException {
        Path logFile = files.runLog(run);
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(bot.command())
                .directory(bot.workingDirectory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectErrorStream(true);
        // The bot writes where its HTTP endpoint listens into this instance's directory (endpoint.properties).
        builder.environment().put(EndpointFile.INSTANCE_DIR_ENV, files.dir().toString());
        Process process = builder.start();
        record(state.with(DaemonState.PHASE, Phase.STARTING)
                .with(DaemonState.BOT_PID, process.pid())
                .with(DaemonState.BOT_STARTED, LiveProcesses.startedOf(process.toHandle()))
                .with(DaemonState.RUN, run)
                .with(DaemonState.RUN_LOG, logFile)
                .with(DaemonState.RUN_STARTED, Instant.now())
                .with(DaemonState.RUN_READY, null)
                .with(DaemonState.NEXT_START, null));
        LOG.info("[{}] run {} started: pid {}, log {}", bot.instanceId(), run, process.pid(), logFile);
        RunLog log = new RunLog(logFile, bot.instanceId());
        boolean ready = false;
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!ready && log.reportsRunningYet()) {
                    ready = true;
                    record(state.with(DaemonState.PHASE, Phase.RUNNING).with(DaemonState.RUN_READY, Instant.now()));
                    LOG.info("[{}] run {} reports running", bot.instanceId(), run);
                }
                if (stopRequested.getCount() == 0) {
                    return stop(process, ready || log.reportsRunningYet());
                }
            }
        } finally {
            if (process.isAlive()) { // the supervisor itself is failing: do not leave the bot unwatched
                process.destroy();
                process.waitFor(DEFAULT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        ready = ready || log.reportsRunningYet();
        return new RunEnd(process.exitValue(), ready, false, false, 0);
    }

    /**
     * What only the supervisor can see: the bot's process dying (while running, or before it ever ran) and a
     * stop it had to finish with SIGKILL. A bot that ends with orders possibly remaining says so itself.
     */
    private void alertOn(Outcome outcome, RunEnd end, RunLog log) throws IOException {
        String lastError = (end.ready() ? log.lastError() : log.firstError()).orElse("no error line in its log");
        switch (outcome) {
            case CRASHED -> alerter.raise(new Alert(Alert.Kind.CRASH, bot.instanceId(), Instant.now(),
                    "the bot's process died while running (exit code " + end.exitCode() + "); last: " + lastError
                            + "; " + (policy.onFailure() ? "restart policy applies" : "not restarted"), List.of()));
            case FAILED_TO_START -> alerter.raise(new Alert(Alert.Kind.EARLY_DEATH, bot.instanceId(), Instant.now(),
                    "the bot died before it reported running (exit code " + end.exitCode() + "): " + lastError,
                    List.of()));
            case KILLED -> alerter.raise(new Alert(Alert.Kind.UNCLEAN_SHUTDOWN, bot.instanceId(), Instant.now(),
                    "the bot did not stop within its grace and was killed; the cancel-all sweep runs next", List.of()));
            default -> {
            }
        }
    }

    /** SIGTERM, the grace from the stop request, then SIGKILL. */
    private RunEnd stop(Process process, boolean ready) throws IOException, InterruptedException {
        Duration grace = requestedGrace();
        record(state.with(DaemonState.PHASE, Phase.STOPPING));
        LOG.info("[{}] stopping the bot (pid {}): SIGTERM, grace {} ms", bot.instanceId(), process.pid(),
                grace.toMillis());
        long begin = System.nanoTime();
        process.destroy();
        boolean killed = false;
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("[{}] the bot did not stop within {} ms: SIGKILL", bot.instanceId(), grace.toMillis());
            process.destroyForcibly();
            process.waitFor();
            killed = true;
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        return new RunEnd(process.exitValue(), ready, true, killed, took);
    }

    private Duration requestedGrace() {
        try {
            return Durations.parse(Files.readString(files.stopRequestFile(), StandardCharsets.UTF_8).strip());
        } catch (IOException | IllegalArgumentException e) {
            return DEFAULT_GRACE;
        }
    }

    private Outcome outcomeOf(RunEnd end, Path logFile) throws IOException {
        if (end.killed()) {
            return Outcome.KILLED;
        }
        if (end.exitCode() == 0) {
            return Outcome.CLEAN; // the bot's contract: 0 only once the venue lists none of its orders
        }
        var exitLine = new RunLog(logFile, bot.instanceId()).exitLine();
        if (!end.ready()) {
            return Outcome.FAILED_TO_START;
        }
        return exitLine.isPresent() ? Outcome.ORDERS_MAY_REMAIN : Outcome.CRASHED;
    }

    /** The one way out: sweeps for a run that did not end clean, records the end, says how it went. */
    private int finish(Outcome last, String note) throws IOException, InterruptedException {
        DaemonState end = state.with(DaemonState.NOTE, note).with(DaemonState.NEXT_START, null);
        if (last != Outcome.CLEAN) {
            record(end.with(DaemonState.PHASE, Phase.SWEEPING));
            Path sweepLog = Path.of(state.text(DaemonState.RUN_LOG, files.runLog(0).toString())
                    .replaceFirst("\\.log$", ".sweep.log"));
            LOG.info("[{}] running the cancel-all sweep: {}", bot.instanceId(), String.join(" ", sweep.command(bot.config())));
            CancelAllSweep.Result r = sweep.run(bot.config(), bot.workingDirectory(), sweepLog);
            LOG.info("[{}] cancel-all sweep: {}", bot.instanceId(), r.describe());
            end = end.with(DaemonState.SWEEP, r.describe()).with(DaemonState.SWEEP_EXIT, r.exitCode());
        }
        record(end.with(DaemonState.PHASE, Phase.ENDED));
        LOG.info("[{}] supervisor ends: {} ({})", bot.instanceId(), last, note);
        return last == Outcome.CLEAN ? 0 : 1;
    }

    private static String optionValue(List<String> command, String option) {
        int at = command.indexOf(option);
        return at >= 0 && at + 1 < command.size() ? command.get(at + 1) : null;
    }

    private void record(DaemonState next) throws IOException {
        state = next.with(DaemonState.UPDATED, Instant.now());
        state.write(files.stateFile());
    }
}
