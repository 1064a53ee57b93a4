package io.mmkit.backtest.cli;

import java.io.PrintStream;
import java.util.function.DoubleConsumer;

/**
 * A one-line text progress bar redrawn with a carriage return whenever the whole percentage changes (never
 * by wall time, so it costs nothing between steps). Thread-safe: sweeps report from their pool.
 */
final class ProgressBar implements DoubleConsumer {
    private static final int WIDTH = 40;
    private final PrintStream out;
    private final String label;
    private int shown = -1;

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public synchronized void accept(double fraction) {
        int percent = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
        if (percent == shown) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        out.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + percent + "%");
        if (percent == 100) {
            out.println();
        }
        out.flush();
    }
}
