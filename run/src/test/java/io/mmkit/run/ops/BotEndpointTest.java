package io.mmkit.run.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.EngineSettings;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ForwardingGateway;
import io.mmkit.core.exchange.TransportException;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.testing.FixedSpreadMaker;
import io.mmkit.core.testing.ScriptedGateway;
import io.mmkit.core.time.SystemTimeSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real engine on a scripted venue with its endpoint on an ephemeral loopback port: health, readiness, metrics,
 * status and the token-guarded stop, and liveness turning 503 while the loop is stuck on a stalled feed.
 */
class BotEndpointTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final StallingGateway venue = new StallingGateway(new ScriptedGateway());
    /** The liveness clock: real nanos plus whatever the test adds, so "30 s later" needs no 30 s wait. */
    private final AtomicLong skew = new AtomicLong();
    private BotOps ops;
    private FixedSpreadMaker maker;
    private CompletableFuture<RunResult> run;

    @AfterEach
    void stop() throws Exception {
        venue.release();
        if (maker != null) {
            maker.stop();
            run.get(60, TimeUnit.SECONDS);
        }
        if (ops != null) {
            ops.close();
        }
    }

    private String start(Map<String, String> env) {
        SystemTimeSource time = new SystemTimeSource();
        ops = new BotOps("ops-test", "fixed", ScriptedGateway.SYMBOL, INTERVAL, EndpointSettings.defaults(), env, time,
                () -> System.nanoTime() + skew.get());
        ExchangeGateway gateway = ops.observe(venue);
        InMemoryTradeStore store = new InMemoryTradeStore();
        maker = new FixedSpreadMaker(MarketMakerContext.of(EngineSettings.of("ops-test", INTERVAL), time, store,
                new ClientOrderIds(7, 1), gateway, ScriptedGateway.SYMBOL), "0.50", "1");
        FixedSpreadMaker m = maker;
        ops.attach(maker, store, m::stop);
        run = CompletableFuture.supplyAsync(maker::run);
        return "http://127.0.0.1:" + ops.port();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeHealthReadinessMetricsAndStatusOfARunningBot() throws Exception {
        String base = start(Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/health/ready").statusCode() == 200);
        assertThat(get(base + "/health").statusCode()).isEqualTo(200);

        String metrics = get(base + "/metrics").body();
        assertThat(metrics).contains("mmkit_orders_placed_total{instance=\"ops-test\",market=\"primary\",side=\"BUY\"}",
                "mmkit_loop_seconds_count", "mmkit_decision_seconds_count", "mmkit_position{", "mmkit_pnl_net{",
                "mmkit_gateway_call_seconds_count{call=\"place\"", "mmkit_last_iteration_age_seconds");

        JsonNode status = json.readTree(get(base + "/api/status").body());
        assertThat(status.at("/status/state").asText()).isEqualTo("RUNNING");
        assertThat(status.at("/status/iteration").asLong()).isPositive();
        assertThat(status.at("/status/openOrders")).hasSize(2);
        // A bid 0.50 under the 150.05 mid rests 0.45 under the 150.00 bid; the ask 0.45 over the 150.10 ask.
        assertThat(status.at("/status/openOrders").findValuesAsText("distanceToTouch")).containsOnly("0.45");
        assertThat(status.at("/balances").isObject()).isTrue();
        assertThat(get(base + "/nothing").statusCode()).isEqualTo(404);
        assertThat(post(base + "/health", null).statusCode()).isEqualTo(405);
    }

    @Test
    void shouldStopThroughTheEndpointOnlyWithTheBearerToken() throws Exception {
        String base = start(Map.of(OpsServer.TOKEN_ENV, "t0ken"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/health/ready").statusCode() == 200);

        assertThat(post(base + "/api/stop", null).statusCode()).isEqualTo(401);
        assertThat(post(base + "/api/stop", "wrong").statusCode()).isEqualTo(401);
        assertThat(maker.isStopRequested()).isFalse();

        assertThat(post(base + "/api/stop", "t0ken").statusCode()).isEqualTo(202);
        RunResult result = run.get(60, TimeUnit.SECONDS);
        assertThat(result.clean()).isTrue();
        assertThat(result.stopReason()).isEqualTo("stop requested");
        assertThat(venue.scripted.openIds()).isEmpty();
        assertThat(ops.status().current().state()).isEqualTo(LiveStatus.State.ENDED);
        assertThat(ops.status().current().exitCode()).isZero();
    }

    @Test
    void shouldRefuseEveryStopWhenNoTokenIsConfigured() throws Exception {
        String base = start(Map.of());
        HttpResponse<String> refused = post(base + "/api/stop", "anything");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("MMKIT_API_TOKEN");
        assertThat(maker.isStopRequested()).isFalse();
    }

    @Test
    void shouldReportUnhealthyWhileTheLoopIsStuckOnAStalledFeed() throws Exception {
        String base = start(Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/health/ready").statusCode() == 200);

        venue.stall();
        assertThat(venue.stuck.await(30, TimeUnit.SECONDS)).as("the loop is blocked reading the book").isTrue();
        assertThat(get(base + "/health").statusCode()).as("not yet past the window").isEqualTo(200);
        skew.addAndGet(Health.MIN_WINDOW.plusSeconds(1).toNanos());

        HttpResponse<String> live = get(base + "/health");
        assertThat(live.statusCode()).isEqualTo(503);
        assertThat(json.readTree(live.body()).get("reason").asText())
                .startsWith("the loop has not completed an iteration for 3");
        assertThat(get(base + "/health/ready").statusCode()).isEqualTo(503);
        assertThat(get(base + "/metrics").body()).containsPattern("mmkit_last_iteration_age_seconds\\{[^}]*} 3\\d\\.");

        venue.release();
        long before = ops.status().current().iteration();
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.status().current().iteration() > before
                && get(base + "/health").statusCode() == 200);
    }

    @Test
    void shouldRefuseToAttachWhenTheConfiguredPortIsTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SystemTimeSource time = new SystemTimeSource();
            EndpointSettings fixed = new EndpointSettings(true, "127.0.0.1", taken.getLocalPort(), 5);
            BotOps busy = new BotOps("ops-test", "fixed", ScriptedGateway.SYMBOL, INTERVAL, fixed, Map.of(), time);
            InMemoryTradeStore store = new InMemoryTradeStore();
            FixedSpreadMaker idle = new FixedSpreadMaker(MarketMakerContext.of(EngineSettings.of("ops-test", INTERVAL),
                    time, store, new ClientOrderIds(7, 1), busy.observe(venue), ScriptedGateway.SYMBOL), "0.50", "1");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> busy.attach(idle, store, idle::stop))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("http.port " + taken.getLocalPort() + " on 127.0.0.1: cannot listen");
            busy.close();
            assertThat(venue.scripted.placementsArrived()).isZero();
        }
    }

    /** The scripted venue, whose book top can be made to hang (a feed that stopped, a read that never returns). */
    static final class StallingGateway extends ForwardingGateway {
        final ScriptedGateway scripted;
        final CountDownLatch stuck = new CountDownLatch(1);
        private volatile CountDownLatch released = new CountDownLatch(0);

        StallingGateway(ScriptedGateway scripted) {
            super(scripted);
            this.scripted = scripted;
        }

        void stall() {
            released = new CountDownLatch(1);
        }

        void release() {
            released.countDown();
        }

        @Override
        public BookTop bookTop(String symbol) {
            CountDownLatch gate = released;
            if (gate.getCount() > 0) {
                stuck.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TransportException(venue(), "book top: interrupted", e);
                }
            }
            return super.bookTop(symbol);
        }
    }
}
