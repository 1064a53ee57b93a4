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
     * Records a fill. Idempotent by {@code fillId}: the same fill recorded twice is kept once.
     *
     * @return true if the fill was new
     */
    boolean fill(Fill fill);

    /** Our fills on {@code symbol} at or after {@code since}, oldest first. */
    List<Fill> fills(String symbol, Instant since);

    /** The statistics row for one day and symbol, if one was saved. */
    Optional<DailyStats> dailyStats(LocalDate day, String symbol);

    /** Inserts or replaces the statistics row for its day and symbol. */
    void saveDailyStats(DailyStats stats);

    /** Client order ids whose last recorded status is still open. */
    List<String> openOrderIds(String symbol);

    /** Closes the connection pool. Idempotent. */
    @Override
    void close();
}
