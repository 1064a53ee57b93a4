package io.mmkit.backtest.report;

/**
 * Sharpe and Sortino ratios from per-period returns on the starting capital. A return is the change of equity
 * (net PnL) over one period divided by the starting capital; only whole periods count.
 *
 * @param period the return period, e.g. {@code 1h}
 * @param periods how many returns the ratios come from
 * @param sharpe mean / sample standard deviation of the per-period returns; {@code null} with fewer than two
 *               returns or none varying
 * @param sortino mean / downside deviation (root mean square of the negative returns, over all returns)
 * @param sharpeAnnualised {@code sharpe x sqrt(periods in 365 days)}; {@code null} when {@link #annualisedNote}
 *                         says why
 * @param sortinoAnnualised likewise
 * @param annualisedNote why the annualised figures are missing, e.g. {@code n/a: span < 1 day}; {@code null}
 *                       when they are given
 */
public record RiskRatios(String period, int periods, Double sharpe, Double sortino, Double sharpeAnnualised,
                         Double sortinoAnnualised, String annualisedNote) {
}
