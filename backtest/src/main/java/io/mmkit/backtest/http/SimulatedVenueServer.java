package io.mmkit.backtest.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.mmkit.sim.BacktestExchange;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backtest engine behind a real HTTP server: WireMock on 127.0.0.1 (a free port, request journal off) with
 * one stateful transformer that answers every request from the {@link BacktestExchange}, in Backpack's REST
 * shape. The venue client under test points its base URL at {@link #baseUrl()}.
 *
 * <p>Requests are served on WireMock's threads; the exchange's lock orders them with the clock's advances.
 * The owner closes the server; closing is idempotent.
 */
public final class SimulatedVenueServer implements AutoCloseable {
    private static final String TRANSFORMER = "mmkit-simulated-venue";
    private final WireMockServer server;
    private final AtomicLong served = new AtomicLong();
    private boolean closed;

    /** Starts the server; blocks until it listens. */
    public SimulatedVenueServer(BacktestExchange exchange) {
        BackpackShapeHandler handler = new BackpackShapeHandler(exchange);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal()
                .containerThreads(8).extensions(new Transformer(handler, served)));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(TRANSFORMER)));
    }

    /** E.g. {@code http://127.0.0.1:41235}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Requests answered so far (for throughput figures; the request journal is off). Any thread. */
    public long requestsServed() {
        return served.get();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop();
        }
    }

    private static final class Transformer implements ResponseDefinitionTransformerV2 {
        private final BackpackShapeHandler handler;
        private final AtomicLong served;

        Transformer(BackpackShapeHandler handler, AtomicLong served) {
            this.handler = handler;
            this.served = served;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request r = event.getRequest();
            URI uri = URI.create(r.getUrl());
            Map<String, String> query = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(pair.substring(0, eq),
                                java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
            BackpackShapeHandler.Answer a;
            try {
                a = handler.handle(r.getMethod().getName(), uri.getPath(), query, r.getBodyAsString());
            } catch (IOException | RuntimeException e) {
                a = new BackpackShapeHandler.Answer(400, "{\"code\":\"INVALID_CLIENT_REQUEST\",\"message\":\""
                        + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}");
            }
            served.incrementAndGet();
            return new ResponseDefinition(a.status(), a.body());
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRANSFORMER;
        }
    }
}
