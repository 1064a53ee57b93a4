package io.mmkit.run.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.backtest.http.BackpackOverHttp;
import io.mmkit.backtest.http.SimulatedVenueServer;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.run.testing.CliProcess;
import io.mmkit.run.testing.DaemonCli;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.feed.ReplayEvent;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of the built CLI scraped twice while it runs: the demo on the embedded simulator (engine
 * series: orders, fills, position, PnL, loop and decision latency, gateway calls) and a grid on the real Backpack
 * client against a local mock venue (REST request latency by endpoint and outcome). Every series is there and the
 * counters move between the two scrapes; SIGTERM still ends the run clean.
 */
class MetricsScrapeIT {
    private static final Pattern ENDPOINT = Pattern.compile("http endpoint on (http://127\\.0\\.0\\.1:\\d+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;
    private CliProcess bot;
    private SimulatedVenueServer server;

    @AfterEach
    void stopEverything() {
        if (bot != null) {
            bot.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldExposeMovingEngineSeriesDuringTheDemoRun() throws Exception {
        Path config = DaemonCli.demoGridConfig(dir.resolve("demo-grid.json"), dir.resolve("data"));
        bot = CliProcess.start(Map.of(), "--strategy", "grid", "--config", config.toString());
        String base = endpoint();

        String first = await("two iterations").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> scrape(base), m -> value(m, "mmkit_iterations_total{instance=\"demo-grid\"}") >= 2);
        String second = await("more iterations").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> scrape(base), m -> value(m, "mmkit_iterations_total{instance=\"demo-grid\"}")
                        >= value(first, "mmkit_iterations_total{instance=\"demo-grid\"}") + 3);

        for (String series : List.of("mmkit_orders_placed_total{instance=\"demo-grid\",market=\"primary\",side=\"BUY\"}",
                "mmkit_orders_cancelled_total{instance=\"demo-grid\",market=\"primary\"}",
                "mmkit_orders_rejected_total{instance=\"demo-grid\",market=\"primary\",side=\"SELL\"}",
                "mmkit_fills_total{instance=\"demo-grid\",market=\"primary\",side=\"BUY\"}",
                "mmkit_position{instance=\"demo-grid\"}", "mmkit_pnl_net{instance=\"demo-grid\"}",
                "mmkit_pnl_realized{instance=\"demo-grid\"}", "mmkit_pnl_unrealized{instance=\"demo-grid\"}",
                "mmkit_open_orders{instance=\"demo-grid\"}", "mmkit_iterations_failed_total{instance=\"demo-grid\"}")) {
            assertThat(first).as("first scrape").contains(series + " ");
            assertThat(second).as("second scrape").contains(series + " ");
        }
        assertThat(value(first, "mmkit_orders_placed_total{instance=\"demo-grid\",market=\"primary\",side=\"BUY\"}"))
                .as("the grid's bids are placed").isPositive();
        assertMoved(first, second, "mmkit_loop_seconds_count{instance=\"demo-grid\"}");
        assertMoved(first, second, "mmkit_decision_seconds_count{instance=\"demo-grid\"}");
        assertMoved(first, second,
                "mmkit_gateway_call_seconds_count{call=\"book_top\",instance=\"demo-grid\",outcome=\"ok\",venue=\"simulated\"}");
        assertThat(get(base + "/health").statusCode()).isEqualTo(200);
        assertThat(get(base + "/health/ready").statusCode()).isEqualTo(200);

        assertThat(bot.signalAndAwaitExit("TERM", Duration.ofSeconds(30))).as(bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
    }

    @Test
    void shouldExposeRestLatencyByEndpointAndOutcomeOfARealVenueClient() throws Exception {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        BacktestExchange venue = new BacktestExchange(ExchangeSettings.of(
                Instrument.spot("SOL_USDC", "SOL", "USDC", "0.01", "0.01"), FillModelName.QUEUE,
                Map.of("USDC", new BigDecimal("100000"), "SOL", new BigDecimal("500"))),
                new ListReplaySource(List.of(
                        new ReplayEvent.LevelChanged(at, Side.BUY, new BigDecimal("150.00"), new BigDecimal("40")),
                        new ReplayEvent.LevelChanged(at, Side.SELL, new BigDecimal("150.10"), new BigDecimal("40")))),
                null);
        assertThat(venue.warmUp()).isTrue();
        server = new SimulatedVenueServer(venue);
        bot = CliProcess.start(Map.of("MMKIT_IT_BACKPACK_KEY", BackpackOverHttp.DUMMY_API_KEY,
                "MMKIT_IT_BACKPACK_SECRET", BackpackOverHttp.DUMMY_SECRET), "--strategy", "grid", "--config",
                backpackConfig(server.baseUrl()).toString());
        String base = endpoint();
        String depth = "mmkit_venue_request_seconds_count{endpoint=\"GET /api/v1/depth\",instance=\"metrics-it\","
                + "outcome=\"ok\",venue=\"backpack\"}";

        String first = await("book reads").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> scrape(base), m -> value(m, depth) >= 2);
        String second = await("more book reads").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> scrape(base), m -> value(m, depth) >= value(first, depth) + 2);

        assertThat(second).contains("mmkit_venue_request_seconds_count{endpoint=\"POST /api/v1/order\"");
        assertThat(second).contains("mmkit_venue_request_seconds_sum{endpoint=\"GET /api/v1/depth\"");
        assertMoved(first, second, depth);
        // REST-only: the private stream is reported down, so the bot is alive but not ready.
        assertThat(get(base + "/health").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get(base + "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("private stream of backpack is down");

        assertThat(bot.signalAndAwaitExit("TERM", Duration.ofSeconds(30))).as(bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
    }

    private String endpoint() {
        return await("the endpoint's log line").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    assertThat(bot.isAlive()).as(bot.joined()).isTrue();
                    Matcher m = ENDPOINT.matcher(bot.joined());
                    return m.find() ? m.group(1) : null;
                }, url -> url != null);
    }

    private String scrape(String base) throws Exception {
        HttpResponse<String> r = get(base + "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        return r.body();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertMoved(String first, String second, String series) {
        assertThat(value(second, series)).as(series).isGreaterThan(value(first, series));
    }

    /** The sample's value, or -1 when the series is absent. */
    static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return -1;
    }

    private Path backpackConfig(String baseUrl) throws Exception {
        String config = """
                {
                  "instance_id": "metrics-it",
                  "symbol": "SOL_USDC",
                  "interval": "300ms",
                  "exchange": {"name": "backpack", "market": "spot", "base_url": "%s", "ws_url": "%s",
                    "api_key_env": "MMKIT_IT_BACKPACK_KEY", "secret_key_env": "MMKIT_IT_BACKPACK_SECRET",
                    "streams": false},
                  "strategy": {"grid_lower_price": "148", "grid_upper_price": "152", "grid_num": 21,
                    "grid_mode": "arithmetic", "order_quantity": "0.5"},
                  "shutdown": {"cancel_timeout": "5s", "save_timeout": "2s", "close_timeout": "2s", "total_timeout": "8s"},
                  "store": {"directory": "%s"},
                  "http": {"port": 0, "bind": "127.0.0.1"}
                }
                """.formatted(baseUrl, baseUrl.replaceFirst("^http", "ws"), dir.resolve("data"));
        return Files.writeString(dir.resolve("backpack.json"), config);
    }
}
