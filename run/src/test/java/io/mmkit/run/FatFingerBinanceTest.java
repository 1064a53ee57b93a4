package io.mmkit.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mmkit.core.spi.StrategyCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The venue minimums Backpack does not state, against a Binance spot stand-in (WireMock on 127.0.0.1, documented
 * answer shapes): an order below the {@code NOTIONAL} filter, and a symbol Binance answers {@code -1121} for.
 */
class FatFingerBinanceTest {
    private static final Map<String, String> ENV = Map.of("BN_KEY", "test-key", "BN_SECRET", "test-secret");
    private static final String EXCHANGE_INFO = """
            {"timezone": "UTC", "serverTime": 1735689600000, "rateLimits": [], "exchangeFilters": [],
             "symbols": [{"symbol": "SOLUSDT", "status": "TRADING", "baseAsset": "SOL", "quoteAsset": "USDT",
               "filters": [
                 {"filterType": "PRICE_FILTER", "minPrice": "0.01", "maxPrice": "100000", "tickSize": "0.01"},
                 {"filterType": "LOT_SIZE", "minQty": "0.001", "maxQty": "9000", "stepSize": "0.001"},
                 {"filterType": "NOTIONAL", "minNotional": "5.00000000", "maxNotional": "9000000"}]}]}""";

    @TempDir
    Path dir;
    private WireMockServer venue;
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startVenue() {
        venue = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        venue.start();
        venue.stubFor(get(urlPathEqualTo("/api/v3/time")).willReturn(json(200, "{\"serverTime\": 1735689600000}")));
        venue.stubFor(get(urlPathEqualTo("/api/v3/exchangeInfo")).withQueryParam("symbol", equalTo("SOLUSDT"))
                .willReturn(json(200, EXCHANGE_INFO)));
        venue.stubFor(get(urlPathEqualTo("/api/v3/exchangeInfo")).withQueryParam("symbol", equalTo("SOLUSDX"))
                .willReturn(json(400, "{\"code\": -1121, \"msg\": \"Invalid symbol.\"}")));
        venue.stubFor(get(urlPathEqualTo("/api/v3/depth")).willReturn(json(200,
                "{\"lastUpdateId\": 1, \"bids\": [[\"150.00\", \"40\"]], \"asks\": [[\"150.10\", \"40\"]]}")));
        venue.stubFor(get(urlPathMatching("/api/v3/account.*")).willReturn(json(200,
                "{\"balances\": [{\"asset\": \"SOL\", \"free\": \"50\", \"locked\": \"0\"},"
                        + " {\"asset\": \"USDT\", \"free\": \"10000\", \"locked\": \"0\"}]}")));
    }

    @AfterEach
    void stopVenue() {
        venue.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private int run(String symbol, String quantity) throws Exception {
        Path cfg = Files.writeString(dir.resolve("cfg.json"), """
                {"instance_id": "bn-fat-finger", "symbol": "SYMBOL",
                 "exchange": {"name": "binance", "market": "spot", "base_url": "URL", "ws_url": "URL",
                              "streams": false, "api_key_env": "BN_KEY", "secret_key_env": "BN_SECRET"},
                 "strategy": {"grid_lower_price": "140", "grid_upper_price": "160", "grid_num": 11,
                              "order_quantity": "QTY"},
                 "store": {"directory": "STORE"}}
                """.replace("SYMBOL", symbol).replace("QTY", quantity).replace("URL", venue.baseUrl())
                .replace("STORE", dir.resolve("store").toString()));
        var cl = RunCommand.commandLine(new RunCommand(ENV, StrategyCatalog.load()));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute("--strategy", "grid", "--config", cfg.toString(), "--duration", "2s");
    }

    private void assertRefused(int status, String... fragments) {
        String text = err.toString().strip();
        assertThat(status).as(text).isEqualTo(2);
        assertThat(text.lines()).singleElement().asString().startsWith("mmkit: config error: ").contains(fragments);
        assertThat(venue.getAllServeEvents()).extracting(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl())
                .as("read-only requests only").allMatch(r -> r.startsWith("GET "));
        venue.verify(0, anyRequestedFor(anyUrl()).withUrl("/api/v3/order"));
        assertThat(dir.resolve("store")).as("no DB file").doesNotExist();
    }

    @Test
    void shouldRefuseAnOrderBelowTheMinimumNotional() throws Exception {
        assertRefused(run("SOLUSDT", "0.01"), "strategy.order_quantity", "an order of 0.01 at 140 is worth 1.4 USDT",
                "below the minimum notional of SOLUSDT on binance (5)");
    }

    @Test
    void shouldRefuseASymbolBinanceDoesNotList() throws Exception {
        assertRefused(run("SOLUSDX", "1"), "symbol: binance does not list SOLUSDX", "Invalid symbol");
    }
}
