package io.mmkit.sim;

import io.mmkit.core.model.Instrument;
import io.mmkit.core.time.TimeSource;
import io.mmkit.sim.feed.MarketFeed;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Configures a {@link SimulatedExchange}: its markets, their feeds, fees, fill model, latency and deposits. */
public final class SimulatedExchangeBuilder {
    final TimeSource time;
    final Map<String, Instrument> instruments = new LinkedHashMap<>();
    final Map<String, MarketFeed> feeds = new LinkedHashMap<>();
    final Map<String, BigDecimal> deposits = new LinkedHashMap<>();
    String venue = "simulated";
    FillModelName fillModel = FillModelName.TOUCH;
    BigDecimal makerFee = BigDecimal.ZERO;
    BigDecimal takerFee = BigDecimal.ZERO;
    Duration latency = Duration.ZERO;
    String idPrefix = "";

    SimulatedExchangeBuilder(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    public SimulatedExchangeBuilder venue(String name) {
        this.venue = Objects.requireNonNull(name, "name");
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

    /** The market data of the feed's symbol; one feed a symbol, a market without one never trades. */
    public SimulatedExchangeBuilder feed(MarketFeed marketFeed) {
        feeds.put(marketFeed.symbol(), marketFeed);
        return this;
    }

    public SimulatedExchangeBuilder fillModel(FillModelName model) {
        this.fillModel = Objects.requireNonNull(model, "model");
        return this;
    }

    /** Fee rates as fractions of notional, e.g. {@code 0.0002}; a negative maker rate is a rebate. */
    public SimulatedExchangeBuilder fees(String maker, String taker) {
        this.makerFee = new BigDecimal(maker);
        this.takerFee = new BigDecimal(taker);
        return this;
    }

    /** How long after a request the venue acts on it: an order can first fill, a cancel takes effect. */
    public SimulatedExchangeBuilder latency(Duration entryLatency) {
        this.latency = entryLatency;
        return this;
    }

    /**
     * Put in front of every order and fill id the venue hands out ({@code S1}, {@code F1}...). The ids are
     * sequential within a run, so two runs against one store need different prefixes or the store takes the
     * second run's fills for ones it already has.
     */
    public SimulatedExchangeBuilder idPrefix(String prefix) {
        this.idPrefix = Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    public SimulatedExchange build() {
        if (instruments.isEmpty()) {
            throw new IllegalStateException("a simulated exchange needs at least one instrument");
        }
        for (String symbol : feeds.keySet()) {
            if (!instruments.containsKey(symbol)) {
                throw new IllegalStateException("a feed for " + symbol + ", which is not one of the instruments");
            }
        }
        return new SimulatedExchange(this);
    }
}
