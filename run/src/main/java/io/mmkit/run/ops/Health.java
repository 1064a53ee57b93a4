package io.mmkit.run.ops;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The two verdicts of a bot's endpoint. <b>Liveness</b> ({@code /health}): the loop completed an iteration within
 * {@code liveness_intervals} intervals (never less than {@link #MIN_WINDOW}), or the bot is stopping — a bot
 * busy cancelling its orders must not be restarted. <b>Readiness</b> ({@code /health/ready}): quoting has started,
 * the loop reads the market (an iteration with a book top within that window), and no venue reports its private
 * stream down (a REST-only venue reports it down for good: fills are then polled, and the bot is not ready).
 * Reads only volatile and immutable state: any thread.
 */
public final class Health {
    /** The shortest liveness window: one slow venue call (15 s call timeout by default) must not fail it. */
    static final Duration MIN_WINDOW = Duration.ofSeconds(30);

    /** @param checks what was looked at, for the JSON body */
    public record Verdict(boolean ok, String reason, Map<String, Object> checks) {
    }

    private final StatusPublisher status;
    private final List<ObservedGateway> gateways;
    private final Duration window;
    private final LongSupplier nanoClock;

    public Health(StatusPublisher status, List<ObservedGateway> gateways, Duration interval, int intervals,
                  LongSupplier nanoClock) {
        this.status = status;
        this.gateways = List.copyOf(gateways);
        Duration w = interval.multipliedBy(intervals);
        this.window = w.compareTo(MIN_WINDOW) < 0 ? MIN_WINDOW : w;
        this.nanoClock = nanoClock;
    }

    public Duration window() {
        return window;
    }

    public Verdict liveness() {
        LiveStatus s = status.current();
        Duration age = Duration.ofNanos(nanoClock.getAsLong() - status.lastIterationNanos());
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("state", s.state().name());
        checks.put("iteration", s.iteration());
        checks.put("last_iteration_age_ms", age.toMillis());
        checks.put("window_ms", window.toMillis());
        if (s.state() == LiveStatus.State.STOPPING || s.state() == LiveStatus.State.ENDED) {
            return new Verdict(true, "stopping: " + s.stopReason(), checks);
        }
        if (age.compareTo(window) > 0) {
            return new Verdict(false, (status.started() ? "the loop has not completed an iteration for "
                    : "still starting after ") + age.toSeconds() + " s (limit " + window.toSeconds() + " s)", checks);
        }
        return new Verdict(true, status.started() ? "the loop is iterating" : "starting", checks);
    }

    public Verdict readiness() {
        Verdict live = liveness();
        LiveStatus s = status.current();
        Map<String, Object> checks = new LinkedHashMap<>(live.checks());
        boolean marketData = status.started() && s.iteration() > 0 && live.ok();
        checks.put("market_data", marketData ? "up" : "down");
        String down = null;
        for (ObservedGateway g : gateways) {
            Boolean up = g.privateStreamUp();
            checks.put("private_stream_" + g.venue(), up == null ? "up (no report)" : up ? "up" : "down");
            if (Boolean.FALSE.equals(up) && down == null) {
                down = g.venue();
            }
        }
        if (s.state() != LiveStatus.State.RUNNING) {
            return new Verdict(false, "not running: " + s.state().name().toLowerCase(), checks);
        }
        if (!marketData) {
            return new Verdict(false, "market data: " + (s.iteration() == 0 ? "no iteration yet" : live.reason()),
                    checks);
        }
        if (down != null) {
            return new Verdict(false, "private stream of " + down + " is down (fills polled over REST)", checks);
        }
        return new Verdict(true, "market data and private stream up", checks);
    }
}
