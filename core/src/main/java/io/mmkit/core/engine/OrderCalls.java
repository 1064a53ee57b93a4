package io.mmkit.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs a batch of order calls (placements, cancels) a few at a time, so one slow or hung venue answer does not
 * hold up the rest: a fixed pool of {@code parallelism} daemon threads. With a parallelism of 1 every call runs
 * in order on the caller's thread, as a simulated venue on a virtual clock needs to repeat a run exactly.
 *
 * <p>Thread-safe. {@link #close()} stops the pool; calls still in flight are interrupted.
 */
final class OrderCalls implements AutoCloseable {

    /** How one call ended. */
    record Outcome<T>(T value, RuntimeException failure, boolean skipped, boolean abandoned) {
        static <T> Outcome<T> done(T value) {
            return new Outcome<>(value, null, false, false);
        }

        boolean succeeded() {
            return !skipped && !abandoned && failure == null;
        }
    }

    private final int parallelism;
    private final ExecutorService pool;

    OrderCalls(String instanceId, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
        AtomicInteger n = new AtomicInteger();
        this.pool = parallelism == 1 ? null : Executors.newFixedThreadPool(parallelism, r -> {
            // Daemon: a call abandoned at a deadline must not keep the JVM alive.
            Thread t = new Thread(r, "mm-" + instanceId + "-orders-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    int parallelism() {
        return parallelism;
    }

    /**
     * Runs every call that starts before {@code skip} turns true, and waits for all of them: each is bounded by
     * the venue client's own call timeout. A call not yet started when {@code skip} turns true is skipped
     * (never sent). Blocks the calling thread.
     *
     * @throws InterruptedException if the waiting thread is interrupted (calls in flight are interrupted too)
     */
    <T> List<Outcome<T>> runAll(List<Callable<T>> calls, BooleanSupplier skip) throws InterruptedException {
        return run(calls, skip, null);
    }

    /**
     * Runs every call and waits at most {@code budget} for them: a call still running then is interrupted
     * (its HTTP request cancelled) and counts as abandoned; one not yet started is skipped.
     */
    <T> List<Outcome<T>> runAll(List<Callable<T>> calls, Duration budget) throws InterruptedException {
        return run(calls, () -> false, budget);
    }

    private <T> List<Outcome<T>> run(List<Callable<T>> calls, BooleanSupplier skip, Duration budget)
            throws InterruptedException {
        if (pool == null) {
            return inOrder(calls, skip);
        }
        long end = budget == null ? Long.MAX_VALUE : System.nanoTime() + budget.toNanos();
        List<Future<Outcome<T>>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(pool.submit(() -> skip.getAsBoolean() || pastEnd(end)
                    ? new Outcome<T>(null, null, true, false) : attempt(call)));
        }
        List<Outcome<T>> outcomes = new ArrayList<>();
        try {
            for (Future<Outcome<T>> f : futures) {
                outcomes.add(await(f, end));
            }
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
        return outcomes;
    }

    private static <T> List<Outcome<T>> inOrder(List<Callable<T>> calls, BooleanSupplier skip)
            throws InterruptedException {
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Callable<T> call : calls) {
            if (Thread.interrupted()) {
                throw new InterruptedException("order calls interrupted");
            }
            outcomes.add(skip.getAsBoolean() ? new Outcome<>(null, null, true, false) : attempt(call));
        }
        return outcomes;
    }

    private static <T> Outcome<T> await(Future<Outcome<T>> f, long end) throws InterruptedException {
        try {
            if (end == Long.MAX_VALUE) {
                return f.get();
            }
            return f.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            f.cancel(true);
            return new Outcome<>(null, null, false, true);
        } catch (ExecutionException e) {
            // attempt() catches what a call throws; only an Error gets here
            throw new IllegalStateException("an order call failed unexpectedly", e.getCause());
        }
    }

    private static <T> Outcome<T> attempt(Callable<T> call) {
        try {
            return Outcome.done(call.call());
        } catch (RuntimeException e) {
            return new Outcome<>(null, e, false, false);
        } catch (Exception e) {
            return new Outcome<>(null, new IllegalStateException(e.getMessage(), e), false, false);
        }
    }

    private static boolean pastEnd(long end) {
        return end != Long.MAX_VALUE && System.nanoTime() >= end;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
