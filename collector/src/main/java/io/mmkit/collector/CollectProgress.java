package io.mmkit.collector;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code collect}'s progress: events recorded and minutes saved. On a terminal one line redrawn every second
 * ({@code \r}); into a pipe or a file a plain line every {@code every}, so logs stay readable. Runs on its own
 * daemon thread until {@link #stop()}.
 */
final class CollectProgress {
    private final ScheduledExecutorService timer;
    private final PrintStream out;
    private final boolean terminal;

    private CollectProgress(ScheduledExecutorService timer, PrintStream out, boolean terminal) {
        this.timer = timer;
        this.out = out;
        this.terminal = terminal;
    }

    static CollectProgress start(Collector collector, PrintStream out, boolean terminal, Duration every) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collect-progress");
            t.setDaemon(true);
            return t;
        });
        CollectProgress progress = new CollectProgress(timer, out, terminal);
        long period = terminal ? 1_000 : Math.max(1, every.toMillis());
        timer.scheduleAtFixedRate(() -> progress.print(collector), period, period, TimeUnit.MILLISECONDS);
        return progress;
    }

    static String line(long received, long stored, long minutes) {
        return "collecting: " + stored + " events recorded (" + received + " received), " + minutes
                + " minutes saved";
    }

    private void print(Collector collector) {
        String line = line(collector.eventsReceived(), collector.eventsStored(), collector.minutesSaved());
        synchronized (out) {
            if (terminal) {
                out.print("\r" + line + "   ");
            } else {
                out.println(line);
            }
            out.flush();
        }
    }

    /** Stops the line (ending a terminal's live line) before the summary is printed. */
    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal) {
            synchronized (out) {
                out.println();
            }
        }
    }
}
