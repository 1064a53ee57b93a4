package io.mmkit.backtest;

import io.mmkit.backtest.engine.BacktestExchange;
import io.mmkit.core.exchange.ExchangeGateway;

/**
 * The gateway a backtest's strategy talks to: the engine itself (in process), or the real venue client pointed
 * at the engine served over HTTP. Closing it stops the HTTP server, if any; the engine stays readable.
 */
interface VenueConnection extends AutoCloseable {

    ExchangeGateway gateway();

    @Override
    void close();

    static VenueConnection open(VenuePath path, BacktestExchange exchange) {
        if (path == VenuePath.IN_PROCESS) {
            return new VenueConnection() {
                @Override
                public ExchangeGateway gateway() {
                    return exchange;
                }

                @Override
                public void close() {
                    // The engine is closed by the strategy's shutdown; nothing else to stop.
                }
            };
        }
        throw new UnsupportedOperationException(
                "--path http is not wired to the Backpack client yet (see backtest/README.md, The HTTP path); use in-process");
    }
}
