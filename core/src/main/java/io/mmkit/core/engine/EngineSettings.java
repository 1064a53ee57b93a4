package io.mmkit.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs one instance.
 *
 * @param instanceId names the instance: its DB file, its log lines, its default client id prefix
 * @param interval the wait between iterations (on the stop latch)
 * @param duration stop by itself after this long; {@code null} runs until stopped
 * @param fillPollInterval how often fills are also fetched over REST, to catch what a stream missed
 * @param reconcileInterval how often resting orders are checked against the venue's open orders
 * @param maxConsecutiveErrors iterations in a row that may fail before the instance stops itself
 * @param orderCallParallelism order calls (placements, cancels) in flight at once, 1 to
 *     {@value #MAX_ORDER_CALL_PARALLELISM}: several hide a slow venue's latency; 1 sends every call in one fixed
 *     order, which a backtest on a virtual clock needs to repeat a run exactly
 * @param wake what ends a wait before {@code interval} (fills, book moves); {@link WakeSettings#INTERVAL_ONLY} by
 *     default, where {@code interval} is every wait
 */
public record EngineSettings(
        String instanceId,
        Duration interval,
        Duration duration,
        Duration fillPollInterval,
        Duration reconcileInterval,
        int maxConsecutiveErrors,
        ShutdownSettings shutdown,
        int orderCallParallelism,
        WakeSettings wake) {

    /** Order calls in flight at once unless configured otherwise. */
    public static final int DEFAULT_ORDER_CALL_PARALLELISM = 4;
    /** More than this buys nothing against one venue's rate limits and only adds threads. */
    public static final int MAX_ORDER_CALL_PARALLELISM = 16;

    public EngineSettings {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(fillPollInterval, "fillPollInterval");
        Objects.requireNonNull(reconcileInterval, "reconcileInterval");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(wake, "wake");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (maxConsecutiveErrors < 1) {
            throw new IllegalArgumentException("maxConsecutiveErrors must be at least 1");
        }
        if (orderCallParallelism < 1 || orderCallParallelism > MAX_ORDER_CALL_PARALLELISM) {
            throw new IllegalArgumentException("orderCallParallelism must be 1.." + MAX_ORDER_CALL_PARALLELISM
                    + ", was " + orderCallParallelism);
        }
    }

    /** With the interval as every wait ({@link WakeSettings#INTERVAL_ONLY}). */
    public EngineSettings(String instanceId, Duration interval, Duration duration, Duration fillPollInterval,
                          Duration reconcileInterval, int maxConsecutiveErrors, ShutdownSettings shutdown,
                          int orderCallParallelism) {
        this(instanceId, interval, duration, fillPollInterval, reconcileInterval, maxConsecutiveErrors, shutdown,
                orderCallParallelism, WakeSettings.INTERVAL_ONLY);
    }

    public static EngineSettings of(String instanceId, Duration interval) {
        return new EngineSettings(instanceId, interval, null, Duration.ofSeconds(30), Duration.ofSeconds(60), 10,
                ShutdownSettings.DEFAULTS, DEFAULT_ORDER_CALL_PARALLELISM);
    }

    public EngineSettings withDuration(Duration newDuration) {
        return new EngineSettings(instanceId, interval, newDuration, fillPollInterval, reconcileInterval,
                maxConsecutiveErrors, shutdown, orderCallParallelism, wake);
    }

    public EngineSettings withShutdown(ShutdownSettings newShutdown) {
        return new EngineSettings(instanceId, interval, duration, fillPollInterval, reconcileInterval,
                maxConsecutiveErrors, newShutdown, orderCallParallelism, wake);
    }

    public EngineSettings withOrderCallParallelism(int parallelism) {
        return new EngineSettings(instanceId, interval, duration, fillPollInterval, reconcileInterval,
                maxConsecutiveErrors, shutdown, parallelism, wake);
    }

    /** The same settings with other wake-up causes (fills, book moves). */
    public EngineSettings withWake(WakeSettings newWake) {
        return new EngineSettings(instanceId, interval, duration, fillPollInterval, reconcileInterval,
                maxConsecutiveErrors, shutdown, orderCallParallelism, newWake);
    }
}
