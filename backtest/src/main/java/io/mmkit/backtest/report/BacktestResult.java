package io.mmkit.backtest.report;

import io.mmkit.backtest.data.DataAudit;
import io.mmkit.core.model.Fill;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one backtest produced: its identity and settings (as printed beside the results), the metrics, every
 * fill, and the sampled series for charts. Holds no wall-clock value, so two runs compare equal.
 *
 * @param settings the run's settings as ordered label/value pairs (fill model first)
 * @param strategyParams the strategy's parameters as configured, by name
 * @param data what the data reader dropped or repaired (duplicate trades, update-id gaps, resyncs)
 * @param pnlStory FIFO realized beside the strategy's round-trip profit and the store's figure
 * @param events market events replayed
 * @param dataEnded true when the run stopped because the data ran out (not a duration or a failure)
 * @param clean whether the strategy's shutdown confirmed no order remained
 * @param markets per market (primary first) when the run traded more than one; empty otherwise. The other
 *                fields ({@code metrics}, {@code series}) are the primary market's; {@code fills} holds every
 *                market's, in time order
 */
public record BacktestResult(
        String instanceId,
        String strategy,
        String symbol,
        String fillModel,
        String venuePath,
        List<Setting> settings,
        Map<String, Object> strategyParams,
        Instant start,
        Instant end,
        long events,
        boolean dataEnded,
        boolean clean,
        String stopReason,
        BacktestMetrics metrics,
        DataAudit data,
        PnlReconciliation pnlStory,
        List<Fill> fills,
        Series series,
        List<MarketResult> markets) {

    /** One labelled setting, e.g. {@code maker fee = -0.0001}. */
    public record Setting(String name, String value) {
    }

    public BacktestResult {
        Objects.requireNonNull(fillModel, "fillModel");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pnlStory, "pnlStory");
        settings = List.copyOf(settings);
        strategyParams = Collections.unmodifiableMap(new TreeMap<>(strategyParams));
        fills = List.copyOf(fills);
        markets = List.copyOf(markets);
    }

    /** A one-market result. */
    public BacktestResult(String instanceId, String strategy, String symbol, String fillModel, String venuePath,
                          List<Setting> settings, Map<String, Object> strategyParams, Instant start, Instant end,
                          long events, boolean dataEnded, boolean clean, String stopReason, BacktestMetrics metrics,
                          DataAudit data, PnlReconciliation pnlStory, List<Fill> fills, Series series) {
        this(instanceId, strategy, symbol, fillModel, venuePath, settings, strategyParams, start, end, events,
                dataEnded, clean, stopReason, metrics, data, pnlStory, fills, series, List.of());
    }

    /** Net PnL of every market together (quote asset; the markets must share it); the primary's for one. */
    public java.math.BigDecimal combinedNetPnl() {
        return markets.isEmpty() ? metrics.netPnl() : markets.stream().map(m -> m.metrics().netPnl())
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
    }

    /** Fees of every market together; the primary's for one. */
    public java.math.BigDecimal combinedFees() {
        return markets.isEmpty() ? metrics.fees() : markets.stream().map(m -> m.metrics().fees())
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
    }

    public String fillLog() {
        return FillLog.format(fills);
    }
}
