package io.mmkit.backtest;

import io.mmkit.backtest.data.DataAudit;
import io.mmkit.backtest.data.GuardedSource;
import io.mmkit.backtest.report.BacktestMetrics;
import io.mmkit.backtest.report.MarketResult;
import io.mmkit.backtest.report.MetricsCalculator;
import io.mmkit.backtest.report.RunRecorder;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.sim.BacktestExchange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The markets of a backtest besides the primary one, each replayed from its own data on its own simulated venue,
 * all on the primary's virtual clock: every advance of that clock advances theirs to the same instant, and each
 * venue replays its own events up to it before the strategy's wait returns. So the strategy always sees every
 * book as of the same virtual time, and events of the data sets take effect in time order, to the resolution of
 * the strategy's own steps (no strategy call happens between two of them). The first data set to end stops the
 * run: quoting against a book whose data has ended would trade on prices that no longer move.
 *
 * <p>Opened and closed by {@link Backtests#run}; one thread (the strategy's) at a time.
 */
final class OtherMarkets implements AutoCloseable {
    private final List<Open> open = new ArrayList<>();

    private record Open(BacktestMarket market, GuardedSource source, RunRecorder recorder, BacktestExchange exchange) {
    }

    /** Opens each market's data and venue; blocks on file I/O. Closes what it opened if one fails. */
    static OtherMarkets open(BacktestConfig config) {
        OtherMarkets markets = new OtherMarkets();
        try {
            for (BacktestMarket m : config.markets().values()) {
                GuardedSource source = new GuardedSource(m.format().open(m.data()));
                RunRecorder recorder = new RunRecorder(m.exchange().instrument(), config.sampleInterval(),
                        source::progress, p -> { });
                markets.open.add(new Open(m, source, recorder, new BacktestExchange(m.exchange(), source, recorder)));
            }
        } catch (RuntimeException e) {
            markets.close();
            throw e;
        }
        return markets;
    }

    /**
     * Checks that every market the strategy asks for has data; {@code primary} is always there.
     *
     * @throws IllegalArgumentException naming the first market without data
     */
    static void requireData(BacktestConfig config, String strategyName, Set<String> required) {
        for (String name : required) {
            if (!name.equals(MarketMakerContext.PRIMARY) && !config.markets().containsKey(name)) {
                throw new IllegalArgumentException("strategy " + strategyName + " trades market " + name
                        + ", which has no data: give backtest.markets." + name + ".data (and the market's symbol"
                        + " and exchange, there or in markets." + name + ")");
            }
        }
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    /**
     * Warms every market up and joins the clocks: the primary's moves to the latest warm-up time, and from then
     * on each advance of it moves the others.
     *
     * @throws IllegalStateException naming the market whose data never shows a two-sided book
     */
    void warmUpAndJoin(BacktestExchange primary) {
        Instant latest = primary.time().now();
        for (Open o : open) {
            boolean twoSided = o.exchange().warmUp();
            o.source().failure().ifPresent(e -> {
                throw e;
            });
            if (!twoSided) {
                throw new IllegalStateException("market " + o.market().name() + ": the data never shows a two-sided"
                        + " book: nothing to trade against");
            }
            if (o.exchange().time().now().isAfter(latest)) {
                latest = o.exchange().time().now();
            }
            primary.time().addListener(now -> o.exchange().time().advanceTo(now));
            // An event-driven wait on the primary's clock also stops at this market's events (a hedge fill).
            primary.time().addSchedule(o.exchange()::nextEvent);
        }
        primary.time().advanceTo(latest);
        for (Open o : open) {
            o.exchange().time().advanceTo(latest);
        }
    }

    /** Adds each market to the strategy's context under its name. */
    MarketMakerContext addTo(MarketMakerContext context) {
        MarketMakerContext c = context;
        for (Open o : open) {
            c = c.withMarket(o.market().name(), o.exchange(), o.exchange().settings().instrument().symbol());
        }
        return c;
    }

    /** Runs {@code action} when any of these markets' data ends. */
    void onDataEnd(Runnable action) {
        open.forEach(o -> o.exchange().onDataEnd(action));
    }

    /** The first data error any market's reader hit. */
    Optional<RuntimeException> failure() {
        for (Open o : open) {
            if (o.source().failure().isPresent()) {
                return Optional.of(o.source().failure().get());
            }
        }
        return Optional.empty();
    }

    /** Finishes each market's report at {@code end}. */
    List<MarketResult> results(Instant end, Duration sampleInterval) {
        List<MarketResult> out = new ArrayList<>();
        for (Open o : open) {
            o.recorder().finish(end.getEpochSecond() * 1_000_000_000L + end.getNano());
            BigDecimal mid = mid(o.exchange());
            BacktestMetrics metrics = MetricsCalculator.compute(o.recorder(), mid, Backtests.startingCapital(
                    o.market().exchange().deposits(), o.market().exchange().instrument(), mid), sampleInterval);
            out.add(new MarketResult(o.market().name(), o.exchange().settings().instrument().symbol(), metrics,
                    o.recorder().ledger().position()));
        }
        return out;
    }

    /** {@code primary}'s fills and every other market's, in time order (stable: the primary's first on a tie). */
    List<Fill> allFills(List<Fill> primary) {
        List<Fill> all = new ArrayList<>(primary);
        open.forEach(o -> all.addAll(o.exchange().allFills()));
        all.sort(Comparator.comparing(Fill::time));
        return all;
    }

    long eventsApplied() {
        return open.stream().mapToLong(o -> o.exchange().eventsApplied()).sum();
    }

    /** What the readers dropped or repaired, every market's together with {@code primary}'s. */
    DataAudit audit(DataAudit primary) {
        DataAudit total = primary;
        for (Open o : open) {
            DataAudit a = o.source().audit();
            total = new DataAudit(total.duplicateTradesDropped() + a.duplicateTradesDropped(),
                    total.updateIdGaps() + a.updateIdGaps(), total.resyncs() + a.resyncs(),
                    total.inSyncAtEnd() && a.inSyncAtEnd());
        }
        return total;
    }

    private static BigDecimal mid(BacktestExchange exchange) {
        try {
            BookTop top = exchange.bookTop(exchange.settings().instrument().symbol());
            return top.mid();
        } catch (RuntimeException noMarket) {
            return null;
        }
    }

    @Override
    public void close() {
        for (Open o : open) {
            o.exchange().close();
            o.source().close();
        }
    }
}
