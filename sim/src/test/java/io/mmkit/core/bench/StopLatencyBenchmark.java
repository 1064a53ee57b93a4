package io.mmkit.core.bench;

import io.mmkit.core.engine.RunResult;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.testing.FixedSpreadMaker;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.sim.SimulatedExchange;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: prints how long {@code stop()} takes to return, how long the loop takes to notice it while
 * waiting on a 60 s interval, and how long the whole cleanup takes, over many runs on the simulated exchange.
 *
 * <pre>java -cp sim/target/classes:sim/target/test-classes:$(deps) io.mmkit.core.bench.StopLatencyBenchmark 200</pre>
 */
public final class StopLatencyBenchmark {
    private StopLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long[] stopReturn = new long[runs];
        long[] loopExit = new long[runs];
        long[] cleanup = new long[runs];
        for (int i = 0; i < runs; i++) {
            SystemTimeSource time = new SystemTimeSource();
            SimulatedExchange sim = SimFixtures.exchange(time, SimFixtures.steadyMarket()).build();
            FixedSpreadMaker maker = new FixedSpreadMaker(
                    SimFixtures.context(time, new InMemoryTradeStore(), sim, Duration.ofSeconds(60)), "0.5", "0.1");
            CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(maker::run);
            while (sim.allOpenOrders().size() < 2) {
                Thread.onSpinWait();
            }
            long before = System.nanoTime();
            maker.stop();
            stopReturn[i] = System.nanoTime() - before;
            if (!maker.loopEnded.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("loop did not end");
            }
            loopExit[i] = maker.loopEndedNanos - before;
            RunResult result = run.get(30, TimeUnit.SECONDS);
            if (!result.clean() || !sim.allOpenOrders().isEmpty()) {
                throw new IllegalStateException("unclean stop: " + result);
            }
            cleanup[i] = result.shutdownTook().toNanos();
        }
        print("stop() returns", stopReturn);
        print("loop notices stop (60 s interval)", loopExit);
        print("cleanup: cancel + verify + save + close", cleanup);
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-42s p50 %8.3f ms   p99 %8.3f ms   max %8.3f ms   (n=%d)%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6, sorted.length);
    }
}
