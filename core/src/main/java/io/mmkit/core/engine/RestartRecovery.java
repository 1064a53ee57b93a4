package io.mmkit.core.engine;

import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.store.RecordedOrder;
import io.mmkit.core.store.TradeStore;
import io.mmkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles at start what an earlier run of this instance left behind (a crash, {@code kill -9}, a failed
 * shutdown), so that the store and the strategy start from what the venue says, not from what the earlier run
 * last believed (DESIGN.md §9).
 *
 * <ol>
 *   <li><b>Fills made while we were down</b> are fetched from the venue's history from the last fill the store
 *       holds (less {@link EngineSettings#fillPollInterval()} of overlap; the store drops duplicates), or, with no
 *       fill yet, from the earlier run's start. They are queued in the fill inbox, so the loop books them (store,
 *       ledger, statistics) and hands each to the strategy's {@code onFill} <em>after</em> {@code onStart} and
 *       before its first quotes: a grid turns a level that filled while we were down into its counter order
 *       instead of placing the filled level again.</li>
 *   <li><b>Every order the store holds open</b> (NEW, PARTIALLY_FILLED, UNKNOWN) is looked up at the venue by
 *       client id: filled, cancelled or rejected there, it is recorded so; still resting, it is cancelled as an
 *       orphan and recorded cancelled only once the venue confirms the cancel. One the venue cannot tell us about
 *       stays UNKNOWN (never CANCELLED) and is tried again at the next start.</li>
 * </ol>
 *
 * <p>Runs once, on the strategy thread, after the markets are loaded and subscribed and before the engine's own
 * orphan sweep. Blocks on REST: one fill-history call per market and one lookup per open order. A venue failure
 * propagates, failing the start: quoting without knowing what traded could re-place what already filled.
 */
final class RestartRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(RestartRecovery.class);

    private final String instanceId;
    private final Duration overlap;
    private final TradeStore store;
    private final TimeSource time;
    private final FillInbox inbox;

    RestartRecovery(EngineSettings settings, TradeStore store, TimeSource time, FillInbox inbox) {
        this.instanceId = settings.instanceId();
        this.overlap = settings.fillPollInterval();
        this.store = store;
        this.time = time;
        this.inbox = inbox;
    }

    /** Records this run's start, then settles each market in turn. */
    void run(Collection<Market> markets) {
        Optional<Instant> earlierRun = store.recordRunStart(time.now());
        for (Market m : markets) {
            recover(m, earlierRun);
        }
    }

    private void recover(Market m, Optional<Instant> earlierRun) {
        List<RecordedOrder> open = store.openOrders(m.symbol());
        Optional<Instant> since = fillWindowStart(m, earlierRun, open);
        int fills = 0;
        if (since.isPresent()) {
            List<Fill> recovered = m.gateway().fillsSince(m.symbol(), since.get()).stream()
                    .sorted(Comparator.comparing(Fill::time)).toList();
            recovered.forEach(f -> inbox.add(m, f));
            fills = recovered.size();
        }
        int settled = 0;
        for (RecordedOrder order : open) {
            if (settle(m, order)) {
                settled++;
            }
        }
        if (since.isPresent() || !open.isEmpty()) {
            LOG.info("[{}] {}: restart recovery: {} fill(s) at the venue since {} queued for booking; {} of {} order(s)"
                            + " left open by an earlier run settled", instanceId, m.name(), fills,
                    since.map(Instant::toString).orElse("-"), settled, open.size());
        }
    }

    /**
     * From the last fill we hold (less the overlap), else the earlier run's start, else the oldest open order;
     * empty when this instance never ran here.
     */
    private Optional<Instant> fillWindowStart(Market m, Optional<Instant> earlierRun, List<RecordedOrder> open) {
        Optional<Instant> lastFill = store.lastFillTime(m.venue(), m.symbol());
        if (lastFill.isPresent()) {
            return Optional.of(lastFill.get().minus(overlap));
        }
        Optional<Instant> oldestOpen = open.stream().map(RecordedOrder::createdAt).min(Comparator.naturalOrder());
        if (earlierRun.isPresent() && oldestOpen.isPresent()) {
            return Optional.of(earlierRun.get().isBefore(oldestOpen.get()) ? earlierRun.get() : oldestOpen.get());
        }
        return earlierRun.isPresent() ? earlierRun : oldestOpen;
    }

    /** @return whether the order left the open statuses */
    private boolean settle(Market m, RecordedOrder order) {
        String id = order.clientOrderId();
        Optional<OrderState> state = m.gateway().order(m.symbol(), id);
        if (state.isPresent() && state.get().status().rests()) {
            return cancelOrphan(m, order, state.get());
        }
        OrderStatus status = state.map(OrderFate::status).orElse(OrderStatus.UNKNOWN);
        store.orderStatus(id, status, time.now());
        if (status == OrderStatus.UNKNOWN) {
            LOG.warn("[{}] {}: order {} ({} {} @ {}, {}) left by an earlier run is unknown to the venue; kept UNKNOWN,"
                            + " its fills (if any) are booked from the fill history", instanceId, m.name(), id,
                    order.side(), order.quantity().toPlainString(), price(order), order.status());
            return false;
        }
        LOG.info("[{}] {}: order {} ({} {} @ {}) left by an earlier run: {} at the venue (filled {})", instanceId,
                m.name(), id, order.side(), order.quantity().toPlainString(), price(order), status,
                state.get().filledQuantity().toPlainString());
        return true;
    }

    private boolean cancelOrphan(Market m, RecordedOrder order, OrderState resting) {
        String id = order.clientOrderId();
        CancelResult result = m.gateway().cancel(m.symbol(), id);
        // Recorded from the venue's answer only: a cancel it did not confirm may have lost a race with a fill.
        OrderStatus status = result == CancelResult.CANCELLED
                ? OrderStatus.CANCELLED
                : OrderFate.lookUp(m.gateway(), m.symbol(), id);
        if (status.isOpen() && status != OrderStatus.UNKNOWN) {
            LOG.warn("[{}] {}: orphan {} left by an earlier run still rests after a cancel ({}); the orphan sweep"
                    + " tries again", instanceId, m.name(), id, result);
            return false;
        }
        store.orderStatus(id, status, time.now());
        LOG.info("[{}] {}: orphan {} ({} {} @ {}, filled {}) left by an earlier run cancelled: {}", instanceId,
                m.name(), id, order.side(), order.quantity().toPlainString(), price(order),
                resting.filledQuantity().toPlainString(), status);
        return status != OrderStatus.UNKNOWN;
    }

    private static String price(RecordedOrder order) {
        return order.price() == null ? "market" : order.price().toPlainString();
    }
}
