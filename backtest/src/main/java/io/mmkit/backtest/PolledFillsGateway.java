package io.mmkit.backtest;

import io.mmkit.sim.BacktestExchange;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.exchange.ForwardingGateway;

/**
 * The engine in process, but seen the way the REST-only venue client sees it: {@link #subscribe} registers no
 * listener and reports the fill stream down, so the strategy polls {@code fillsSince} at every iteration, on
 * its own thread. This is what makes an in-process run match an HTTP run fill for fill. Every other call goes
 * straight to the engine, on the caller's thread; thread-safety is the engine's.
 */
final class PolledFillsGateway extends ForwardingGateway {
    PolledFillsGateway(BacktestExchange exchange) {
        super(exchange);
    }

    /** Reports the stream down on the calling thread; nothing is ever pushed. */
    @Override
    public void subscribe(String symbol, ExchangeListener listener) {
        delegate().instrument(symbol);
        listener.onConnectionState(false);
    }
}
