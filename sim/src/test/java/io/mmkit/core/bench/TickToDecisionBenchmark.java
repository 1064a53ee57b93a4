package io.mmkit.core.bench;

import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.EngineSettings;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.engine.WakeSettings;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.exchange.ForwardingGateway;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.testing.FixedSpreadMaker;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.core.time.Wakeup;
import io.mmkit.sim.SimulatedExchange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a test: tick to decision on the in-process engine, live threads and the system clock. A "venue thread" (this
 * benchmark's main thread) hands the engine's listener a new book top, as a WebSocket reader would; the strategy
 * thread, parked in its event-driven wait (60 s interval, no minimum requote interval), wakes, reads the top, asks
 * the strategy for quotes, plans, cancels the two stale quotes on the simulated exchange and places the first new
 * one. Measured: from the moment the venue thread starts delivering the top to the moment the placement call
 * reaches the gateway. The top alternates by one tick, so every event means a requote of both sides.
 *
 * <pre>java -cp sim/target/classes:sim/target/test-classes:$(deps) io.mmkit.core.bench.TickToDecisionBenchmark 20000</pre>
 */
public final class TickToDecisionBenchmark {
    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    private TickToDecisionBenchmark() {
    }

    /** The simulated exchange, with book tops pushed from outside and placements time-stamped on entry. */
    static final class PushedTops extends ForwardingGateway {
        final AtomicLong placements = new AtomicLong();
        /** When the first placement after the last push reached us; 0 until then. */
        volatile long firstPlacementNanos;
        volatile ExchangeListener listener;
        volatile BookTop top;

        PushedTops(SimulatedExchange sim) {
            super(sim);
        }

        @Override
        public void subscribe(String symbol, ExchangeListener l) {
            super.subscribe(symbol, l);
            listener = l;
        }

        @Override
        public BookTop bookTop(String symbol) {
            BookTop t = top;
            return t != null ? t : super.bookTop(symbol);
        }

        @Override
        public PlaceResult place(OrderRequest request) {
            long now = System.nanoTime();
            if (firstPlacementNanos == 0) {
                firstPlacementNanos = now;
            }
            placements.incrementAndGet();
            return super.place(request);
        }

        /** What a venue's reader thread does with a new top: store it, hand it to the listener. */
        long push(BookTop t) {
            firstPlacementNanos = 0;
            long at = System.nanoTime();
            top = t;
            listener.onBookTop(t);
            return at;
        }
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int warmUp = Math.max(1_000, events / 10);
        SystemTimeSource time = new SystemTimeSource();
        SimulatedExchange sim = SimFixtures.exchange(time, SimFixtures.steadyMarket()).build();
        PushedTops venue = new PushedTops(sim);
        EngineSettings settings = EngineSettings.of("tick-bench", Duration.ofSeconds(60)).withOrderCallParallelism(1)
                .withWake(new WakeSettings(Wakeup.ANY, Duration.ZERO, 1, null));
        FixedSpreadMaker maker = new FixedSpreadMaker(MarketMakerContext.of(settings, time, new InMemoryTradeStore(),
                new ClientOrderIds(SimFixtures.PREFIX, 1), venue, SimFixtures.SYMBOL), "0.5", "0.1");
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(maker::run);
        awaitPlacements(venue, 2);

        BookTop low = top("99.99", "100.01");
        BookTop high = top("100.00", "100.02");
        long[] nanos = new long[events];
        for (int i = 0; i < warmUp + events; i++) {
            long before = venue.placements.get();
            long sent = venue.push(i % 2 == 0 ? high : low);
            awaitPlacements(venue, before + 2); // both sides replaced: the iteration is done
            if (i >= warmUp) {
                // The first of the two placements: the decision reached the venue.
                nanos[i - warmUp] = venue.firstPlacementNanos - sent;
            }
            LockSupport.parkNanos(50_000); // let the strategy thread go back to its wait
        }
        maker.stop();
        RunResult result = run.get(60, TimeUnit.SECONDS);
        print(nanos);
        System.out.printf("run ended clean=%s after %d iterations%n", result.clean(), maker.iterations);
    }

    private static BookTop top(String bid, String ask) {
        return new BookTop(SimFixtures.SYMBOL, new BigDecimal(bid), BigDecimal.TEN, new BigDecimal(ask), BigDecimal.TEN,
                FAR);
    }

    private static void awaitPlacements(PushedTops venue, long count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (venue.placements.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no placement within 30 s: " + venue.placements.get() + " < " + count);
            }
            Thread.onSpinWait();
        }
    }

    private static void print(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("tick -> decision (book top in, placement call out), n=%,d: p50 %.1f us   p99 %.1f us   "
                        + "p99.9 %.1f us   max %.1f us%n", sorted.length, sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[(int) (sorted.length * 0.999)] / 1e3,
                sorted[sorted.length - 1] / 1e3);
    }
}
