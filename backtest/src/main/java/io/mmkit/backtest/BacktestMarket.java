package io.mmkit.backtest;

import io.mmkit.backtest.data.DataFormat;
import io.mmkit.sim.ExchangeSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A market besides the primary one (e.g. {@code hedge} for {@code maker_taker_hedge}), replayed from its own data
 * on its own simulated venue, on the primary's virtual clock. Read from {@code backtest.markets.<name>}.
 *
 * @param name the name the strategy asks for ({@code market("hedge")})
 * @param exchange that venue: its instrument, fees and balances (fill model, latency and seed as the primary's)
 * @param data its files, replayed in order
 * @param format how to read them
 */
public record BacktestMarket(String name, ExchangeSettings exchange, List<Path> data, DataFormat format) {
    public BacktestMarket {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(format, "format");
        data = List.copyOf(data);
        if (data.isEmpty()) {
            throw new IllegalArgumentException("market " + name + " has no data files");
        }
    }
}
