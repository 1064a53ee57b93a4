package io.mmkit.run.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.Balance;
import io.mmkit.core.store.TradeStore;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.VenueObserver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything an operator sees of one running bot, wired in one place: the metrics registry, the gateways wrapped
 * for call timing and stream state, the status snapshot, the health verdicts and the HTTP endpoint, and the
 * {@code endpoint.properties} file in the daemon's instance directory. Created before the venues open
 * ({@link #observe}), attached to the maker before it runs ({@link #attach}), closed after it has ended.
 */
public final class BotOps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("mmkit");
    private static final Duration BALANCES_MAX_AGE = Duration.ofSeconds(10);

    private final String instanceId;
    private final String strategy;
    private final String symbol;
    private final Duration interval;
    private final EndpointSettings settings;
    private final Map<String, String> env;
    private final TimeSource time;
    private final LongSupplier nanoClock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final VenueMetrics venueMetrics = new VenueMetrics(registry);
    private final List<ObservedGateway> gateways = new ArrayList<>();
    private StatusPublisher status;
    private OpsServer server;
    private Path instanceDir;
    private Balances balances;

    public BotOps(String instanceId, String strategy, String symbol, Duration interval, EndpointSettings settings,
                  Map<String, String> env, TimeSource time) {
        this(instanceId, strategy, symbol, interval, settings, env, time, System::nanoTime);
    }

    /** @param nanoClock monotonic time for the liveness check: {@code System::nanoTime}, or a test's manual clock */
    public BotOps(String instanceId, String strategy, String symbol, Duration interval, EndpointSettings settings,
                  Map<String, String> env, TimeSource time, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.instanceId = instanceId;
        this.strategy = strategy;
        this.symbol = symbol;
        this.interval = interval;
        this.settings = settings;
        this.env = env;
        this.time = time;
        registry.config().commonTags("instance", instanceId);
    }

    /** Where the venue clients report their REST and stream traffic. */
    public VenueObserver venueObserver() {
        return venueMetrics;
    }

    /** The gateway the engine should use: {@code gateway}, timed and watched. The first one given is the primary. */
    public ExchangeGateway observe(ExchangeGateway gateway) {
        ObservedGateway observed = new ObservedGateway(gateway, registry);
        gateways.add(observed);
        return observed;
    }

    /**
     * Registers the observers on {@code maker} and starts the endpoint (unless {@code http.enabled} is false).
     *
     * @param stop what {@code POST /api/stop} runs: the same as a SIGTERM
     * @throws IllegalStateException when the configured port cannot be bound; nothing has run yet
     */
    public void attach(MarketMaker maker, TradeStore store, Runnable stop) {
        String venue = gateways.isEmpty() ? "?" : gateways.get(0).venue();
        status = new StatusPublisher(instanceId, strategy, venue, symbol, time, nanoClock, store);
        maker.addObserver(status);
        maker.addObserver(new EngineMetrics(registry, status, nanoClock));
        Gauge.builder("mmkit.info", () -> 1).tags("strategy", strategy, "venue", venue, "symbol", symbol)
                .register(registry);
        if (!settings.enabled()) {
            LOG.info("[{}] http endpoint off (http.enabled: false)", instanceId);
            return;
        }
        balances = new Balances(gateways.isEmpty() ? null : gateways.get(0));
        Health health = new Health(status, gateways, interval, settings.livenessIntervals(), nanoClock);
        server = OpsServer.start(settings, health, registry, this::statusBody, stop, env.get(OpsServer.TOKEN_ENV));
        String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
        String url = "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + server.port();
        LOG.info("[{}] http endpoint on {} (/health /health/ready /metrics /api/status{})", instanceId, url,
                env.get(OpsServer.TOKEN_ENV) == null ? "; POST /api/stop off: no " + OpsServer.TOKEN_ENV : " POST /api/stop");
        Optional<Path> dir = EndpointFile.instanceDir(env);
        if (dir.isPresent()) {
            try {
                new EndpointFile(url, server.port(), settings.bind(), ProcessHandle.current().pid(),
                        time.now().toString()).write(dir.get());
                instanceDir = dir.get();
            } catch (IOException e) {
                LOG.warn("[{}] could not write {} in {}: {}", instanceId, EndpointFile.NAME, dir.get(), e.toString());
            }
        }
    }

    /** The status snapshot (for tests and in-process callers); null before {@link #attach}. */
    public StatusPublisher status() {
        return status;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The bound port, or -1 when the endpoint is off or not started. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    private Object statusBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.current());
        body.put("pid", ProcessHandle.current().pid());
        body.put("balances", balances.get());
        return body;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (instanceDir != null) {
            EndpointFile.delete(instanceDir);
        }
    }

    /** The primary venue's balances, asked on an HTTP thread at most every ten seconds. */
    private final class Balances {
        private final ExchangeGateway gateway;
        private Instant readAt;
        private Map<String, Object> last;

        Balances(ExchangeGateway gateway) {
            this.gateway = gateway;
        }

        synchronized Map<String, Object> get() {
            Instant now = time.now();
            if (gateway == null || (readAt != null && Duration.between(readAt, now).compareTo(BALANCES_MAX_AGE) < 0)) {
                return last;
            }
            Map<String, Object> next = new LinkedHashMap<>();
            try {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Balance b : gateway.balances()) {
                    rows.add(Map.of("asset", b.asset(), "free", b.free(), "locked", b.locked()));
                }
                next.put("assets", rows);
            } catch (RuntimeException e) {
                next.put("error", e.getMessage());
                if (last != null) {
                    next.put("assets", last.get("assets"));
                }
            }
            next.put("at", now.toString());
            readAt = now;
            last = next;
            return last;
        }
    }
}
