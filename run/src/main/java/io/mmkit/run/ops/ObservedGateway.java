package io.mmkit.run.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.exchange.ForwardingGateway;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A bot's gateway as the operator sees it: every call the engine makes is timed by name and outcome
 * ({@code mmkit_gateway_call_seconds{venue,call,outcome}}, for any venue, the embedded simulator included), and
 * the private stream's up/down reports are watched for {@code /health/ready}. Behaviour is otherwise the wrapped
 * gateway's; thread-safe as it is.
 */
public final class ObservedGateway extends ForwardingGateway {
    private final MeterRegistry registry;
    private volatile Boolean privateStreamUp;

    public ObservedGateway(ExchangeGateway delegate, MeterRegistry registry) {
        super(delegate);
        this.registry = registry;
    }

    /** What the venue last said of its private stream: true up, false down, null never reported. */
    public Boolean privateStreamUp() {
        return privateStreamUp;
    }

    @Override
    public void subscribe(String symbol, ExchangeListener listener) {
        delegate().subscribe(symbol, new ExchangeListener() {
            @Override
            public void onFill(Fill fill) {
                listener.onFill(fill);
            }

            @Override
            public void onBookTop(BookTop top) {
                listener.onBookTop(top);
            }

            @Override
            public void onTrade(io.mmkit.core.model.Trade trade) {
                listener.onTrade(trade);
            }

            @Override
            public void onConnectionState(boolean connected) {
                privateStreamUp = connected;
                listener.onConnectionState(connected);
            }
        });
    }

    @Override
    public BookTop bookTop(String symbol) {
        return timed("book_top", () -> delegate().bookTop(symbol));
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        return timed("order_book", () -> delegate().orderBook(symbol, depth));
    }

    @Override
    public PlaceResult place(OrderRequest request) {
        return timed("place", () -> delegate().place(request));
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        return timed("cancel", () -> delegate().cancel(symbol, clientOrderId));
    }

    @Override
    public int cancelOrders(String symbol, Collection<String> clientOrderIds) {
        return timed("cancel_orders", () -> delegate().cancelOrders(symbol, clientOrderIds));
    }

    @Override
    public int cancelAll(String symbol) {
        return timed("cancel_all", () -> delegate().cancelAll(symbol));
    }

    @Override
    public List<OpenOrder> openOrders(String symbol) {
        return timed("open_orders", () -> delegate().openOrders(symbol));
    }

    @Override
    public List<Balance> balances() {
        return timed("balances", () -> delegate().balances());
    }

    @Override
    public List<Position> positions() {
        return timed("positions", () -> delegate().positions());
    }

    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        return timed("fills_since", () -> delegate().fillsSince(symbol, since));
    }

    private <T> T timed(String call, Supplier<T> body) {
        long began = System.nanoTime();
        String outcome = "error";
        try {
            T result = body.get();
            outcome = result instanceof PlaceResult.Rejected ? "rejected" : "ok";
            return result;
        } finally {
            Timer.builder("mmkit.gateway.call").description("One gateway call the engine made, any venue")
                    .tags("venue", venue(), "call", call, "outcome", outcome)
                    .register(registry).record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
        }
    }
}
