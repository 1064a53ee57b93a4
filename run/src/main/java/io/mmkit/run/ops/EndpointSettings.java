package io.mmkit.run.ops;

import io.mmkit.core.config.StrategyParams;
import java.util.Objects;
import java.util.Set;

/**
 * The bot's own HTTP endpoint, config section {@code "http"}:
 *
 * <pre>{@code "http": {"port": 0, "bind": "127.0.0.1", "liveness_intervals": 5, "enabled": true}}</pre>
 *
 * <p>Every key is optional. Without the section the endpoint runs on {@code 127.0.0.1}, port 0 — an ephemeral
 * port, so several bots on one host never collide; the port actually bound is logged and written to the
 * instance's daemon files ({@code endpoint.properties}), where {@code mmkit status} and the dashboard find it.
 * A fixed port is for Kubernetes probes and Prometheus scrapes. {@code bind} is loopback by default: the stop
 * endpoint is token-protected, but status and metrics are not, so exposing them is a deliberate choice.
 *
 * @param livenessIntervals {@code /health} fails when the loop has not completed an iteration for this many
 *     configured intervals (at least 30 s, so that one slow venue call does not get a bot restarted)
 */
public record EndpointSettings(boolean enabled, String bind, int port, int livenessIntervals) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_LIVENESS_INTERVALS = 5;
    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "127.0.0.1", "::1");

    public EndpointSettings {
        Objects.requireNonNull(bind, "bind");
    }

    public static EndpointSettings defaults() {
        return new EndpointSettings(true, DEFAULT_BIND, 0, DEFAULT_LIVENESS_INTERVALS);
    }

    /** Reads and checks the section; a {@link io.mmkit.core.config.ConfigException} names the offending key. */
    public static EndpointSettings read(StrategyParams s) {
        boolean enabled = s.bool("enabled", true);
        String bind = s.string("bind", DEFAULT_BIND).trim();
        if (bind.isEmpty() || bind.contains("/") || bind.contains(" ")) {
            throw s.invalid("bind", "must be a host address such as 127.0.0.1 or 0.0.0.0, was \"" + bind + "\"");
        }
        int port = s.integer("port", 0);
        if (port < 0 || port > 65535) {
            throw s.invalid("port", "must be 0 (any free port) .. 65535, was " + port);
        }
        int intervals = s.integer("liveness_intervals", DEFAULT_LIVENESS_INTERVALS);
        if (intervals < 1) {
            throw s.invalid("liveness_intervals", "must be at least 1, was " + intervals);
        }
        s.requireAllRead();
        return new EndpointSettings(enabled, bind, port, intervals);
    }

    /** Whether only this host can reach the endpoint. */
    public boolean loopbackOnly() {
        return LOCAL_NAMES.contains(bind);
    }
}
