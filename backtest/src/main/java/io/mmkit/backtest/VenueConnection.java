package io.mmkit.backtest;

import io.mmkit.sim.BacktestExchange;
import io.mmkit.backtest.http.BackpackOverHttp;
import io.mmkit.core.exchange.ExchangeGateway;

/**
 * The gateway a backtest's strategy talks to: the engine itself (in process, fills pushed), the engine with
 * polled fills (in process, as the HTTP path sees it), or the real Backpack client pointed at the engine served
 * over HTTP. Closing it stops the HTTP server, if any; the engine stays readable.
 */
interface VenueConnection extends AutoCloseable {

    ExchangeGateway gateway();

    @Override
    void close();

    /** Blocks until an HTTP server, if any, listens. The caller closes the connection after the run. */
    static VenueConnection open(VenuePath path, FillDelivery delivery, BacktestExchange exchange) {
        if (path == VenuePath.HTTP) {
            BackpackOverHttp http = BackpackOverHttp.open(exchange);
            return new VenueConnection() {
                @Override
                public ExchangeGateway gateway() {
                    return http.gateway();
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        }
        ExchangeGateway gateway = delivery == FillDelivery.POLLED ? new PolledFillsGateway(exchange) : exchange;
        return new VenueConnection() {
            @Override
            public ExchangeGateway gateway() {
                return gateway;
            }

            @Override
            public void close() {
                // The engine is closed by the strategy's shutdown; nothing else to stop.
            }
        };
    }
}
