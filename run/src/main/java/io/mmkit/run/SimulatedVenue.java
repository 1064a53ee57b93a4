package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.TimeSource;
import io.mmkit.sim.FillModelName;
import io.mmkit.sim.SimulatedExchange;
import io.mmkit.sim.feed.RandomWalkFeed;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded simulated exchange as a config section: a seeded random-walk market on one symbol, on the one
 * matching engine the backtest uses, with balances, fees, a fill model ({@code touch}, {@code trade-through}
 * or {@code queue}) and entry latency. Offline, no keys: the demo's venue.
 *
 * <pre>
 * "exchange": {"name": "simulated", "market": "spot", "base": "SOL", "quote": "USDC",
 *              "tick_size": "0.01", "step_size": "0.01", "min_notional": "5", "start_price": "150",
 *              "volatility_ticks": 3, "step": "250ms", "seed": 7, "maker_fee": "0.0002", "taker_fee": "0.0005",
 *              "fill_model": "touch", "latency": "0ms", "balances": {"USDC": "10000", "SOL": "50"}}
 * </pre>
 */
record SimulatedVenue(
        Instrument instrument,
        BigDecimal startPrice,
        int volatilityTicks,
        Duration step,
        long seed,
        String makerFee,
        String takerFee,
        FillModelName fillModel,
        Duration latency,
        Map<String, String> balances) {

    static final String NAME = "simulated";

    /** Validates the section for {@code symbol}; no side effects. */
    static SimulatedVenue from(String symbol, Map<String, Object> section) {
        StrategyParams s = new StrategyParams("exchange", section);
        s.string("name");
        MarketType type = s.enumValue("market", MarketType.class, MarketType.SPOT);
        String base = s.string("base");
        String quote = s.string("quote");
        Instrument instrument;
        try {
            instrument = new Instrument(symbol, base, quote, type, s.positiveDecimal("tick_size"),
                    s.positiveDecimal("step_size"), s.decimal("min_quantity", BigDecimal.ZERO),
                    s.decimal("min_notional", BigDecimal.ZERO));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("exchange", e.getMessage());
        }
        BigDecimal start = s.positiveDecimal("start_price");
        int vol = s.integer("volatility_ticks", 3);
        if (vol < 0) {
            throw s.invalid("volatility_ticks", "must not be negative");
        }
        Duration step = s.duration("step", Duration.ofMillis(250));
        if (step.isZero() || step.isNegative()) {
            throw s.invalid("step", "must be positive");
        }
        long seed = s.integer("seed", 1);
        String maker = s.decimal("maker_fee", BigDecimal.ZERO).toPlainString();
        String taker = s.decimal("taker_fee", BigDecimal.ZERO).toPlainString();
        FillModelName model;
        try {
            model = FillModelName.named(s.string("fill_model", "touch"));
        } catch (IllegalArgumentException e) {
            throw s.invalid("fill_model", e.getMessage());
        }
        Duration latency = s.duration("latency", Duration.ZERO);
        Map<String, String> balances = new LinkedHashMap<>();
        s.section("balances").ifPresent(b -> {
            for (String asset : b.keys()) {
                BigDecimal amount = b.decimal(asset);
                if (amount.signum() < 0) {
                    throw b.invalid(asset, "must not be negative");
                }
                balances.put(asset, amount.toPlainString());
            }
        });
        s.requireAllRead();
        return new SimulatedVenue(instrument, start, vol, step, seed, maker, taker, model, latency, balances);
    }

    /**
     * Opens the venue on {@code time}. Its order and fill ids start with a prefix drawn from that clock's now
     * (the wall clock in a run): the engine numbers them afresh each run, and a second run in the same data
     * directory must not hand the store ids it already holds, or the store drops those fills as duplicates.
     */
    SimulatedExchange open(TimeSource time) {
        var builder = SimulatedExchange.builder(time)
                .idPrefix(runIdPrefix(time.now()))
                .instrument(instrument)
                .feed(new RandomWalkFeed(instrument.symbol(), startPrice, instrument.tickSize(), time.now(), step,
                        volatilityTicks, seed))
                .fees(makerFee, takerFee)
                .fillModel(fillModel)
                .latency(latency);
        balances.forEach(builder::deposit);
        return builder.build();
    }

    /** {@code r} and the start in base-36 milliseconds, e.g. {@code rmim1ri5c-}: unique per run and short. */
    static String runIdPrefix(Instant start) {
        return "r" + Long.toString(start.toEpochMilli(), 36) + "-";
    }
}
