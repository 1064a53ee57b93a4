package io.mmkit.core.engine;

import io.mmkit.core.engine.RunResult.ShutdownStep;
import io.mmkit.core.engine.RunResult.ShutdownStep.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Runs cleanup steps one after another, each on a worker thread under its own deadline, capped by what is
 * left of the whole (DESIGN.md §5); the bot's {@code Cleanup} and the data collector share it. A step that hangs
 * is abandoned (its thread interrupted, which cancels its HTTP call) and the sequence goes on; a
 * step that throws is logged and the sequence goes on. Every step logs its start and its end.
 */
public final class ShutdownSequence {

    /** A step's body. It receives its deadline so retry loops can stop in time. */
    @FunctionalInterface
    public interface Body {
        String run(Deadline deadline) throws Exception;
    }

    /** A point in wall time a step must finish by. */
    public static final class Deadline {
        private final LongSupplier nanoClock;
        private final long endNanos;

        Deadline(LongSupplier nanoClock, long endNanos) {
            this.nanoClock = nanoClock;
            this.endNanos = endNanos;
        }

        public Duration remaining() {
            return Duration.ofNanos(Math.max(0, endNanos - nanoClock.getAsLong()));
        }

        public boolean passed() {
            return nanoClock.getAsLong() >= endNanos;
        }
    }

    private final ExecutorService executor;
    private final LongSupplier nanoClock;
    private final Logger log;
    private final long startNanos;
    private final long totalEndNanos;
    private final int stepCount;
    private final List<ShutdownStep> steps = new ArrayList<>();

    /**
     * @param executor runs each step; the caller shuts it down (typically in the last, {@link #runHere} step)
     * @param nanoClock a monotonic clock for deadlines and step timings ({@code System::nanoTime} live)
     * @param stepCount how many steps will run, for the {@code [i/n]} in the log lines
     */
    public ShutdownSequence(ExecutorService executor, LongSupplier nanoClock, Duration total, int stepCount, Logger log) {
        this(executor, nanoClock, nanoClock.getAsLong(), total, stepCount, log);
    }

    /**
     * A sequence whose whole deadline counts from {@code startNanos} (on {@code nanoClock}), e.g. when stop was
     * requested, so time spent finishing a call in flight before the first step is part of the total.
     */
    public ShutdownSequence(ExecutorService executor, LongSupplier nanoClock, long startNanos, Duration total,
                            int stepCount, Logger log) {
        this.executor = executor;
        this.nanoClock = nanoClock;
        this.log = log;
        this.stepCount = stepCount;
        this.startNanos = startNanos;
        this.totalEndNanos = startNanos + total.toNanos();
    }

    /** Runs one step on the executor, waiting at most {@code deadline} (capped by the total). */
    public ShutdownStep run(String name, Duration deadline, Body body) {
        long begin = nanoClock.getAsLong();
        Deadline d = new Deadline(nanoClock, Math.min(begin + deadline.toNanos(), totalEndNanos));
        int index = steps.size() + 1;
        log.info("shutdown [{}/{}] {}: started (deadline {} ms)", index, stepCount, name, d.remaining().toMillis());
        ShutdownStep step;
        Future<String> future = null;
        try {
            future = executor.submit(() -> body.run(d));
            String detail = future.get(d.remaining().toNanos(), TimeUnit.NANOSECONDS);
            step = new ShutdownStep(name, Outcome.DONE, since(begin), detail == null ? "" : detail);
        } catch (TimeoutException e) {
            future.cancel(true);
            step = new ShutdownStep(name, Outcome.TIMED_OUT, since(begin), "deadline passed");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            step = new ShutdownStep(name, Outcome.FAILED, since(begin), String.valueOf(cause.getMessage()));
        } catch (InterruptedException e) {
            // A second signal must not abort the cleanup: note it, keep going, restore the flag at the end.
            Thread.currentThread().interrupt();
            step = new ShutdownStep(name, Outcome.FAILED, since(begin), "interrupted");
        } catch (RuntimeException e) {
            step = new ShutdownStep(name, Outcome.FAILED, since(begin), String.valueOf(e.getMessage()));
        }
        logEnd(index, step);
        steps.add(step);
        return step;
    }

    /** Runs a step on the calling thread: for the last one, which shuts down the executor itself. */
    public ShutdownStep runHere(String name, Body body) {
        long begin = nanoClock.getAsLong();
        int index = steps.size() + 1;
        Deadline d = new Deadline(nanoClock, totalEndNanos);
        log.info("shutdown [{}/{}] {}: started", index, stepCount, name);
        ShutdownStep step;
        try {
            String detail = body.run(d);
            step = new ShutdownStep(name, Outcome.DONE, since(begin), detail == null ? "" : detail);
        } catch (Exception e) {
            step = new ShutdownStep(name, Outcome.FAILED, since(begin), String.valueOf(e.getMessage()));
        }
        logEnd(index, step);
        steps.add(step);
        return step;
    }

    public List<ShutdownStep> steps() {
        return List.copyOf(steps);
    }

    public Duration elapsed() {
        return since(startNanos);
    }

    private void logEnd(int index, ShutdownStep step) {
        String detail = step.detail().isEmpty() ? "" : " (" + step.detail() + ")";
        switch (step.outcome()) {
            case DONE -> log.info("shutdown [{}/{}] {}: done in {} ms{}", index, stepCount, step.name(),
                    step.took().toMillis(), detail);
            case TIMED_OUT -> log.error("shutdown [{}/{}] {}: TIMED OUT after {} ms, moving on", index, stepCount,
                    step.name(), step.took().toMillis());
            default -> log.error("shutdown [{}/{}] {}: FAILED after {} ms{}, moving on", index, stepCount,
                    step.name(), step.took().toMillis(), detail);
        }
    }

    private Duration since(long begin) {
        return Duration.ofNanos(nanoClock.getAsLong() - begin);
    }
}
