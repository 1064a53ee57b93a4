package io.mmkit.sim;

import io.mmkit.core.model.Instrument;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the simulated venue behaves.
 *
 * @param venue the name {@link io.mmkit.core.exchange.ExchangeGateway#venue()} reports
 * @param fillModel how resting orders fill
 * @param makerFee fraction of notional charged on maker fills; negative is a rebate
 * @param takerFee fraction of notional charged on taker fills
 * @param entryLatency from a request to the moment the venue acts on it (an order can trade, a cancel takes
 *     effect); until then a cancelled order can still fill
 * @param responseLatency from a fill to the moment our fill stream reports it
 * @param latencyJitter each order's and cancel's entry latency gets a uniform extra of up to this, drawn from
 *     a generator seeded with {@code seed}
 * @param seed seeds all randomness of the run
 * @param deposits starting balances by asset
 * @param liquidityConsumption whether what our fills take from a book level stays taken until the feed gives
 *     that level a new size (so two orders cannot both take the same displayed quantity); off, every book event
 *     offers each level's displayed quantity afresh
 */
public record ExchangeSettings(
        String venue,
        Instrument instrument,
        FillModelName fillModel,
        BigDecimal makerFee,
        BigDecimal takerFee,
        Duration entryLatency,
        Duration responseLatency,
        Duration latencyJitter,
        long seed,
        Map<String, BigDecimal> deposits,
        boolean liquidityConsumption) {

    public ExchangeSettings {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(fillModel, "fillModel");
        Objects.requireNonNull(makerFee, "makerFee");
        Objects.requireNonNull(takerFee, "takerFee");
        requireNotNegative(entryLatency, "entryLatency");
        requireNotNegative(responseLatency, "responseLatency");
        requireNotNegative(latencyJitter, "latencyJitter");
        deposits = Map.copyOf(new TreeMap<>(deposits));
    }

    /** Settings with liquidity consumption on (the default). */
    public ExchangeSettings(String venue, Instrument instrument, FillModelName fillModel, BigDecimal makerFee,
            BigDecimal takerFee, Duration entryLatency, Duration responseLatency, Duration latencyJitter, long seed,
            Map<String, BigDecimal> deposits) {
        this(venue, instrument, fillModel, makerFee, takerFee, entryLatency, responseLatency, latencyJitter, seed,
                deposits, true);
    }

    /** No fees, no latency, no deposits beyond what is given: a starting point for tests. */
    public static ExchangeSettings of(Instrument instrument, FillModelName fillModel, Map<String, BigDecimal> deposits) {
        return new ExchangeSettings("simulated", instrument, fillModel, BigDecimal.ZERO, BigDecimal.ZERO,
                Duration.ZERO, Duration.ZERO, Duration.ZERO, 1, deposits);
    }

    public ExchangeSettings withFillModel(FillModelName model) {
        return new ExchangeSettings(venue, instrument, model, makerFee, takerFee, entryLatency, responseLatency,
                latencyJitter, seed, deposits, liquidityConsumption);
    }

    public ExchangeSettings withFees(BigDecimal maker, BigDecimal taker) {
        return new ExchangeSettings(venue, instrument, fillModel, maker, taker, entryLatency, responseLatency,
                latencyJitter, seed, deposits, liquidityConsumption);
    }

    public ExchangeSettings withLatency(Duration entry, Duration response, Duration jitter) {
        return new ExchangeSettings(venue, instrument, fillModel, makerFee, takerFee, entry, response, jitter, seed,
                deposits, liquidityConsumption);
    }

    public ExchangeSettings withSeed(long newSeed) {
        return new ExchangeSettings(venue, instrument, fillModel, makerFee, takerFee, entryLatency, responseLatency,
                latencyJitter, newSeed, deposits, liquidityConsumption);
    }

    public ExchangeSettings withLiquidityConsumption(boolean on) {
        return new ExchangeSettings(venue, instrument, fillModel, makerFee, takerFee, entryLatency, responseLatency,
                latencyJitter, seed, deposits, on);
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }
}
