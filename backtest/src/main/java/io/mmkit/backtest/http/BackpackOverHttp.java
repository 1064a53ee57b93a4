package io.mmkit.backtest.http;

import io.mmkit.sim.BacktestExchange;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.MarketType;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.backpack.BackpackGateway;
import io.mmkit.exchange.http.HttpSettings;
import io.mmkit.exchange.ws.StreamSettings;
import java.util.Random;

/**
 * The full-stack backtest venue: the engine served over HTTP by a {@link SimulatedVenueServer}, and the real,
 * unchanged {@link BackpackGateway} pointed at it in REST-only mode.
 *
 * <p>What keeps the HTTP path identical to the in-process one, and the virtual clock in the strategy thread's
 * hands only:
 * <ul>
 *   <li>streams off: {@code subscribe} opens no socket and starts no thread, and reports the fill stream down,
 *       so the strategy polls its fills at every iteration on its own thread;</li>
 *   <li>no client-side rate limit and one attempt per call: the client never waits (on the virtual clock or
 *       otherwise) for a token or a retry; a failed call fails the iteration, visibly;</li>
 *   <li>dummy keys: the RFC 8032 test-1 ED25519 pair; the simulated venue checks no signature.</li>
 * </ul>
 *
 * <p>{@link #open} blocks until the server listens. The caller owns the result and closes it after the run:
 * that closes the gateway (idempotent; the strategy's shutdown has usually closed it already) and stops the
 * server. The engine stays readable.
 */
public final class BackpackOverHttp implements AutoCloseable {
    /** RFC 8032 section 7.1 test 1: base64 of the 32-byte ED25519 seed. Public test material, not a secret. */
    public static final String DUMMY_SECRET = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    /** RFC 8032 section 7.1 test 1: base64 of the public key of {@link #DUMMY_SECRET}. */
    public static final String DUMMY_API_KEY = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    private final SimulatedVenueServer server;
    private final BackpackGateway gateway;

    private BackpackOverHttp(SimulatedVenueServer server, BackpackGateway gateway) {
        this.server = server;
        this.gateway = gateway;
    }

    /**
     * Serves {@code exchange} on a free loopback port and opens the client on the exchange's virtual clock.
     * Blocks until the server listens; the client does no I/O until its first call.
     */
    public static BackpackOverHttp open(BacktestExchange exchange) {
        SimulatedVenueServer server = new SimulatedVenueServer(exchange);
        try {
            VenueConfig config = restOnlyConfig(server.baseUrl(), exchange.settings().instrument());
            BackpackGateway gateway = BackpackGateway.open(config, exchange.time(),
                    new Random(exchange.settings().seed()));
            return new BackpackOverHttp(server, gateway);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The client settings of a backtest: REST-only, no rate limit, a single attempt per call, the dummy keys.
     * The WebSocket URL is never used.
     */
    public static VenueConfig restOnlyConfig(String baseUrl, Instrument instrument) {
        HttpSettings http = HttpSettings.defaults();
        http = http.withRetries(1, http.baseBackoff(), http.maxBackoff()).withRateLimited(false);
        MarketType market = instrument.isPerpetual() ? MarketType.PERPETUAL : MarketType.SPOT;
        return new VenueConfig("backpack", market, baseUrl, baseUrl.replaceFirst("^http", "ws"), DUMMY_API_KEY,
                DUMMY_SECRET, 5_000, http, StreamSettings.defaults().withEnabled(false));
    }

    /** The real venue client: give it to the strategy. */
    public BackpackGateway gateway() {
        return gateway;
    }

    public SimulatedVenueServer server() {
        return server;
    }

    /** Closes the client, then stops the server. Idempotent. */
    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            server.close();
        }
    }
}
