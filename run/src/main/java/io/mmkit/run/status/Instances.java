package io.mmkit.run.status;

import java.io.IOException;
import java.util.List;

/** The instances a dashboard shows and the operations its buttons run. Implementations block; any thread. */
public interface Instances {
    /** What a start or stop said: its exit status (0 = done as asked) and its output. */
    record Outcome(int status, String output) {
    }

    List<InstanceView> all() throws IOException;

    /** The last {@code lines} lines of the instance's current run log; empty if there is none. */
    List<String> logTail(String instance, int lines) throws IOException;

    /** Stops the instance the way {@code daemon stop} does: SIGTERM, its clean shutdown, its exit line. */
    Outcome stop(String instance);

    /** Starts it again with the strategy and config its supervisor last ran, as {@code daemon start} does. */
    Outcome start(String instance);
}
