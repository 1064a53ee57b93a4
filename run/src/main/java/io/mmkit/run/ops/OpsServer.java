package io.mmkit.run.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot's HTTP endpoint on the JDK's server: {@code GET /health} (liveness), {@code GET /health/ready}
 * (readiness), {@code GET /metrics} (Prometheus text), {@code GET /api/status} (JSON) and {@code POST /api/stop}
 * with {@code Authorization: Bearer <MMKIT_API_TOKEN>} — the same stop a SIGTERM asks for. Without a token in the
 * environment the stop endpoint refuses every request.
 *
 * <p>Requests run on a small pool of daemon threads of its own ({@code mmkit-http}); they only read immutable
 * snapshots and thread-safe meters, except {@code /api/status}, which may ask the venue for balances (cached).
 * {@link #close()} stops the server and its threads; idempotent.
 */
public final class OpsServer implements AutoCloseable {
    public static final String TOKEN_ENV = "MMKIT_API_TOKEN";
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService threads;
    private final ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private OpsServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Binds and starts the endpoint. Returns once it accepts connections.
     *
     * @param status the {@code /api/status} body, built on each request from immutable snapshots
     * @param stop what {@code POST /api/stop} runs: non-blocking, like a signal handler
     * @param token the bearer token {@code POST /api/stop} wants; null or blank refuses every stop request
     * @throws IllegalStateException naming {@code http.port} when the address cannot be bound
     */
    public static OpsServer start(EndpointSettings settings, Health health, PrometheusMeterRegistry metrics,
                                  Supplier<Object> status, Runnable stop, String token) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 16);
        } catch (BindException e) {
            throw new IllegalStateException("http.port " + settings.port() + " on " + settings.bind()
                    + ": cannot listen (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new IllegalStateException("http endpoint on " + settings.bind() + ":" + settings.port() + ": " + e, e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mmkit-http");
            t.setDaemon(true);
            return t;
        });
        OpsServer ops = new OpsServer(server, threads);
        server.setExecutor(threads);
        server.createContext("/health", ex -> ops.handle(ex, "GET", () -> ops.verdict(ex, health.liveness())));
        server.createContext("/health/ready", ex -> ops.handle(ex, "GET", () -> ops.verdict(ex, health.readiness())));
        server.createContext("/metrics", ex -> ops.handle(ex, "GET",
                () -> ops.send(ex, 200, PROMETHEUS_TEXT, metrics.scrape())));
        server.createContext("/api/status", ex -> ops.handle(ex, "GET", () -> ops.sendJson(ex, 200, status.get())));
        server.createContext("/api/stop", ex -> ops.handle(ex, "POST", () -> ops.stop(ex, stop, token)));
        server.createContext("/", ex -> ops.handle(ex, "GET", () -> ops.sendJson(ex, 404,
                Map.of("error", "not found", "paths", "/health /health/ready /metrics /api/status POST /api/stop"))));
        server.start();
        return ops;
    }

    /** The port actually bound (the configured one, or the ephemeral port chosen for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @FunctionalInterface
    private interface Body {
        void run() throws IOException;
    }

    private void handle(HttpExchange ex, String method, Body body) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String context = ex.getHttpContext().getPath();
            if (!path.equals(context) && !"/".equals(context)) {
                sendJson(ex, 404, Map.of("error", "not found: " + path));
                return;
            }
            if (!method.equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", method);
                sendJson(ex, 405, Map.of("error", path + " takes " + method));
                return;
            }
            body.run();
        } catch (RuntimeException e) {
            LOG.warn("http {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
        }
    }

    private void verdict(HttpExchange ex, Health.Verdict v) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", v.ok() ? "UP" : "DOWN");
        body.put("reason", v.reason());
        body.put("checks", v.checks());
        sendJson(ex, v.ok() ? 200 : 503, body);
    }

    private void stop(HttpExchange ex, Runnable stop, String token) throws IOException {
        if (token == null || token.isBlank()) {
            sendJson(ex, 403, Map.of("error", "stop endpoint disabled: the bot was started without " + TOKEN_ENV));
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.trim().getBytes(StandardCharsets.UTF_8))) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            sendJson(ex, 401, Map.of("error", "missing or wrong bearer token"));
            return;
        }
        LOG.info("stop requested over HTTP from {}", ex.getRemoteAddress().getAddress().getHostAddress());
        stop.run();
        sendJson(ex, 202, Map.of("stopping", true));
    }

    private void sendJson(HttpExchange ex, int code, Object body) throws IOException {
        send(ex, code, "application/json", json.writeValueAsString(body));
    }

    private void send(HttpExchange ex, int code, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
