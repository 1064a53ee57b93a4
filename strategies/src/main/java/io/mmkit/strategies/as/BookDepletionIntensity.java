package io.mmkit.strategies.as;

import java.util.ArrayDeque;

/**
 * κ, the decay of fill intensity λ(δ) = A·e^{−κδ} with the distance δ from the mid (Avellaneda &amp; Stoikov
 * 2008, §2.3), estimated from the order book alone (the engine gives strategies book snapshots, not the
 * public trade tape). Between two snapshots, when the best bid falls (best ask rises), the levels from the
 * old touch down to one tick above the new one are taken as consumed; the depth reached, in ticks beyond
 * the old touch, is
 *
 * <pre>
 * k = (old best bid − new best bid) / tick            (for asks: new best ask − old best ask), k ≥ 1
 * </pre>
 *
 * Because the exponential is memoryless, the reach beyond the touch has the same κ as the reach beyond the
 * mid: P(k ≥ j) = e^{−κ(j−1)}, a geometric law, whose maximum-likelihood estimate over the last
 * {@code window} depletions is
 *
 * <pre>
 * κ̂ = −ln(1 − n / (Σ k_i + 1))
 * </pre>
 *
 * (the {@code + 1} is one pseudo-tick that keeps κ̂ finite when every depletion stopped at the touch).
 * A level cancelled rather than traded looks the same as one consumed: on a book with heavy cancellation
 * κ̂ is high (quotes tight); configure a fixed {@code kappa} there. Owned by the strategy thread.
 */
public final class BookDepletionIntensity {
    private final int window;
    private final ArrayDeque<Long> reaches = new ArrayDeque<>();
    private long sumReach;
    private long lastBid = Long.MIN_VALUE;
    private long lastAsk = Long.MIN_VALUE;

    public BookDepletionIntensity(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        this.window = window;
    }

    /** A book snapshot: best bid and ask in whole ticks. */
    public void add(long bidTicks, long askTicks) {
        if (lastBid != Long.MIN_VALUE) {
            if (bidTicks < lastBid) {
                record(lastBid - bidTicks);
            }
            if (askTicks > lastAsk) {
                record(askTicks - lastAsk);
            }
        }
        lastBid = bidTicks;
        lastAsk = askTicks;
    }

    private void record(long reach) {
        reaches.addLast(reach);
        sumReach += reach;
        if (reaches.size() > window) {
            sumReach -= reaches.removeFirst();
        }
    }

    public int samples() {
        return reaches.size();
    }

    /** κ̂ per tick; {@code fallback} before the first depletion. */
    public double kappa(double fallback) {
        int n = reaches.size();
        if (n == 0) {
            return fallback;
        }
        return -Math.log(1.0 - (double) n / (sumReach + 1));
    }
}
