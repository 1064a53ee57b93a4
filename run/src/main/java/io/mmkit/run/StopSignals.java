package io.mmkit.run;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM from the first line of {@code main} on, so a signal during start-up is never the JVM's
 * silent exit 130/143. What a signal does is handed over as start-up goes on: before any command takes it,
 * it logs and exits at once (nothing is open yet); the launcher then makes it abort the start-up, and once the
 * bot runs, makes it stop the bot. A second signal only logs.
 *
 * <p>The logger is looked up only when a signal arrives: installing must not wait for logging to start.
 */
final class StopSignals {
    /** What a signal does now; runs on the JVM's signal thread, so it must not block. */
    @FunctionalInterface
    interface Action {
        void onSignal(String name);
    }

    private final AtomicInteger received = new AtomicInteger();
    private volatile Action action = StopSignals::exitNow;
    private volatile String firstSignal;

    /** Handlers not yet installed: signals reach it only through {@link #receive}. */
    StopSignals() {
    }

    /** Installs the handlers for SIGINT and SIGTERM, replacing the JVM's. */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> signals.receive(sig.getName()));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not on this platform, or ignored (a background job of a non-interactive shell ignores
                // SIGINT): the JVM's shutdown hooks still run.
            }
        }
        return signals;
    }

    /** Signals from now on run {@code next}; a signal that came before runs it at once. */
    void handOver(Action next) {
        action = next;
        String earlier = firstSignal;
        if (earlier != null) {
            next.onSignal(earlier);
        }
    }

    /** The first signal received, or null. */
    String received() {
        return firstSignal;
    }

    void receive(String name) {
        if (received.incrementAndGet() > 1) {
            LoggerFactory.getLogger("mmkit").warn("received SIG{} again: already stopping, cleanup continues", name);
            return;
        }
        firstSignal = name;
        action.onSignal(name);
    }

    private static void exitNow(String name) {
        LoggerFactory.getLogger("mmkit").info("received SIG{} during start-up: exiting, nothing was opened", name);
        System.exit(name.equals("INT") ? 130 : 143);
    }
}
