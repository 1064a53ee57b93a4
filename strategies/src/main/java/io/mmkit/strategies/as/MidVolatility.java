package io.mmkit.strategies.as;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * σ estimated online from mid-price returns, in ticks per square root of a second: the realized variance
 * of the last {@code window} mid changes divided by the time they span,
 *
 * <pre>
 * σ̂² = Σ (Δm_i)² / Σ Δt_i        Δm_i = (m_i − m_{i−1}) / tick,  Δt_i in seconds,  i over the window
 * </pre>
 *
 * i.e. a zero-mean estimator (over seconds the drift is noise next to the variance, and subtracting a
 * sample mean would bias σ̂ low on short windows). One sample per strategy iteration; samples with the
 * same timestamp are ignored. Owned by the strategy thread.
 */
public final class MidVolatility {
    private final int window;
    private final ArrayDeque<double[]> returns = new ArrayDeque<>();
    private double sumSquares;
    private double sumSeconds;
    private Double lastMid;
    private Instant lastAt;

    public MidVolatility(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        this.window = window;
    }

    /** Adds a mid observation, in ticks, taken at {@code at}. */
    public void add(double midTicks, Instant at) {
        if (lastAt != null) {
            double seconds = Duration.between(lastAt, at).toNanos() / 1e9;
            if (seconds <= 0) {
                return;
            }
            double change = midTicks - lastMid;
            returns.addLast(new double[] {change * change, seconds});
            sumSquares += change * change;
            sumSeconds += seconds;
            if (returns.size() > window) {
                double[] old = returns.removeFirst();
                sumSquares -= old[0];
                sumSeconds -= old[1];
            }
        }
        lastMid = midTicks;
        lastAt = at;
    }

    /** True once the window holds {@code window} returns. */
    public boolean ready() {
        return returns.size() >= window;
    }

    /** σ̂ in ticks per √s; zero before the first return. */
    public double sigma() {
        return sumSeconds <= 0 ? 0 : Math.sqrt(Math.max(0, sumSquares) / sumSeconds);
    }
}
