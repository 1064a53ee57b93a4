package io.mmkit.run;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ForwardingGateway;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.PublicMarketData;
import io.mmkit.sim.SimulatedExchange;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway a paper run's strategy sees: the one engine's {@link SimulatedExchange}, fed by a venue's live
 * public data ({@link PaperFeed}), on a virtual clock that a pacer thread moves to the wall clock every
 * {@value #PACE_MILLIS} ms. Each advance replays what arrived, matches our orders against it and tells the
 * listeners of fills, as a venue's private stream would. {@link #close()} stops the pacer and the market data too.
 */
final class PaperExchange extends ForwardingGateway {
    private static final Logger LOG = LoggerFactory.getLogger(PaperExchange.class);
    static final long PACE_MILLIS = 20;
    private static final Duration FIRST_BOOK_WAIT = Duration.ofSeconds(30);

    private final PublicMarketData data;
    private final ScheduledExecutorService pacer;

    private PaperExchange(SimulatedExchange engine, PublicMarketData data, ScheduledExecutorService pacer) {
        super(engine);
        this.data = data;
        this.pacer = pacer;
    }

    static PaperExchange open(PublicMarketData data, String symbol, PaperVenue venue, TimeSource wallClock) {
        Instrument instrument = data.instrument(symbol);
        SimulatedTimeSource paperClock = new SimulatedTimeSource(wallClock.now());
        PaperFeed feed = new PaperFeed(symbol, wallClock);
        var builder = SimulatedExchange.builder(paperClock)
                .venue(PaperVenue.NAME + ":" + data.venue())
                .idPrefix(idPrefix(venue.path(), wallClock.now()))
                .instrument(instrument)
                .feed(feed)
                .fees(venue.makerFee(), venue.takerFee())
                .fillModel(venue.fillModel())
                .latency(venue.latency());
        venue.balances().forEach(builder::deposit);
        SimulatedExchange engine = builder.build();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "paper-clock-" + symbol);
            t.setDaemon(true);
            return t;
        });
        pacer.scheduleAtFixedRate(() -> {
            try {
                paperClock.advanceTo(wallClock.now());
            } catch (RuntimeException e) {
                // A throw would end the schedule and freeze the paper market: log and keep pacing.
                LOG.warn("paper {}: the simulated market could not advance: {}", symbol, e.toString());
            }
        }, 0, PACE_MILLIS, TimeUnit.MILLISECONDS);
        data.subscribe(symbol, feed);
        awaitFirstBook(symbol, data, feed, paperClock, wallClock, pacer);
        LOG.info("paper {} on {} market data: fills simulated ({} fill model, maker fee {}, taker fee {}, latency {}"
                + " ms), balances {}", symbol, data.venue(), venue.fillModel().label(), venue.makerFee(),
                venue.takerFee(), venue.latency().toMillis(), venue.balances());
        return new PaperExchange(engine, data, pacer);
    }

    /**
     * A live gateway answers a strategy's first book request from REST; the paper engine has only what streamed
     * in, so opening waits for the first synced book and replays it (on the pacer thread, the clock's only
     * mover) before the strategy starts.
     */
    private static void awaitFirstBook(String symbol, PublicMarketData data, PaperFeed feed,
                                       SimulatedTimeSource paperClock, TimeSource wallClock,
                                       ScheduledExecutorService pacer) {
        try {
            if (!feed.awaitFirstBook(FIRST_BOOK_WAIT)) {
                pacer.shutdownNow();
                throw new ExchangeException(PaperVenue.NAME + ":" + data.venue(), symbol + ": no book from "
                        + data.venue() + " within " + FIRST_BOOK_WAIT.toSeconds() + " s");
            }
            // Past the keep-alive the engine may hold (a millisecond ahead), or the book waits behind it.
            pacer.submit(() -> paperClock.advanceTo(wallClock.now().plus(PaperFeed.KEEP_ALIVE_AHEAD))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pacer.shutdownNow();
            throw new ExchangeException(PaperVenue.NAME + ":" + data.venue(), symbol + ": interrupted waiting for"
                    + " the first book");
        } catch (ExecutionException e) {
            pacer.shutdownNow();
            throw new ExchangeException(PaperVenue.NAME + ":" + data.venue(), symbol + ": " + e.getCause());
        }
    }

    /**
     * {@code paper-} and the start in base-36 ms, plus the market's name off the primary: unique per run and per
     * market, so neither a second run nor a hedge market hands the store a fill id it already holds.
     */
    static String idPrefix(String path, Instant start) {
        String market = path.startsWith("markets.") ? path.substring("markets.".length(), path.lastIndexOf('.')) + "-"
                : "";
        return "paper-" + Long.toString(start.toEpochMilli(), 36) + "-" + market;
    }

    /** Stops the pacer, then the market data, then the engine. Idempotent; never throws. */
    @Override
    public void close() {
        pacer.shutdownNow();
        try {
            pacer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        data.close();
        super.close();
    }
}
