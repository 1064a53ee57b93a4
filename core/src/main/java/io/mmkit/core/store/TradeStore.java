package io.mmkit.core.store;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OrderRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where an instance's orders, fills and per-day statistics are kept. One store (one SQLite file) per
 * instance id. Calls block on local disk I/O only; the store is used from the strategy thread and from
 * the shutdown sequence, never concurrently. Decimals are kept exactly (TEXT in SQLite). Secrets never
 * reach it: nothing here carries a key.
 */
public interface TradeStore extends AutoCloseable {

    /** Records a placement we sent, with the venue's order id when it accepted (else {@code null}). */
    void orderPlaced(OrderRequest request, String orderId, OrderStatus status, Instant at);

    /** Records a later status of one of our orders (cancelled, filled, rejected...). */
    void orderStatus(String clientOrderId, OrderStatus status, Instant at);

    /**
     * Records a fill of {@code venue}'s account. Idempotent by venue, symbol and {@code fillId} (fill ids are unique
     * per venue account and market): the same fill recorded twice is kept once. A second fill under a known id
     * but with different content is not stored and is logged as a warning: the venue (or a bug) reused an id.
     *
     * @param venue the gateway's {@link io.mmkit.core.exchange.ExchangeGateway#venue()} name
     * @return true if the fill was new
     */
    boolean fill(String venue, Fill fill);

    /** {@link #fill(String, Fill)} for a store that holds one venue's fills (tests, backtests). */
    default boolean fill(Fill fill) {
        return fill("", fill);
    }

    /**
     * When the newest fill recorded on {@code symbol} for {@code venue} happened: where a fill poll or a restart
     * starts looking for fills it may have missed. Fills recorded before venues were (an empty venue) count.
     */
    Optional<Instant> lastFillTime(String venue, String symbol);

    /** Our fills on {@code symbol} at or after {@code since}, oldest first. */
    List<Fill> fills(String symbol, Instant since);

    /** The statistics row for one day and symbol, if one was saved. */
    Optional<DailyStats> dailyStats(LocalDate day, String symbol);

    /** Inserts or replaces the statistics row for its day and symbol. */
    void saveDailyStats(DailyStats stats);

    /** Client order ids whose last recorded status is still open. */
    List<String> openOrderIds(String symbol);

    /** One of our orders as last recorded, if the store ever saw it placed. */
    Optional<RecordedOrder> order(String clientOrderId);

    /** Our orders on {@code symbol} whose last recorded status is still open, oldest placement first. */
    List<RecordedOrder> openOrders(String symbol);

    /**
     * Records that a run of this instance starts at {@code at}.
     *
     * @return when the run before it started; empty on the first run
     */
    Optional<Instant> recordRunStart(Instant at);

    /**
     * Records a fact about this instance that readers of the store (status, reports) need, e.g.
     * {@code mode = paper}: a paper run's store must say it never traded for real. Replaces an earlier value.
     */
    void describeInstance(String key, String value, Instant at);

    /** The value {@link #describeInstance} last recorded for {@code key}. */
    Optional<String> instanceDescription(String key);

    /** Closes the connection pool. Idempotent. */
    @Override
    void close();
}
