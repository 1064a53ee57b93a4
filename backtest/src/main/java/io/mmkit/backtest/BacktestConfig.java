package io.mmkit.backtest;

import io.mmkit.backtest.data.DataFormat;
import io.mmkit.core.engine.WakeSettings;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One backtest, fully specified: what to run, on which data, against what simulated venue. Read from JSON by
 * {@link BacktestConfigReader}.
 *
 * @param instanceId names the run in logs and reports
 * @param strategyParams the config's {@code strategy} section, handed to the strategy's provider
 * @param interval the strategy's iteration interval (virtual time)
 * @param exchange the simulated venue, including the instrument and the fill model
 * @param sampleInterval how often (virtual time) equity, inventory and price are sampled for the report
 * @param data the files to replay, in order
 * @param format how to read them
 * @param maxDuration stop after this much virtual time even if data remains; {@code null} runs to the end
 * @param markets the other markets by name ({@code backtest.markets}), each with its own data; empty for one
 * @param wake what ends the strategy's wait before {@code interval} (the config's {@code engine.wake_on} and
 *     friends, as in a live run): {@link WakeSettings#INTERVAL_ONLY} unless configured
 */
public record BacktestConfig(
        String instanceId,
        Map<String, Object> strategyParams,
        Duration interval,
        ExchangeSettings exchange,
        Duration sampleInterval,
        List<Path> data,
        DataFormat format,
        Duration maxDuration,
        Map<String, BacktestMarket> markets,
        WakeSettings wake) {

    public BacktestConfig {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(wake, "wake");
        strategyParams = Map.copyOf(strategyParams);
        data = List.copyOf(data);
        markets = Collections.unmodifiableMap(new LinkedHashMap<>(markets));
    }

    /** Waking on the interval only. */
    public BacktestConfig(String instanceId, Map<String, Object> strategyParams, Duration interval,
                          ExchangeSettings exchange, Duration sampleInterval, List<Path> data, DataFormat format,
                          Duration maxDuration, Map<String, BacktestMarket> markets) {
        this(instanceId, strategyParams, interval, exchange, sampleInterval, data, format, maxDuration, markets,
                WakeSettings.INTERVAL_ONLY);
    }

    /** A one-market backtest. */
    public BacktestConfig(String instanceId, Map<String, Object> strategyParams, Duration interval,
                          ExchangeSettings exchange, Duration sampleInterval, List<Path> data, DataFormat format,
                          Duration maxDuration) {
        this(instanceId, strategyParams, interval, exchange, sampleInterval, data, format, maxDuration, Map.of());
    }

    public BacktestConfig withFillModel(FillModelName model) {
        return new BacktestConfig(instanceId, strategyParams, interval, exchange.withFillModel(model), sampleInterval,
                data, format, maxDuration, markets, wake);
    }

    public BacktestConfig withData(List<Path> files, DataFormat dataFormat) {
        return new BacktestConfig(instanceId, strategyParams, interval, exchange, sampleInterval, files, dataFormat,
                maxDuration, markets, wake);
    }

    /** The same backtest, waking on other causes (fills, book moves) than the interval. */
    public BacktestConfig withWake(WakeSettings newWake) {
        return new BacktestConfig(instanceId, strategyParams, interval, exchange, sampleInterval, data, format,
                maxDuration, markets, newWake);
    }

    public BacktestConfig withExchange(ExchangeSettings settings) {
        return new BacktestConfig(instanceId, strategyParams, interval, settings, sampleInterval, data, format,
                maxDuration, markets, wake);
    }
}
