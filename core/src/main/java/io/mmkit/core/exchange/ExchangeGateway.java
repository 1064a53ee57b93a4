package io.mmkit.core.exchange;

import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The port a venue implements: market data, order entry and account state for one account.
 *
 * <p>Every method may block on network I/O and is bounded by the venue client's call timeout. Business
 * outcomes are values ({@link PlaceResult}, {@link CancelResult}); transport, authentication and
 * venue failures are {@link ExchangeException}s, mapped in exactly one place per venue. No
 * {@link java.io.IOException} leaves an implementation.
 *
 * <p>Implementations are thread-safe: the strategy thread calls them, and the shutdown sequence may call
 * them from a deadline-bounded worker thread while an abandoned call is still in flight.
 */
public interface ExchangeGateway extends AutoCloseable {

    /** A short venue name for logs and the store, e.g. {@code backpack}, {@code binance}, {@code simulated}. */
    String venue();

    /** Loads a market's rules (tick, lot, minimums). */
    Instrument instrument(String symbol);

    /**
     * Starts market data and the private stream for {@code symbol}. Events are delivered to
     * {@code listener} from the venue's own threads; the listener must only enqueue.
     */
    void subscribe(String symbol, ExchangeListener listener);

    /** The freshest best bid/ask: from the stream when it is live, else from REST. */
    BookTop bookTop(String symbol);

    /** An L2 snapshot of at most {@code depth} levels a side. */
    OrderBook orderBook(String symbol, int depth);

    /** Places one order. Idempotent by client order id where the venue allows it. */
    PlaceResult place(OrderRequest request);

    /** Cancels one order by its client order id. */
    CancelResult cancel(String symbol, String clientOrderId);

    /**
     * Cancels the given orders, in one request where the venue has a batch cancel, else one by one.
     *
     * @return how many the venue confirmed cancelled
     */
    default int cancelOrders(String symbol, Collection<String> clientOrderIds) {
        int cancelled = 0;
        for (String id : clientOrderIds) {
            if (cancel(symbol, id) == CancelResult.CANCELLED) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * How many client ids {@link #cancelOrders} sends in one request: 1 (the default) where the venue cancels one
     * order a request. The engine sends that many ids per call and runs a few calls at once, so one cancel that
     * hangs does not hold up the others.
     */
    default int cancelBatchSize() {
        return 1;
    }

    /**
     * Cancels every open order on {@code symbol}, including other programs' orders on the same account.
     * The engine never calls it on its own; it cancels only orders carrying its instance prefix.
     */
    int cancelAll(String symbol);

    /** Every open order on {@code symbol} for this account. */
    List<OpenOrder> openOrders(String symbol);

    List<Balance> balances();

    /** Open perpetual positions; empty on a spot-only venue. */
    List<Position> positions();

    /** Our fills on {@code symbol} at or after {@code since}: the REST fallback when the private stream is down. */
    List<Fill> fillsSince(String symbol, Instant since);

    /**
     * The venue's record of one of our orders by its client id, resting or not (filled, cancelled, expired): how a
     * restart settles the orders an earlier run left open. Blocks on REST.
     *
     * <p>Empty means <em>unknown</em>: the venue does not know the id, or this gateway cannot look past its open
     * orders. The default answers from {@link #openOrders} alone, so it knows resting orders only; a caller must
     * never read empty as cancelled.
     */
    default Optional<OrderState> order(String symbol, String clientOrderId) {
        for (OpenOrder o : openOrders(symbol)) {
            if (clientOrderId.equals(o.clientOrderId())) {
                return Optional.of(OrderState.resting(o));
            }
        }
        return Optional.empty();
    }

    /** Sets the leverage used for new perpetual orders on {@code symbol}. */
    default void setLeverage(String symbol, int leverage) {
        throw new UnsupportedOperationException(venue() + " has no leverage setting");
    }

    /** Stops streams and releases connections. Idempotent; never throws. */
    @Override
    void close();
}
