package io.mmkit.core.engine;

import io.mmkit.core.time.TimeSource;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first shutdown step: cancel every order this instance may have, on every market, and ask the venues
 * until they list none of ours. Runs on a shutdown worker thread after the strategy thread has finished
 * with the markets; bounded by the deadline it is given.
 */
final class OwnOrderSweep {
    private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);

    private final String instanceId;
    private final List<Market> markets;
    private final Duration retryPause;
    private final TimeSource time;

    OwnOrderSweep(String instanceId, Collection<Market> markets, Duration retryPause, TimeSource time) {
        this.instanceId = instanceId;
        this.markets = List.copyOf(markets);
        this.retryPause = retryPause;
        this.time = time;
    }

    /**
     * Bulk-cancels, falls back to one-by-one, then asks the venues; repeats until none of ours remain or the
     * deadline passes. {@code remaining} always holds what is not yet confirmed gone, so a caller that gives
     * up on this step still knows which orders may rest.
     *
     * @return a summary for the log
     * @throws IllegalStateException if orders remain when the deadline passes
     */
    String run(ShutdownSequence.Deadline deadline, Set<String> remaining) throws InterruptedException {
        int rounds = 0;
        int cancelled = 0;
        while (true) {
            rounds++;
            for (Market m : markets) {
                cancelled += cancel(m);
            }
            Set<String> stillOpen = stillOpen();
            synchronized (remaining) {
                remaining.clear();
                remaining.addAll(stillOpen);
            }
            if (stillOpen.isEmpty()) {
                markets.forEach(Market::markAllCancelled);
                return cancelled + " cancel(s) sent in " + rounds + " round(s), venue lists none of ours";
            }
            if (deadline.passed()) {
                throw new IllegalStateException("still open after " + rounds + " round(s): " + stillOpen);
            }
            LOG.warn("[{}] {} order(s) still open after round {}: {}", instanceId, stillOpen.size(), rounds,
                    stillOpen);
            time.pause(retryPause.compareTo(deadline.remaining()) < 0 ? retryPause : deadline.remaining());
        }
    }

    /** One round on one market: in bulk, else one by one. Returns how many cancels were sent. */
    private int cancel(Market m) {
        Set<String> ids = m.possiblyOpenIds();
        try {
            m.cancelAllOf(ids);
            return ids.size();
        } catch (RuntimeException bulkFailed) {
            LOG.warn("[{}] {}: bulk cancel failed ({}), cancelling one by one", instanceId, m.name(),
                    bulkFailed.getMessage());
        }
        int sent = 0;
        for (String id : ids) {
            try {
                m.cancel(id);
                sent++;
            } catch (RuntimeException oneFailed) {
                LOG.warn("[{}] {}: cancel {} failed: {}", instanceId, m.name(), id, oneFailed.getMessage());
            }
        }
        return sent;
    }

    /** Our orders the venues still list; a market that cannot be asked counts as unverified. */
    private Set<String> stillOpen() {
        Set<String> open = new LinkedHashSet<>();
        for (Market m : markets) {
            try {
                m.ownOrdersAtVenue().forEach(o -> open.add(o.clientOrderId()));
            } catch (RuntimeException queryFailed) {
                LOG.warn("[{}] {}: open-orders query failed: {}", instanceId, m.name(), queryFailed.getMessage());
                open.addAll(m.possiblyOpenIds());
                open.add("<" + m.name() + ": unverified>");
            }
        }
        return open;
    }
}
