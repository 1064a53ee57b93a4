package io.mmkit.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.exchange.backpack.BackpackGateway;
import io.mmkit.exchange.binance.BinanceGateway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of(
            "BACKPACK_API_KEY", TestVenues.BACKPACK_KEY, "BACKPACK_SECRET_KEY", TestVenues.BACKPACK_SECRET,
            "BINANCE_API_KEY", TestVenues.BINANCE_KEY, "BINANCE_SECRET_KEY", TestVenues.BINANCE_SECRET);

    @Test
    void shouldAcceptACompleteBackpackSection() {
        JsonNode section = json("{\"name\":\"backpack\",\"market\":\"perpetual\",\"base_url\":\"http://127.0.0.1:8080/\","
                + "\"ws_url\":\"ws://127.0.0.1:8081\",\"api_key_env\":\"BACKPACK_API_KEY\","
                + "\"secret_key_env\":\"BACKPACK_SECRET_KEY\",\"recv_window_ms\":10000,"
                + "\"timeouts\":{\"connect\":\"2s\",\"read\":\"3s\",\"call\":\"4s\"},\"stale_after\":\"3s\"}");

        VenueConfig config = Gateways.read(section, ENV);

        assertThat(config.baseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.market()).isEqualTo(MarketType.PERPETUAL);
        assertThat(config.recvWindowMillis()).isEqualTo(10_000);
        assertThat(config.http().callTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.streams().staleAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.toString()).doesNotContain(TestVenues.BACKPACK_SECRET).doesNotContain(TestVenues.BACKPACK_KEY);
    }

    @Test
    void shouldDefaultToStreamsAndRateLimitOnAndReadThemOffWhenFalse() {
        String keys = "\"api_key_env\":\"BACKPACK_API_KEY\",\"secret_key_env\":\"BACKPACK_SECRET_KEY\"";
        VenueConfig defaults = Gateways.read(json("{\"name\":\"backpack\"," + keys + "}"), ENV);
        VenueConfig restOnly = Gateways.read(json("{\"name\":\"backpack\"," + keys
                + ",\"streams\":false,\"rate_limit\":false}"), ENV);

        assertThat(defaults.streams().enabled()).isTrue();
        assertThat(defaults.http().rateLimited()).isTrue();
        assertThat(restOnly.streams().enabled()).isFalse();
        assertThat(restOnly.http().rateLimited()).isFalse();
    }

    @Test
    void shouldNameTheStreamsOrRateLimitKeyWhenItIsNotABoolean() {
        String keys = "\"api_key_env\":\"BINANCE_API_KEY\",\"secret_key_env\":\"BINANCE_SECRET_KEY\"";
        assertProblem("{\"name\":\"binance\"," + keys + ",\"streams\":\"off\"}", "exchange.streams",
                "must be true or false");
        assertProblem("{\"name\":\"binance\"," + keys + ",\"rate_limit\":600}", "exchange.rate_limit",
                "must be true or false");
    }

    @Test
    void shouldOpenTheNamedVenueWithoutNetworkIo() {
        try (ExchangeGateway backpack = Gateways.open(json("{\"name\":\"backpack\",\"api_key_env\":\"BACKPACK_API_KEY\","
                + "\"secret_key_env\":\"BACKPACK_SECRET_KEY\"}"), ENV, new SimulatedTimeSource(TestVenues.START));
             ExchangeGateway binance = Gateways.open(json("{\"name\":\"binance\",\"market\":\"perpetual\","
                + "\"api_key_env\":\"BINANCE_API_KEY\",\"secret_key_env\":\"BINANCE_SECRET_KEY\"}"), ENV,
                     new SimulatedTimeSource(TestVenues.START))) {
            assertThat(backpack).isInstanceOf(BackpackGateway.class);
            assertThat(binance).isInstanceOf(BinanceGateway.class);
        }
    }

    @Test
    void shouldNameTheKeyOfAnUnparseableUrl() {
        assertProblem("{\"name\":\"binance\",\"base_url\":\"not a url\",\"api_key_env\":\"BINANCE_API_KEY\","
                + "\"secret_key_env\":\"BINANCE_SECRET_KEY\"}", "exchange.base_url", "not a URL");
    }

    @Test
    void shouldNameTheMissingEnvironmentVariable() {
        assertProblem("{\"name\":\"backpack\",\"api_key_env\":\"NOPE_KEY\",\"secret_key_env\":\"BACKPACK_SECRET_KEY\"}",
                "exchange.api_key_env", "environment variable NOPE_KEY is not set");
    }

    @Test
    void shouldRejectUnknownKeysAndExchanges() {
        assertProblem("{\"name\":\"backpack\",\"api_key\":\"inline\"}", "exchange.api_key", "unknown key");
        assertProblem("{\"name\":\"kraken\"}", "exchange.name", "unknown exchange");
        assertProblem("{\"name\":\"binance\",\"market\":\"options\"}", "exchange.market", "spot or perpetual");
        assertProblem("{\"name\":\"binance\",\"api_key_env\":\"BINANCE_API_KEY\",\"secret_key_env\":\"BINANCE_SECRET_KEY\","
                + "\"timeouts\":{\"conect\":\"1s\"}}", "exchange.timeouts.conect", "unknown key");
    }

    @Test
    void shouldRejectABackpackKeyPairThatDoesNotMatchWithoutPrintingIt() {
        Map<String, String> env = Map.of("K", TestVenues.BINANCE_KEY, "S", TestVenues.BACKPACK_SECRET);

        assertThatThrownBy(() -> Gateways.validate(json("{\"name\":\"backpack\",\"api_key_env\":\"K\","
                + "\"secret_key_env\":\"S\"}"), env))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("exchange.api_key_env")
                .hasMessageNotContaining(TestVenues.BINANCE_KEY)
                .hasMessageNotContaining(TestVenues.BACKPACK_SECRET);
    }

    @Test
    void shouldRejectOutOfRangeWindowsAndDurations() {
        assertProblem("{\"name\":\"binance\",\"api_key_env\":\"BINANCE_API_KEY\",\"secret_key_env\":\"BINANCE_SECRET_KEY\","
                + "\"recv_window_ms\":90000}", "exchange.recv_window_ms", "60000");
        assertProblem("{\"name\":\"binance\",\"api_key_env\":\"BINANCE_API_KEY\",\"secret_key_env\":\"BINANCE_SECRET_KEY\","
                + "\"stale_after\":\"soon\"}", "exchange.stale_after", "not a duration");
    }

    private static void assertProblem(String section, String key, String problem) {
        assertThatThrownBy(() -> Gateways.validate(json(section), ENV))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessageContaining(problem);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
