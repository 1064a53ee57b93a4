package io.mmkit.core.sim;

import io.mmkit.core.model.Instrument;
import io.mmkit.core.time.TimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Configures a simulated exchange. */
public final class SimulatedExchangeBuilder {
    final TimeSource time;
    final Map<String, Instrument> instruments = new LinkedHashMap<>();
    final Map<String, BigDecimal> deposits = new LinkedHashMap<>();
    String venue = "simulated";
    MarketFeed feed = until -> null;
    FillModel fillModel = FillModel.TOUCH;
    BigDecimal makerFee = BigDecimal.ZERO;
    BigDecimal takerFee = BigDecimal.ZERO;
    Duration latency = Duration.ZERO;

    SimulatedExchangeBuilder(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    public SimulatedExchangeBuilder venue(String name) {
        this.venue = name;
        return this;
    }

    public SimulatedExchangeBuilder instrument(Instrument instrument) {
        instruments.put(instrument.symbol(), instrument);
        return this;
    }

    public SimulatedExchangeBuilder deposit(String asset, String amount) {
        deposits.merge(asset, new BigDecimal(amount), BigDecimal::add);
        return this;
    }

    public SimulatedExchangeBuilder feed(MarketFeed marketFeed) {
        this.feed = marketFeed;
        return this;
    }

    public SimulatedExchangeBuilder fillModel(FillModel model) {
        this.fillModel = model;
        return this;
    }

    /** Fee rates as fractions of notional, e.g. {@code 0.0002}; a negative maker rate is a rebate. */
    public SimulatedExchangeBuilder fees(String maker, String taker) {
        this.makerFee = new BigDecimal(maker);
        this.takerFee = new BigDecimal(taker);
        return this;
    }

    /** How long after placement an order can first fill. */
    public SimulatedExchangeBuilder latency(Duration entryLatency) {
        this.latency = entryLatency;
        return this;
    }

    public SimulatedExchange build() {
        if (instruments.isEmpty()) {
            throw new IllegalStateException("a simulated exchange needs at least one instrument");
        }
        return new SimulatedExchange(this);
    }
}
