package io.mmkit.core.sim;

import java.time.Instant;

/**
 * A time-ordered source of market events the simulated exchange replays as its clock moves. Pulled, not
 * pushed, so a feed can stream a file or generate a path lazily without holding a day in memory.
 * Used by one thread at a time (the simulator holds its lock while pulling).
 */
public interface MarketFeed {
    /** The next event whose time is at or before {@code until}, or {@code null} if there is none yet. */
    MarketEvent poll(Instant until);
}
