package io.mmkit.backtest.report;

import io.mmkit.core.accounting.PositionLedger;
import io.mmkit.core.model.Decimals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/** Computes {@link BacktestMetrics} from a finished {@link RunRecorder}. Pure. */
public final class MetricsCalculator {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration YEAR = Duration.ofDays(365);

    private MetricsCalculator() {
    }

    /**
     * @param lastMid the mid the open inventory is marked at; {@code null} marks nothing (flat or no market)
     * @param startingCapital the configured balances valued at the first mid; {@code null} when there are none
     */
    public static BacktestMetrics compute(RunRecorder run, BigDecimal lastMid, BigDecimal startingCapital,
                                          Duration sampleInterval) {
        PositionLedger ledger = run.ledger();
        BigDecimal mark = lastMid == null ? BigDecimal.ZERO : lastMid;
        BigDecimal unrealized = lastMid == null ? BigDecimal.ZERO : ledger.unrealizedPnl(mark);
        BigDecimal net = Decimals.normalize(ledger.realizedPnl().subtract(ledger.fees()).subtract(run.funding())
                .add(unrealized));
        PnlSplit split = new PnlSplit(run.spreadCapture(), lastMid == null ? BigDecimal.ZERO : run.inventoryPnl(mark),
                ledger.fees(), run.funding());
        BigDecimal turnover = Decimals.normalize(ledger.makerNotional().add(ledger.takerNotional()));
        BigDecimal filled = Decimals.normalize(ledger.makerVolume().add(ledger.takerVolume()));
        Double fillRatio = run.quantitySent().signum() == 0 ? null
                : filled.divide(run.quantitySent(), MathContext.DECIMAL64).doubleValue();
        BigDecimal capital = startingCapital == null || startingCapital.signum() <= 0 ? null : startingCapital;

        Series s = run.series();
        double[] equity = s.equity();
        int n = equity.length;
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
        return new BacktestMetrics(net, ledger.realizedPnl(), unrealized, ledger.fees(), run.funding(), split,
                capital, capital == null ? null : round(net.doubleValue() / capital.doubleValue()),
                ledger.makerVolume(), ledger.takerVolume(), ledger.makerNotional(), ledger.takerNotional(), turnover,
                ledger.tradeCount(), run.ordersSent(), run.quantitySent(), filled, fillRatio,
                risk(s, capital, sampleInterval),
                dd, dd.signum() == 0 ? null : round(net.doubleValue() / dd.doubleValue()),
                run.minPosition(), run.maxPosition(), n == 0 ? null : round(posSum / n),
                n == 0 ? null : round((double) inMarket / n), lastMid);
    }

    /**
     * The return period for a span: hourly for a day or more, else one minute; never shorter than the sample
     * interval (a return needs a fresh sample at each end).
     */
    static Duration returnPeriod(Duration span, Duration sampleInterval) {
        Duration period = span.compareTo(DAY) >= 0 ? Duration.ofHours(1) : Duration.ofMinutes(1);
        return sampleInterval.compareTo(period) > 0 ? sampleInterval : period;
    }

    /** Per-period returns on {@code capital}: equity at each whole period's end minus at its start. */
    static double[] periodReturns(Series s, double capital, Duration period) {
        int n = s.size();
        if (n == 0) {
            return new double[0];
        }
        long[] t = s.epochMillis();
        double[] equity = s.equity();
        long step = Math.max(1, period.toMillis());
        int whole = (int) ((t[n - 1] - t[0]) / step);
        double[] out = new double[whole];
        int at = 0;
        double before = equity[0];
        for (int k = 1; k <= whole; k++) {
            long boundary = t[0] + k * step;
            while (at + 1 < n && t[at + 1] <= boundary) {
                at++;
            }
            out[k - 1] = (equity[at] - before) / capital;
            before = equity[at];
        }
        return out;
    }

    static RiskRatios risk(Series s, BigDecimal capital, Duration sampleInterval) {
        int n = s.size();
        Duration span = n < 2 ? Duration.ZERO : Duration.ofMillis(s.epochMillis()[n - 1] - s.epochMillis()[0]);
        Duration period = returnPeriod(span, sampleInterval);
        String label = label(period);
        if (capital == null) {
            return new RiskRatios(label, 0, null, null, null, null, "n/a: no starting capital");
        }
        double[] returns = periodReturns(s, capital.doubleValue(), period);
        Double sharpe = sharpe(returns);
        Double sortino = sortino(returns);
        if (span.compareTo(DAY) < 0) {
            return new RiskRatios(label, returns.length, sharpe, sortino, null, null, "n/a: span < 1 day");
        }
        double perYear = Math.sqrt((double) YEAR.toMillis() / period.toMillis());
        return new RiskRatios(label, returns.length, sharpe, sortino, sharpe == null ? null : round(sharpe * perYear),
                sortino == null ? null : round(sortino * perYear), null);
    }

    static Double sharpe(double[] returns) {
        if (returns.length < 2) {
            return null;
        }
        double mean = mean(returns);
        double var = 0;
        for (double r : returns) {
            var += (r - mean) * (r - mean);
        }
        double sd = Math.sqrt(var / (returns.length - 1));
        return sd == 0 ? null : round(mean / sd);
    }

    static Double sortino(double[] returns) {
        if (returns.length < 2) {
            return null;
        }
        double down = 0;
        for (double r : returns) {
            down += r < 0 ? r * r : 0;
        }
        double dd = Math.sqrt(down / returns.length);
        return dd == 0 ? null : round(mean(returns) / dd);
    }

    static String label(Duration period) {
        if (period.toSeconds() % 3600 == 0) {
            return period.toHours() + "h";
        }
        if (period.toSeconds() % 60 == 0) {
            return period.toMinutes() + "m";
        }
        return period.toMillis() % 1000 == 0 ? period.toSeconds() + "s" : period.toMillis() + "ms";
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
