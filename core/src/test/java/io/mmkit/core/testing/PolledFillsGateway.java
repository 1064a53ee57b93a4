package io.mmkit.core.testing;

import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A venue whose private stream is down and whose fill history lags: fills reach the engine only by REST
 * polling, and only once they are {@code lag} old. Wraps another gateway (usually the simulated exchange).
 */
public final class PolledFillsGateway implements ExchangeGateway {
    private final ExchangeGateway venue;
    private final TimeSource time;
    private final Duration lag;

    public PolledFillsGateway(ExchangeGateway venue, TimeSource time, Duration lag) {
        this.venue = venue;
        this.time = time;
        this.lag = lag;
    }

    @Override
    public void subscribe(String symbol, ExchangeListener listener) {
        listener.onConnectionState(false); // no stream: the engine polls
    }

    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        Instant visible = time.now().minus(lag);
        return venue.fillsSince(symbol, since).stream().filter(f -> !f.time().isAfter(visible)).toList();
    }

    @Override
    public String venue() {
        return venue.venue();
    }

    @Override
    public Instrument instrument(String symbol) {
        return venue.instrument(symbol);
    }

    @Override
    public BookTop bookTop(String symbol) {
        return venue.bookTop(symbol);
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        return venue.orderBook(symbol, depth);
    }

    @Override
    public PlaceResult place(OrderRequest request) {
        return venue.place(request);
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        return venue.cancel(symbol, clientOrderId);
    }

    @Override
    public int cancelOrders(String symbol, Collection<String> clientOrderIds) {
        return venue.cancelOrders(symbol, clientOrderIds);
    }

    @Override
    public int cancelAll(String symbol) {
        return venue.cancelAll(symbol);
    }

    @Override
    public List<OpenOrder> openOrders(String symbol) {
        return venue.openOrders(symbol);
    }

    @Override
    public List<Balance> balances() {
        return venue.balances();
    }

    @Override
    public List<Position> positions() {
        return venue.positions();
    }

    @Override
    public void setLeverage(String symbol, int leverage) {
        venue.setLeverage(symbol, leverage);
    }

    @Override
    public void close() {
        venue.close();
    }
}
