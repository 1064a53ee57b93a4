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
 * A gateway that hands every call to another one, for wrappers that change one or two behaviours (how fills
 * are delivered, what a test venue shows). Calls run on the caller's thread; thread-safety and blocking are
 * the wrapped gateway's. Closing it closes the wrapped gateway.
 */
public abstract class ForwardingGateway implements ExchangeGateway {
    private final ExchangeGateway delegate;

    protected ForwardingGateway(ExchangeGateway delegate) {
        this.delegate = delegate;
    }

    protected final ExchangeGateway delegate() {
        return delegate;
    }

    @Override
    public String venue() {
        return delegate.venue();
    }

    @Override
    public Instrument instrument(String symbol) {
        return delegate.instrument(symbol);
    }

    @Override
    public void subscribe(String symbol, ExchangeListener listener) {
        delegate.subscribe(symbol, listener);
    }

    @Override
    public BookTop bookTop(String symbol) {
        return delegate.bookTop(symbol);
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        return delegate.orderBook(symbol, depth);
    }

    @Override
    public PlaceResult place(OrderRequest request) {
        return delegate.place(request);
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        return delegate.cancel(symbol, clientOrderId);
    }

    @Override
    public int cancelOrders(String symbol, Collection<String> clientOrderIds) {
        return delegate.cancelOrders(symbol, clientOrderIds);
    }

    @Override
    public int cancelAll(String symbol) {
        return delegate.cancelAll(symbol);
    }

    @Override
    public List<OpenOrder> openOrders(String symbol) {
        return delegate.openOrders(symbol);
    }

    @Override
    public List<Balance> balances() {
        return delegate.balances();
    }

    @Override
    public List<Position> positions() {
        return delegate.positions();
    }

    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        return delegate.fillsSince(symbol, since);
    }

    @Override
    public Optional<OrderState> order(String symbol, String clientOrderId) {
        return delegate.order(symbol, clientOrderId);
    }

    @Override
    public void setLeverage(String symbol, int leverage) {
        delegate.setLeverage(symbol, leverage);
    }

    @Override
    public int cancelBatchSize() {
        return delegate.cancelBatchSize();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
