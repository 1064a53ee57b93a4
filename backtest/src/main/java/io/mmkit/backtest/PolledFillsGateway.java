package io.mmkit.backtest;

import io.mmkit.backtest.engine.BacktestExchange;
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
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The engine in process, but seen the way the REST-only venue client sees it: {@link #subscribe} registers no
 * listener and reports the fill stream down, so the strategy polls {@link #fillsSince} at every iteration, on
 * its own thread. This is what makes an in-process run match an HTTP run fill for fill. Every other call goes
 * straight to the engine, on the caller's thread; thread-safety is the engine's.
 */
final class PolledFillsGateway implements ExchangeGateway {
    private final BacktestExchange exchange;

    PolledFillsGateway(BacktestExchange exchange) {
        this.exchange = exchange;
    }

    /** Reports the stream down on the calling thread; nothing is ever pushed. */
    @Override
    public void subscribe(String symbol, ExchangeListener listener) {
        exchange.instrument(symbol);
        listener.onConnectionState(false);
    }

    @Override
    public String venue() {
        return exchange.venue();
    }

    @Override
    public Instrument instrument(String symbol) {
        return exchange.instrument(symbol);
    }

    @Override
    public BookTop bookTop(String symbol) {
        return exchange.bookTop(symbol);
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        return exchange.orderBook(symbol, depth);
    }

    @Override
    public PlaceResult place(OrderRequest request) {
        return exchange.place(request);
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        return exchange.cancel(symbol, clientOrderId);
    }

    @Override
    public int cancelOrders(String symbol, Collection<String> clientOrderIds) {
        return exchange.cancelOrders(symbol, clientOrderIds);
    }

    @Override
    public int cancelAll(String symbol) {
        return exchange.cancelAll(symbol);
    }

    @Override
    public List<OpenOrder> openOrders(String symbol) {
        return exchange.openOrders(symbol);
    }

    @Override
    public List<Balance> balances() {
        return exchange.balances();
    }

    @Override
    public List<Position> positions() {
        return exchange.positions();
    }

    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        return exchange.fillsSince(symbol, since);
    }

    @Override
    public void setLeverage(String symbol, int leverage) {
        exchange.setLeverage(symbol, leverage);
    }

    @Override
    public void close() {
        exchange.close();
    }
}
