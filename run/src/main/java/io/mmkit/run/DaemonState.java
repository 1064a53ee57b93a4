package io.mmkit.run;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the supervisor of one instance last recorded: its own pid, the bot's, the phase, the current run
 * and how the last run ended. Written whole to a temporary file and moved into place, so a reader never
 * sees half of it. Immutable: {@link #with} returns a changed copy.
 */
final class DaemonState {

    /** Where the supervisor is. Every phase but {@link #ENDED} means its process should be alive. */
    enum Phase { STARTING, RUNNING, BACKOFF, STOPPING, SWEEPING, ENDED }

    /** How one bot run ended. */
    enum Outcome {
        /** Exit line "exit status 0": the venue confirmed none of our orders rest. */
        CLEAN,
        /** The bot's own exit line says it could not confirm that. */
        ORDERS_MAY_REMAIN,
        /** Did not stop within its grace after SIGTERM: killed with SIGKILL. */
        KILLED,
        /** Died after it had reported running, without an exit line. */
        CRASHED,
        /** Died before it reported running. */
        FAILED_TO_START
    }

    static final String TOKEN = "token";
    static final String SUPERVISOR_PID = "supervisor.pid";
    static final String SUPERVISOR_STARTED = "supervisor.started";
    static final String PHASE = "phase";
    static final String POLICY = "restart.policy";
    static final String RESTARTS = "restarts";
    static final String BOT_PID = "bot.pid";
    static final String BOT_STARTED = "bot.started";
    static final String RUN = "run";
    static final String RUN_LOG = "run.log";
    static final String RUN_STARTED = "run.started";
    static final String RUN_READY = "run.ready";
    static final String NEXT_START = "run.next_start";
    static final String LAST_OUTCOME = "last.outcome";
    static final String LAST_EXIT_CODE = "last.exit_code";
    static final String LAST_EXIT_LINE = "last.exit_line";
    static final String LAST_ERROR = "last.error";
    static final String LAST_ENDED = "last.ended";
    static final String LAST_STOP_MILLIS = "last.stop_millis";
    static final String SWEEP = "sweep";
    static final String SWEEP_EXIT = "sweep.exit_code";
    static final String NOTE = "note";
    /** The instance's config file and strategy, as the supervisor runs them: for `status` and the dashboard. */
    static final String CONFIG = "config";
    static final String STRATEGY = "strategy";
    static final String UPDATED = "updated";

    private final Map<String, String> values;

    private DaemonState(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    static DaemonState empty() {
        return new DaemonState(Map.of());
    }

    /** A copy with {@code key} set, or removed when {@code value} is null. */
    DaemonState with(String key, Object value) {
        TreeMap<String, String> next = new TreeMap<>(values);
        if (value == null) {
            next.remove(key);
        } else {
            next.put(key, value.toString());
        }
        return new DaemonState(next);
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    long number(String key) {
        try {
            return Long.parseLong(values.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    Optional<Instant> instant(String key) {
        try {
            return get(key).map(Instant::parse);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    Phase phase() {
        try {
            return Phase.valueOf(values.getOrDefault(PHASE, Phase.ENDED.name()));
        } catch (IllegalArgumentException e) {
            return Phase.ENDED;
        }
    }

    Optional<Outcome> lastOutcome() {
        try {
            return get(LAST_OUTCOME).map(Outcome::valueOf);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<DaemonState> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> map = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return Optional.of(new DaemonState(map));
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Properties p = new Properties();
        values.forEach(p::setProperty);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "mmkit daemon supervisor state: read by `daemon status`, do not edit");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
