package io.mmkit.run;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import sun.misc.Signal;

/**
 * Routes SIGINT and SIGTERM to a stop action instead of the JVM's own shutdown, so the bot's cleanup runs
 * to its end on the main thread and the process exits with the bot's own status. A second signal during
 * shutdown only logs: it never aborts the cleanup.
 */
final class Signals {
    private Signals() {
    }

    /**
     * Installs the handlers. {@code stop} must be non-blocking and do no I/O (it runs on the JVM's signal
     * dispatch thread).
     */
    static void onTerminate(Runnable stop, Logger log) {
        AtomicInteger received = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> {
                    int n = received.incrementAndGet();
                    stop.run();
                    if (n == 1) {
                        log.info("received SIG{}: stopping; cancelling orders and closing connections", sig.getName());
                    } else {
                        log.warn("received SIG{} again: already stopping, cleanup continues", sig.getName());
                    }
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not on this platform or already used by the JVM: the shutdown hook below still stops us.
                log.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
    }
}
