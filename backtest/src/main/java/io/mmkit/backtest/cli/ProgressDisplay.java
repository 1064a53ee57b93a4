package io.mmkit.backtest.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.DoubleConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress with rate and ETA (me.tongfei:progressbar). On a terminal the bar redraws in place; into a pipe or a
 * file it writes one plain ASCII line every {@link #PIPE_INTERVAL} instead, with no carriage returns or colour
 * codes, so logs stay readable. Thread-safe: sweeps report from their pool. Close it to print the final line.
 */
final class ProgressDisplay implements DoubleConsumer, AutoCloseable {
    static final Duration PIPE_INTERVAL = Duration.ofSeconds(10);
    private final ProgressBar bar;
    private final long max;

    private ProgressDisplay(ProgressBar bar, long max) {
        this.bar = bar;
        this.max = max;
    }

    /** Whether {@code stream} is this process's stderr and that is a terminal (Java 17: a console exists). */
    static boolean isTerminal(PrintStream stream) {
        return stream == System.err && System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * @param max steps to completion, e.g. runs in a sweep (100 for a percentage)
     * @param unit what a step is, for the rate (e.g. {@code runs}, {@code %})
     */
    static ProgressDisplay open(PrintStream out, boolean terminal, String task, long max, String unit) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setUnit(" " + unit, 1).showSpeed().setSpeedUnit(ChronoUnit.SECONDS);
        if (terminal) {
            b.setConsumer(new ConsoleProgressBarConsumer(out)).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(250);
        } else {
            String[] last = {""};
            b.setConsumer(new DelegatingProgressBarConsumer(line -> {
                String plain = line.strip();
                if (!plain.equals(last[0])) { // closing renders the final state once more
                    last[0] = plain;
                    out.println(plain);
                    out.flush();
                }
            }, 100)).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis((int) PIPE_INTERVAL.toMillis());
        }
        return new ProgressDisplay(b.build(), max);
    }

    /** Share done, 0..1 (clamped). */
    @Override
    public void accept(double fraction) {
        stepTo(Math.round(Math.max(0, Math.min(1, fraction)) * max));
    }

    /** Steps done so far (never goes back). */
    synchronized void stepTo(long done) {
        if (done > bar.getCurrent()) {
            bar.stepTo(done);
        }
    }

    @Override
    public synchronized void close() {
        bar.close();
    }
}
