package io.mmkit.collector;

import io.mmkit.core.engine.RunResult.ShutdownStep;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.exchange.binance.BinanceMarket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * How long the collector takes from Ctrl+C to done, step by step, over several runs (a measurement, not a
 * test). Each run streams the fixture's real Binance messages in a loop from a loopback venue into a live
 * collector (system clock: raw events flushed every second, as in production) at {@code perSecond} messages a
 * second (0: as fast as the collector takes them), lets it collect for {@code collectMillis}, then raises a real
 * SIGINT in this JVM, whose handler only calls {@link Collector#stop()} (as {@code run collect}'s does). The venue
 * keeps streaming through the shutdown.
 *
 * <p>{@code java ... CollectorShutdownBenchmark [runs=5] [collectMillis=3000] [perSecond=1000]}
 */
public final class CollectorShutdownBenchmark {
    private CollectorShutdownBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long collectMillis = args.length > 1 ? Long.parseLong(args[1]) : 3_000;
        int perSecond = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        System.out.printf("collector shutdown, %d runs, %d ms of streaming each at %s; times in ms from SIGINT%n",
                runs, collectMillis, perSecond > 0 ? perSecond + " messages/s" : "the collector's full speed");
        System.out.println("run  events  signal->stop()  ->shutdown  cancel  save  close-conn  close-db  done"
                + "   (seed: starts <100, save 1000-2000, close ~1000, total 3000-5000)");
        List<Double> totals = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            totals.add(once(i, collectMillis, perSecond));
        }
        totals.sort(Double::compare);
        System.out.printf(Locale.ROOT, "median done %.1f ms, worst %.1f ms%n", totals.get(totals.size() / 2),
                totals.get(totals.size() - 1));
        System.exit(0);
    }

    private static double once(int run, long collectMillis, int perSecond) throws Exception {
        Path dir = Files.createTempDirectory("collector-bench");
        try (FakeBinanceVenue venue = new FakeBinanceVenue()) {
            CollectorSettings settings = CollectorSettings.defaults("BTCUSDT", BinanceMarket.SPOT,
                    dir.resolve("bench.db")).withUrls(venue.baseUrl(), venue.wsUrl());
            Collector collector = new Collector(settings, new SystemTimeSource(), System::nanoTime, new Random(run));
            AtomicLong stopCalledNanos = new AtomicLong();
            Signal.handle(new Signal("INT"), s -> {
                stopCalledNanos.set(System.nanoTime());
                collector.stop();
            });
            AtomicReference<CollectorResult> result = new AtomicReference<>();
            AtomicLong returnedNanos = new AtomicLong();
            CountDownLatch ended = new CountDownLatch(1);
            Thread runner = new Thread(() -> {
                try {
                    result.set(collector.run());
                    returnedNanos.set(System.nanoTime());
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    ended.countDown();
                }
            }, "bench-collector");
            runner.start();
            venue.awaitSubscribed();
            venue.streamForever(perSecond);
            new CountDownLatch(1).await(collectMillis, TimeUnit.MILLISECONDS); // collect for a while, no sleep

            long signalled = System.nanoTime();
            Signal.raise(new Signal("INT"));
            if (!ended.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the collector did not stop within 30 s");
            }
            CollectorResult r = result.get();
            double toStop = ms(stopCalledNanos.get() - signalled);
            double toShutdown = toStop + r.stopToShutdown().toNanos() / 1e6;
            List<ShutdownStep> steps = r.steps();
            double done = ms(returnedNanos.get() - signalled);
            System.out.printf(Locale.ROOT, "%3d  %6d  %14.2f  %10.2f  %6.1f  %4.1f  %10.1f  %8.1f  %6.1f   %s%n",
                    run, r.eventsReceived(), toStop, toShutdown, took(steps, 0), took(steps, 1), took(steps, 2),
                    took(steps, 3), done, r.clean() ? "clean" : "NOT CLEAN " + steps);
            return done;
        }
    }

    private static double took(List<ShutdownStep> steps, int i) {
        Duration d = steps.get(i).took();
        return d.toNanos() / 1e6;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
