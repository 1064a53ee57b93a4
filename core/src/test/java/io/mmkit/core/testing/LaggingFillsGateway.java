package io.mmkit.core.testing;

import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.exchange.ForwardingGateway;
import io.mmkit.core.model.Fill;
import io.mmkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A venue whose private stream is down and whose fill history lags: fills reach the engine only by REST
 * polling, and only once they are {@code lag} old. Wraps another gateway (usually the simulated exchange).
 */
public final class LaggingFillsGateway extends ForwardingGateway {
    private final TimeSource time;
    private final Duration lag;

    public LaggingFillsGateway(ExchangeGateway venue, TimeSource time, Duration lag) {
        super(venue);
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
        return delegate().fillsSince(symbol, since).stream().filter(f -> !f.time().isAfter(visible)).toList();
    }
}
