package io.mmkit.core.time;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import sun.misc.Signal;

/**
 * Routes SIGINT and SIGTERM to a stop action instead of the JVM's own shutdown, so a process's cleanup runs
 * to its end on its own thread and the process exits with its own status. A second signal during the
 * cleanup only logs: it never aborts it.
 */
public final class TerminationSignals {
    private TerminationSignals() {
    }

    /**
     * Installs the handlers. {@code stop} must be non-blocking and do no I/O: it runs on the JVM's signal
     * dispatch thread (like {@code MarketMaker.stop()}).
     *
     * @param what what stopping does, for the log line, e.g. "cancelling orders and closing connections"
     */
    public static void onTerminate(Runnable stop, String what, Logger log) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    stop.run();
                    if (received.incrementAndGet() == 1) {
                        log.info("received SIG{}: stopping; {}", sig.getName(), what);
                    } else {
                        log.warn("received SIG{} again: already stopping, cleanup continues", sig.getName());
                    }
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not on this platform, or the signal is ignored (a background job of a non-interactive
                // shell ignores SIGINT): the JVM's shutdown hook path still stops us.
                log.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }
}
