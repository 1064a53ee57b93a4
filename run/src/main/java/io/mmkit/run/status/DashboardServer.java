package io.mmkit.run.status;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mmkit.backtest.report.ReportAssets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard: one page ({@code /}) that polls {@code GET /api/instances} every two seconds and shows every
 * instance with its state and PnL, and for the one selected its PnL and position charts (uPlot), open orders,
 * recent fills and log tail ({@code GET /api/instances/<id>/log}); its start and stop buttons
 * {@code POST /api/instances/<id>/start|stop}, which run {@link Instances#start} / {@link Instances#stop} — the
 * daemon's own start and stop.
 *
 * <p>The POSTs need the header {@code X-Mmkit-Dashboard: 1}, which a page from another origin cannot send
 * without the browser asking first (and this server never allows it): a link or form elsewhere cannot stop a bot.
 * Bind it to loopback (the default); anyone who can reach it can stop and start the bots.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("mmkit.dashboard");
    static final String GUARD_HEADER = "X-Mmkit-Dashboard";
    private static final Pattern ACTION = Pattern.compile("/api/instances/([A-Za-z0-9_.-]{1,64})/(log|stop|start)");
    private static final int LOG_LINES = 40;

    private final HttpServer server;
    private final ExecutorService threads;
    private final Instances instances;
    private final ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private final Map<String, String> assets;

    private DashboardServer(HttpServer server, ExecutorService threads, Instances instances) {
        this.server = server;
        this.threads = threads;
        this.instances = instances;
        this.assets = Map.of(
                "/", page("dashboard.html"),
                "/dashboard.js", page("dashboard.js"),
                "/dashboard.css", page("dashboard.css"),
                "/uplot.js", ReportAssets.uplotScript(),
                "/uplot.css", ReportAssets.uplotStyle());
    }

    /** Binds and starts; returns once it accepts connections. */
    public static DashboardServer start(String bind, int port, Instances instances) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mmkit-dashboard");
            t.setDaemon(true);
            return t;
        });
        DashboardServer d = new DashboardServer(server, threads, instances);
        server.setExecutor(threads);
        server.createContext("/", d::handle);
        server.start();
        return d;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if ("GET".equals(method) && assets.containsKey(path)) {
                send(ex, 200, type(path), assets.get(path));
            } else if ("GET".equals(method) && "/api/instances".equals(path)) {
                sendJson(ex, 200, instances.all());
            } else {
                Matcher m = ACTION.matcher(path);
                if (!m.matches()) {
                    sendJson(ex, 404, Map.of("error", "not found: " + path));
                } else if (m.group(2).equals("log") && "GET".equals(method)) {
                    sendJson(ex, 200, Map.of("lines", instances.logTail(m.group(1), LOG_LINES)));
                } else if (!m.group(2).equals("log") && "POST".equals(method)) {
                    act(ex, m.group(1), m.group(2));
                } else {
                    sendJson(ex, 405, Map.of("error", method + " not allowed on " + path));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("dashboard {} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
            try {
                sendJson(ex, 500, Map.of("error", e.toString()));
            } catch (IOException | RuntimeException ignored) {
                // the response was already under way
            }
        }
    }

    private void act(HttpExchange ex, String id, String action) throws IOException {
        if (!"1".equals(ex.getRequestHeaders().getFirst(GUARD_HEADER))) {
            sendJson(ex, 403, Map.of("error", "missing header " + GUARD_HEADER + ": 1"));
            return;
        }
        LOG.info("dashboard: {} {}", action, id);
        Instances.Outcome o = action.equals("stop") ? instances.stop(id) : instances.start(id);
        sendJson(ex, 200, o);
    }

    private static String type(String path) {
        if (path.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return path.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    }

    private void sendJson(HttpExchange ex, int code, Object body) throws IOException {
        send(ex, code, "application/json", json.writeValueAsString(body));
    }

    private static void send(HttpExchange ex, int code, String type, String text) throws IOException {
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

    private static String page(String name) {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("io/mmkit/run/status/" + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
