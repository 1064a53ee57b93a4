package io.mmkit.strategies.as;

import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.core.risk.RiskGuard;
import io.mmkit.core.risk.RiskLimits;
import io.mmkit.strategies.support.RiskedQuoting;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --strategy avellaneda_stoikov}: one post-only bid and ask around the reservation price,
 *
 * <pre>
 * bid = r − (δa + δb)/2   rounded down to the tick, and at most best ask − 1 tick
 * ask = r + (δa + δb)/2   rounded up to the tick, and at least best bid + 1 tick
 * </pre>
 *
 * with r and δa + δb from {@link AvellanedaStoikov}, σ from {@link MidVolatility}, κ fixed or from
 * {@link BookDepletionIntensity}, q = ledger position / order_quantity (what this instance traded since it
 * started, so it works the same on spot and perpetual markets), T − t from {@link AsParams#remainingSeconds}.
 * The clamp to the opposite touch keeps a deeply skewed quote post-only instead of rejected. Nothing is
 * quoted until the volatility window is full. All hooks run on the strategy thread.
 */
public class AvellanedaStoikovMaker extends MarketMaker {
    private final AsParams params;
    private final RiskedQuoting risk;
    private final MidVolatility volatility;
    private final BookDepletionIntensity intensity;
    private Instant start;

    public AvellanedaStoikovMaker(MarketMakerContext context, AsParams params, RiskLimits limits) {
        super(context);
        this.params = params;
        this.risk = new RiskedQuoting(limits);
        this.volatility = new MidVolatility(params.volatilityWindow());
        this.intensity = new BookDepletionIntensity(params.kappaWindow());
    }

    @Override
    protected void onStart() {
        start = now();
    }

    @Override
    protected void onIteration(BookTop top) {
        BigDecimal tick = market().instrument().tickSize();
        volatility.add(top.mid().divide(tick, MathContext.DECIMAL64).doubleValue(), now());
        intensity.add(top.bidPrice().divide(tick, MathContext.DECIMAL64).longValue(),
                top.askPrice().divide(tick, MathContext.DECIMAL64).longValue());
        RiskGuard.Verdict verdict = risk.check(() -> RiskedQuoting.netPnl(market(), top.mid()), now());
        if (verdict.state() == RiskGuard.State.STOP) {
            requestStop(verdict.reason(), true);
        }
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        if (!volatility.ready()) {
            return List.of();
        }
        BigDecimal position = market().ledger().position();
        double kappa = params.kappa() != null ? params.kappa() : intensity.kappa(params.kappaInitial());
        double tau = params.remainingSeconds(Duration.between(start == null ? now() : start, now()));
        List<Quote> wanted = quotes(market().instrument(), top, position, params, volatility.sigma(), kappa, tau);
        return risk.filter(wanted, position, top.mid(), now());
    }

    /**
     * The quotes for one state of the world. Pure: what the hand-computed tests check.
     *
     * @param sigma ticks per √s
     * @param kappa per tick
     * @param tau T − t in seconds
     */
    public static List<Quote> quotes(Instrument instrument, BookTop top, BigDecimal position, AsParams params,
                                     double sigma, double kappa, double tau) {
        BigDecimal tick = instrument.tickSize();
        double midTicks = top.mid().divide(tick, MathContext.DECIMAL64).doubleValue();
        double q = position.divide(params.orderQuantity(), MathContext.DECIMAL64).doubleValue();
        double r = AvellanedaStoikov.reservationPrice(midTicks, q, params.gamma(), sigma, tau);
        double half = AvellanedaStoikov.spread(params.gamma(), sigma, tau, kappa) / 2;
        BigDecimal bid = instrument.floorPrice(ticks(r - half).multiply(tick))
                .min(top.askPrice().subtract(tick));
        BigDecimal ask = instrument.ceilPrice(ticks(r + half).multiply(tick))
                .max(top.bidPrice().add(tick));
        BigDecimal limit = params.maxInventory();
        List<Quote> out = new ArrayList<>(2);
        if (bid.signum() > 0 && (limit == null || position.compareTo(limit) < 0)) {
            out.add(Quote.of(Side.BUY, bid, params.orderQuantity()));
        }
        if (limit == null || position.compareTo(limit.negate()) > 0) {
            out.add(Quote.of(Side.SELL, ask, params.orderQuantity()));
        }
        return out;
    }

    /** A price in ticks as a decimal, cut to 9 places so that 1199.9999999997 does not floor a tick away. */
    private static BigDecimal ticks(double value) {
        return BigDecimal.valueOf(value).setScale(9, RoundingMode.HALF_EVEN);
    }

    @Override
    protected BigDecimal requoteTolerance(BookTop top) {
        return market().instrument().tickSize().multiply(BigDecimal.valueOf(params.requoteToleranceTicks()));
    }
}
