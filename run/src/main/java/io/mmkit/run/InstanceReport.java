package io.mmkit.run;

import io.mmkit.run.DaemonState.Outcome;
import io.mmkit.run.DaemonState.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code daemon status} says of one instance, from the supervisor's record and whether the processes it
 * names still live: one word, the details, and the exit status (0 only while running).
 */
record InstanceReport(String word, String detail, int exitCode) {
    static final int RUNNING = 0;
    /** Crashed, failed, or orders may remain: someone should look. */
    static final int TROUBLE = 1;
    /** Not running, and nothing of ours is known to rest at the venue. */
    static final int NOT_RUNNING = 3;
    static final int UNKNOWN = 4;

    String line(String instanceId) {
        return String.format("%-24s %s%s", instanceId, word, detail.isEmpty() ? "" : ": " + detail);
    }

    static InstanceReport unknown(InstanceFiles files) {
        return new InstanceReport("unknown", "never started here (no state in " + files.dir() + ")", UNKNOWN);
    }

    static InstanceReport of(DaemonState s, boolean supervisorAlive, boolean botAlive, Instant now) {
        Phase phase = s.phase();
        if (phase != Phase.ENDED && !supervisorAlive) {
            if (botAlive) {
                return new InstanceReport("running unsupervised", "bot pid " + s.number(DaemonState.BOT_PID)
                        + ", supervisor pid " + s.number(DaemonState.SUPERVISOR_PID) + " is gone", TROUBLE);
            }
            return new InstanceReport("crashed", "supervisor pid " + s.number(DaemonState.SUPERVISOR_PID)
                    + " and the bot are gone without an exit record" + logOf(s), TROUBLE);
        }
        return switch (phase) {
            case RUNNING -> new InstanceReport("running", "bot pid " + s.number(DaemonState.BOT_PID) + ", up "
                    + since(s, DaemonState.RUN_STARTED, now) + ", run " + s.text(DaemonState.RUN, "?")
                    + restarts(s) + lastExit(s) + logOf(s), RUNNING);
            case STARTING -> new InstanceReport("starting", "bot pid " + s.number(DaemonState.BOT_PID) + " for "
                    + since(s, DaemonState.RUN_STARTED, now) + ", run " + s.text(DaemonState.RUN, "?")
                    + restarts(s) + lastExit(s) + logOf(s), NOT_RUNNING);
            case BACKOFF -> new InstanceReport("restarting", "next start in "
                    + s.instant(DaemonState.NEXT_START).map(t -> human(Duration.between(now, t))).orElse("?")
                    + restarts(s) + lastExit(s) + logOf(s), TROUBLE);
            case STOPPING, SWEEPING -> new InstanceReport(phase == Phase.STOPPING ? "stopping" : "sweeping",
                    "bot pid " + s.number(DaemonState.BOT_PID) + lastExit(s) + logOf(s), NOT_RUNNING);
            case ENDED -> ended(s, now);
        };
    }

    private static InstanceReport ended(DaemonState s, Instant now) {
        Outcome outcome = s.lastOutcome().orElse(Outcome.CRASHED);
        boolean swept = s.get(DaemonState.SWEEP_EXIT).map("0"::equals).orElse(false);
        String tail = ran(s, now) + sweep(s) + note(s) + logOf(s);
        return switch (outcome) {
            case CLEAN -> new InstanceReport("stopped clean", s.text(DaemonState.LAST_EXIT_LINE, "") + tail,
                    NOT_RUNNING);
            case CRASHED -> new InstanceReport("crashed", "pid gone, no exit line (" + exitCode(s) + ")" + tail,
                    TROUBLE);
            case FAILED_TO_START -> new InstanceReport("failed to start", exitCode(s) + ", "
                    + s.text(DaemonState.LAST_ERROR, "no output") + tail, TROUBLE);
            case KILLED -> swept
                    ? new InstanceReport("stopped (killed, swept)", "did not stop within its grace" + tail, NOT_RUNNING)
                    : new InstanceReport("stopped, orders may remain", "killed after its grace" + tail, TROUBLE);
            case ORDERS_MAY_REMAIN -> swept
                    ? new InstanceReport("stopped (swept)", s.text(DaemonState.LAST_EXIT_LINE, "") + tail, NOT_RUNNING)
                    : new InstanceReport("stopped, orders may remain", s.text(DaemonState.LAST_EXIT_LINE, "") + tail,
                    TROUBLE);
        };
    }

    static String exitCode(DaemonState s) {
        long code = s.number(DaemonState.LAST_EXIT_CODE);
        return "exit code " + code + (code > 128 ? " = killed by signal " + (code - 128) : "");
    }

    private static String lastExit(DaemonState s) {
        return s.lastOutcome().map(o -> ", last run " + o.name().toLowerCase().replace('_', ' ') + " ("
                + exitCode(s) + ")").orElse("");
    }

    private static String restarts(DaemonState s) {
        return ", restarts " + s.number(DaemonState.RESTARTS) + ", restart " + s.text(DaemonState.POLICY, "no");
    }

    private static String ran(DaemonState s, Instant now) {
        Optional<Instant> started = s.instant(DaemonState.RUN_STARTED);
        Optional<Instant> ended = s.instant(DaemonState.LAST_ENDED);
        if (started.isEmpty() || ended.isEmpty()) {
            return "";
        }
        return "; ran " + human(Duration.between(started.get(), ended.get())) + ", ended "
                + human(Duration.between(ended.get(), now)) + " ago";
    }

    private static String sweep(DaemonState s) {
        return s.get(DaemonState.SWEEP).map(x -> "; cancel-all sweep " + x).orElse("");
    }

    private static String note(DaemonState s) {
        return s.get(DaemonState.NOTE).map(x -> "; " + x).orElse("");
    }

    private static String logOf(DaemonState s) {
        return s.get(DaemonState.RUN_LOG).map(x -> "; log " + x).orElse("");
    }

    private static String since(DaemonState s, String key, Instant now) {
        return s.instant(key).map(t -> human(Duration.between(t, now))).orElse("?");
    }

    static String human(Duration d) {
        long secs = Math.max(0, d.toSeconds());
        if (secs < 60) {
            return secs + "s";
        }
        if (secs < 3600) {
            return String.format("%dm%02ds", secs / 60, secs % 60);
        }
        return String.format("%dh%02dm%02ds", secs / 3600, (secs % 3600) / 60, secs % 60);
    }
}
