package io.mmkit.backtest.report;

import io.mmkit.core.accounting.PositionLedger;
import io.mmkit.core.model.Decimals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/** Computes {@link BacktestMetrics} from a finished {@link RunRecorder}. Pure. */
public final class MetricsCalculator {
    private static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    private MetricsCalculator() {
    }

    /**
     * @param lastMid the mid the open inventory is marked at; {@code null} marks nothing (flat or no market)
     */
    public static BacktestMetrics compute(RunRecorder run, BigDecimal lastMid, Duration sampleInterval) {
        PositionLedger ledger = run.ledger();
        BigDecimal mark = lastMid == null ? BigDecimal.ZERO : lastMid;
        BigDecimal unrealized = lastMid == null ? BigDecimal.ZERO : ledger.unrealizedPnl(mark);
        BigDecimal net = Decimals.normalize(ledger.realizedPnl().subtract(ledger.fees()).subtract(run.funding())
                .add(unrealized));
        BigDecimal turnover = Decimals.normalize(ledger.makerNotional().add(ledger.takerNotional()));
        BigDecimal filled = ledger.makerVolume().add(ledger.takerVolume());
        Double fillRatio = run.quantitySent().signum() == 0 ? null
                : filled.divide(run.quantitySent(), MathContext.DECIMAL64).doubleValue();

        Series s = run.series();
        double[] equity = s.equity();
        int n = equity.length;
        double[] changes = new double[Math.max(0, n - 1)];
        for (int i = 1; i < n; i++) {
            changes[i - 1] = equity[i] - equity[i - 1];
        }
        double perYear = Math.sqrt(SECONDS_PER_YEAR / Math.max(1e-9, sampleInterval.toNanos() / 1e9));
        double peak = Double.NEGATIVE_INFINITY;
        double maxDd = 0;
        for (double e : equity) {
            peak = Math.max(peak, e);
            maxDd = Math.max(maxDd, peak - e);
        }
        double posSum = 0;
        int inMarket = 0;
        for (double p : s.position()) {
            posSum += p;
            if (p != 0) {
                inMarket++;
            }
        }
        BigDecimal dd = money(maxDd);
        return new BacktestMetrics(net, ledger.realizedPnl(), unrealized, ledger.fees(), run.funding(),
                ledger.makerVolume(), ledger.takerVolume(), ledger.makerNotional(), ledger.takerNotional(), turnover,
                ledger.tradeCount(), run.ordersSent(), fillRatio, sharpe(changes, perYear), sortino(changes, perYear),
                dd, dd.signum() == 0 ? null : round(net.doubleValue() / dd.doubleValue()),
                run.minPosition(), run.maxPosition(), n == 0 ? null : round(posSum / n),
                n == 0 ? null : round((double) inMarket / n), lastMid);
    }

    static Double sharpe(double[] changes, double annualise) {
        if (changes.length < 2) {
            return null;
        }
        double mean = mean(changes);
        double var = 0;
        for (double c : changes) {
            var += (c - mean) * (c - mean);
        }
        double sd = Math.sqrt(var / (changes.length - 1));
        return sd == 0 ? null : round(mean / sd * annualise);
    }

    static Double sortino(double[] changes, double annualise) {
        if (changes.length < 2) {
            return null;
        }
        double down = 0;
        for (double c : changes) {
            down += c < 0 ? c * c : 0;
        }
        double dd = Math.sqrt(down / changes.length);
        return dd == 0 ? null : round(mean(changes) / dd * annualise);
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /** Statistics are shown to 6 significant digits: enough to read, and stable across platforms' last bits. */
    private static Double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return null;
        }
        return new BigDecimal(x).round(new MathContext(6, RoundingMode.HALF_EVEN)).doubleValue();
    }

    private static BigDecimal money(double x) {
        return Decimals.normalize(new BigDecimal(x).setScale(8, RoundingMode.HALF_EVEN));
    }
}
