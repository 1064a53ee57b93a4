package io.mmkit.exchange.ws;

import java.time.Duration;
import java.util.Objects;

/**
 * How a gateway runs its streams.
 *
 * @param staleAfter market data received longer ago than this is never quoted from; REST is asked instead
 * @param fillPollInterval REST fill polling period while the private stream is down
 * @param pingInterval WebSocket ping period (a missing pong fails the socket)
 * @param silenceTimeout a socket with no message for this long is reconnected
 * @param reconnectBase first reconnect delay; doubles per failure, with jitter
 * @param reconnectMax cap on one reconnect delay
 * @param enabled false for REST-only mode (config {@code "streams": false}): {@code subscribe} opens no socket
 *     and starts no thread, reports the private stream down once, and the caller polls fills itself. For
 *     venues or mocks without WebSockets, such as the backtest's simulated venue served over HTTP
 */
public record StreamSettings(Duration staleAfter, Duration fillPollInterval, Duration pingInterval,
                             Duration silenceTimeout, Duration reconnectBase, Duration reconnectMax,
                             boolean enabled) {
    /** Streams on. */
    public StreamSettings(Duration staleAfter, Duration fillPollInterval, Duration pingInterval,
                          Duration silenceTimeout, Duration reconnectBase, Duration reconnectMax) {
        this(staleAfter, fillPollInterval, pingInterval, silenceTimeout, reconnectBase, reconnectMax, true);
    }

    public StreamSettings {
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(fillPollInterval, "fillPollInterval");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(silenceTimeout, "silenceTimeout");
        Objects.requireNonNull(reconnectBase, "reconnectBase");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
    }

    /** 5 s staleness, 2 s fill polling, 15 s pings, 60 s silence, reconnects 250 ms .. 30 s. */
    public static StreamSettings defaults() {
        return new StreamSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(15),
                Duration.ofSeconds(60), Duration.ofMillis(250), Duration.ofSeconds(30));
    }

    public StreamSettings withStaleAfter(Duration d) {
        return new StreamSettings(d, fillPollInterval, pingInterval, silenceTimeout, reconnectBase, reconnectMax,
                enabled);
    }

    public StreamSettings withReconnect(Duration base, Duration max) {
        return new StreamSettings(staleAfter, fillPollInterval, pingInterval, silenceTimeout, base, max, enabled);
    }

    public StreamSettings withFillPollInterval(Duration d) {
        return new StreamSettings(staleAfter, d, pingInterval, silenceTimeout, reconnectBase, reconnectMax,
                enabled);
    }

    /** Streams on, or REST-only when {@code on} is false (see {@link #enabled()}). */
    public StreamSettings withEnabled(boolean on) {
        return new StreamSettings(staleAfter, fillPollInterval, pingInterval, silenceTimeout, reconnectBase,
                reconnectMax, on);
    }
}
