package io.mmkit.backtest;

import io.mmkit.sim.feed.ReplaySource;
import io.mmkit.core.spi.ConfiguredStrategy;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * Everything {@link Backtests#run} needs.
 *
 * @param strategyName the name reports show, e.g. {@code grid}
 * @param strategy builds the strategy instance (from a {@link io.mmkit.core.spi.StrategyProvider}, or a test's own)
 * @param data opens the market data; called once per run, the run closes what it returns
 * @param progress told the share of input read (0..1) as the run goes; called on the running thread
 * @param fillDelivery how fills reach the strategy; the {@link VenuePath#HTTP HTTP} path only polls
 */
public record BacktestRequest(
        BacktestConfig config,
        String strategyName,
        ConfiguredStrategy strategy,
        VenuePath path,
        Supplier<ReplaySource> data,
        DoubleConsumer progress,
        FillDelivery fillDelivery) {

    public BacktestRequest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(strategyName, "strategyName");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(fillDelivery, "fillDelivery");
        if (path == VenuePath.HTTP && fillDelivery != FillDelivery.POLLED) {
            throw new IllegalArgumentException("the http path has no streams: fills can only be polled");
        }
    }

    /** A request reading the config's own data files, in process with pushed fills, without progress reports. */
    public static BacktestRequest of(BacktestConfig config, String strategyName, ConfiguredStrategy strategy) {
        return new BacktestRequest(config, strategyName, strategy, VenuePath.IN_PROCESS,
                () -> config.format().open(config.data()), p -> { }, FillDelivery.PUSHED);
    }

    /** On {@code newPath}; the HTTP path switches fill delivery to {@link FillDelivery#POLLED}, its only mode. */
    public BacktestRequest withPath(VenuePath newPath) {
        FillDelivery delivery = newPath == VenuePath.HTTP ? FillDelivery.POLLED : fillDelivery;
        return new BacktestRequest(config, strategyName, strategy, newPath, data, progress, delivery);
    }

    /** @throws IllegalArgumentException for {@link FillDelivery#PUSHED} on the HTTP path */
    public BacktestRequest withFillDelivery(FillDelivery delivery) {
        return new BacktestRequest(config, strategyName, strategy, path, data, progress, delivery);
    }

    public BacktestRequest withData(Supplier<ReplaySource> newData) {
        return new BacktestRequest(config, strategyName, strategy, path, newData, progress, fillDelivery);
    }

    public BacktestRequest withProgress(DoubleConsumer newProgress) {
        return new BacktestRequest(config, strategyName, strategy, path, data, newProgress, fillDelivery);
    }
}
