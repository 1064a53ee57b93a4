package io.mmkit.strategies.as;

/**
 * The two closed forms of Avellaneda &amp; Stoikov (2008), "High-frequency trading in a limit order book",
 * Quantitative Finance 8(3), eqs. (29)–(30) of the paper's approximate solution:
 *
 * <pre>
 * reservation price   r      = s − q · γ · σ² · (T − t)
 * optimal spread      δa + δb = γ · σ² · (T − t) + (2 / γ) · ln(1 + γ / κ)
 * </pre>
 *
 * Units (as hftbacktest's tutorials do, so that γ near 0.1–1 is meaningful on any instrument): prices and
 * σ in ticks, σ per square root of a second, κ per tick, T − t in seconds, q in order quantities (inventory
 * divided by {@code order_quantity}). Pure; doubles because of the logarithm (the caller converts back to
 * {@code BigDecimal} prices and rounds bids down, asks up).
 */
public final class AvellanedaStoikov {
    private AvellanedaStoikov() {
    }

    /** {@code r = s − q γ σ² τ}, with τ = T − t. */
    public static double reservationPrice(double mid, double q, double gamma, double sigma, double tau) {
        return mid - q * gamma * sigma * sigma * tau;
    }

    /** {@code δa + δb = γ σ² τ + (2/γ) ln(1 + γ/κ)}. */
    public static double spread(double gamma, double sigma, double tau, double kappa) {
        if (gamma <= 0 || kappa <= 0) {
            throw new IllegalArgumentException("gamma and kappa must be positive, were " + gamma + ", " + kappa);
        }
        return gamma * sigma * sigma * tau + (2.0 / gamma) * Math.log1p(gamma / kappa);
    }
}
