package io.mmkit.core.engine;

import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first shutdown step: cancel every order this instance may have, on every market, and ask the venues
 * until they list none of ours. Runs on a shutdown worker thread after the strategy thread has finished
 * with the markets; bounded by the deadline it is given.
 *
 * <p>Cancels run a few at once ({@link OrderCalls}), each round within two thirds of the time left, so one
 * cancel that hangs is abandoned (its HTTP call cancelled) while the others go through, and there is time left
 * to ask the venue what still rests. Only the venue's listing decides: an order is stored CANCELLED when its
 * cancel was answered and the listing no longer shows it.
 */
final class OwnOrderSweep {
    private static final Logger LOG = LoggerFactory.getLogger(MarketMaker.class);

    private final String instanceId;
    private final List<Market> markets;
    private final Duration retryPause;
    private final TimeSource time;
    private final OrderCalls calls;

    OwnOrderSweep(String instanceId, Collection<Market> markets, Duration retryPause, TimeSource time,
                  OrderCalls calls) {
        this.instanceId = instanceId;
        this.markets = List.copyOf(markets);
        this.retryPause = retryPause;
        this.time = time;
        this.calls = calls;
    }

    /** What one look at the venues found. */
    private record Verification(Set<String> stillOpen, List<String> unverified) {
        boolean clean() {
            return stillOpen.isEmpty() && unverified.isEmpty();
        }

        String describe() {
            String open = stillOpen.isEmpty() ? "" : stillOpen.size() + " order(s) still open: " + stillOpen;
            String unread = unverified.isEmpty() ? "" : "open orders could not be read on " + unverified;
            return open.isEmpty() || unread.isEmpty() ? open + unread : open + "; " + unread;
        }
    }

    /**
     * Cancels, then asks the venues; repeats until none of ours remain or the deadline passes. A market this run
     * never sent an order call to (and tracks nothing on) is left alone: nothing of ours can rest there.
     * {@code remaining} always holds what is not yet confirmed gone, so a caller that gives up on this step
     * still knows which orders may rest.
     *
     * @return a summary for the log
     * @throws IllegalStateException naming the orders (and unreadable markets) left when the deadline passes
     */
    String run(ShutdownSequence.Deadline deadline, Set<String> remaining) throws InterruptedException {
        List<Market> touched = markets.stream()
                .filter(m -> m.sentOrderCalls() || !m.possiblyOpenIds().isEmpty()).toList();
        if (touched.isEmpty()) {
            return "no order was ever sent: nothing to cancel";
        }
        Map<Market, Set<String>> toCancel = new LinkedHashMap<>();
        touched.forEach(m -> toCancel.put(m, m.possiblyOpenIds()));
        int rounds = 0;
        int sent = 0;
        String lastReported = "";
        while (true) {
            rounds++;
            sent += cancelRound(toCancel, deadline);
            Verification v = verify(touched, toCancel);
            synchronized (remaining) {
                remaining.clear();
                remaining.addAll(v.stillOpen());
            }
            if (v.clean()) {
                return sent + " cancel(s) answered in " + rounds + " round(s), venue lists none of ours";
            }
            if (deadline.passed()) {
                throw new IllegalStateException("after " + rounds + " round(s): " + v.describe());
            }
            String now = v.describe();
            if (!now.equals(lastReported)) {
                // Once per change: a venue that keeps an order would otherwise fill the log every retry pause.
                LOG.warn("[{}] after cancel round {}: {}", instanceId, rounds, now);
                lastReported = now;
            }
            time.pause(retryPause.compareTo(deadline.remaining()) < 0 ? retryPause : deadline.remaining());
        }
    }

    /** One round on every market, a few calls at once. Returns how many cancels the venues answered. */
    private int cancelRound(Map<Market, Set<String>> toCancel, ShutdownSequence.Deadline deadline)
            throws InterruptedException {
        List<Callable<Integer>> cancels = new ArrayList<>();
        List<String> what = new ArrayList<>();
        toCancel.forEach((m, ids) -> {
            List<String> all = List.copyOf(ids);
            int batch = m.cancelBatchSize();
            for (int from = 0; from < all.size(); from += batch) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + batch));
                cancels.add(() -> {
                    m.cancelAllOf(chunk);
                    return chunk.size();
                });
                what.add(m.name() + " " + chunk);
            }
        });
        if (cancels.isEmpty()) {
            return 0;
        }
        Duration budget = deadline.remaining().multipliedBy(2).dividedBy(3);
        List<OrderCalls.Outcome<Integer>> outcomes = calls.runAll(cancels, budget);
        int answered = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            OrderCalls.Outcome<Integer> o = outcomes.get(i);
            if (o.succeeded()) {
                answered += o.value();
            } else if (o.failure() != null) {
                LOG.warn("[{}] cancel {} failed: {}", instanceId, what.get(i), o.failure().getMessage());
            } else if (o.abandoned()) {
                LOG.warn("[{}] cancel {}: no answer within {} ms, abandoned", instanceId, what.get(i),
                        budget.toMillis());
            } else {
                LOG.warn("[{}] cancel {}: not sent, no time left", instanceId, what.get(i));
            }
        }
        return answered;
    }

    /**
     * Asks each market's venue which of our orders it lists; settles the answered cancels against it and sets
     * what the next round cancels. A market whose listing cannot be read keeps everything it tracks.
     */
    private Verification verify(List<Market> touched, Map<Market, Set<String>> toCancel) {
        Set<String> open = new LinkedHashSet<>();
        List<String> unverified = new ArrayList<>();
        for (Market m : touched) {
            try {
                List<String> listed = m.ownOrdersAtVenue().stream().map(OpenOrder::clientOrderId).toList();
                m.confirmAgainst(listed);
                open.addAll(listed);
                toCancel.put(m, new LinkedHashSet<>(listed));
            } catch (RuntimeException queryFailed) {
                LOG.warn("[{}] {}: open-orders query failed: {}", instanceId, m.name(), queryFailed.getMessage());
                Set<String> tracked = m.possiblyOpenIds();
                open.addAll(tracked);
                toCancel.put(m, tracked);
                unverified.add(m.name());
            }
        }
        return new Verification(open, unverified);
    }
}
