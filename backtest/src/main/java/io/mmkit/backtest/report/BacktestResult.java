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
        Series series) {

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
    }

    public String fillLog() {
        return FillLog.format(fills);
    }
}
