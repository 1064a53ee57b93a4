package io.mmkit.run;

import io.mmkit.core.spi.StrategyCatalog;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * With a real venue's config pointed at a local server that answers anything, a bad config is refused
 * before a single request leaves the process, and no DB file appears.
 */
class BadConfigTouchesNothingTest {
    // RFC 8032 test vector 1: a valid Backpack key pair.
    private static final Map<String, String> ENV = Map.of(
            "BP_KEY", "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "BP_SECRET", "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");

    @TempDir
    Path dir;
    private WireMockServer venue;

    @BeforeEach
    void startVenue() {
        venue = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        venue.start();
        venue.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @AfterEach
    void stopVenue() {
        venue.stop();
    }

    private String config() {
        return """
                {
                  "instance_id": "bp-test",
                  "symbol": "SOL_USDC",
                  "exchange": {"name": "backpack", "base_url": "URL", "ws_url": "URL",
                               "api_key_env": "BP_KEY", "secret_key_env": "BP_SECRET"},
                  "strategy": {"grid_upper_price": "160", "grid_lower_price": "140", "grid_num": 10,
                               "order_quantity": "1"},
                  "store": {"directory": "STORE"}
                }
                """.replace("URL", venue.baseUrl()).replace("STORE", dir.resolve("store").toString());
    }

    @org.junit.jupiter.api.Test
    void shouldReachTheVenueWithTheSameConfigWhenItIsValid() throws Exception {
        Path cfg = Files.writeString(dir.resolve("ok.json"), config().replace("\"store\"",
                "\"shutdown\": {\"cancel_timeout\": \"500ms\", \"total_timeout\": \"2s\"}, \"store\""));
        CommandLine cl = RunCommand.commandLine(new RunCommand(ENV, StrategyCatalog.load()));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));

        int status = cl.execute("--strategy", "grid", "--config", cfg.toString(), "--duration", "1s");

        // The stub answers nonsense, so the bot cannot start: but it did talk to the venue.
        assertThat(status).as(err.toString()).isEqualTo(1);
        assertThat(venue.getAllServeEvents()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative quantity   | \"order_quantity\": \"1\"       | \"order_quantity\": \"-1\"       | strategy.order_quantity",
        "lower above upper   | \"grid_lower_price\": \"140\"   | \"grid_lower_price\": \"170\"    | strategy.grid_lower_price",
        "unknown key         | \"grid_num\": 10,               | \"grid_num\": 10, \"x\": 1,      | strategy.x: unknown key",
        "unset secret        | \"BP_SECRET\"                   | \"BP_NOPE\"                      | exchange.secret_key_env",
        "unknown venue key   | \"api_key_env\"                 | \"apikey_env\": 1, \"api_key_env\" | exchange.apikey_env",
    })
    void shouldRefuseBadConfigWithoutAnyRequestOrFile(String name, String from, String to, String key)
            throws Exception {
        String text = config();
        assertThat(text).contains(from);
        Path cfg = Files.writeString(dir.resolve("bad.json"), text.replace(from, to));
        StringWriter err = new StringWriter();
        CommandLine cl = RunCommand.commandLine(new RunCommand(ENV, StrategyCatalog.load()));
        cl.setErr(new PrintWriter(err, true));

        int status = cl.execute("--strategy", "grid", "--config", cfg.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString().strip().lines()).singleElement().asString().contains(key);
        assertThat(venue.getAllServeEvents()).isEmpty();
        assertThat(dir.resolve("store")).doesNotExist();
    }
}
