package io.mmkit.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.SimulatedTimeSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code "exchange": {"name": "aster"}} section: v3 API wallet by default, v1 HMAC keys on request. */
class AsterGatewaysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of(
            "ASTER_USER", TestVenues.ASTER_USER, "ASTER_SIGNER_KEY", TestVenues.ASTER_SIGNER_KEY,
            "ASTER_API_KEY", TestVenues.ASTER_V1_KEY, "ASTER_SECRET_KEY", TestVenues.ASTER_V1_SECRET,
            "NOT_A_KEY", "0x1234", "NOT_AN_ADDRESS", "bob");
    private static final String V3 = "\"user_env\":\"ASTER_USER\",\"signer_key_env\":\"ASTER_SIGNER_KEY\"";

    @Test
    void shouldReadAV3SectionWithMainnetDefaultsAndNeverShowTheKey() {
        VenueConfig config = Gateways.read(json("{\"name\":\"aster\"," + V3 + "}"), ENV);

        assertThat(config.name()).isEqualTo("aster");
        assertThat(config.market()).isEqualTo(MarketType.PERPETUAL);
        assertThat(config.baseUrl()).isEqualTo("https://fapi.asterdex.com");
        assertThat(config.wsUrl()).isEqualTo("wss://fstream.asterdex.com");
        assertThat(config.apiKey()).isEqualTo(TestVenues.ASTER_USER);
        assertThat(config.options()).containsEntry("auth", "v3").containsEntry("chain_id", "1666");
        assertThat(config.toString()).doesNotContain(TestVenues.ASTER_SIGNER_KEY.substring(2));
        assertThat(config.redactor().redact("key " + TestVenues.ASTER_SIGNER_KEY)).isEqualTo("key ***");
    }

    @Test
    void shouldReadATestnetChainIdAndAV1Section() {
        VenueConfig testnet = Gateways.read(json("{\"name\":\"aster\",\"market\":\"perpetual\",\"auth\":\"v3\","
                + V3 + ",\"chain_id\":714,\"base_url\":\"https://fapi.asterdex-testnet.com\"}"), ENV);
        VenueConfig v1 = Gateways.read(json("{\"name\":\"aster\",\"auth\":\"v1\",\"api_key_env\":\"ASTER_API_KEY\","
                + "\"secret_key_env\":\"ASTER_SECRET_KEY\"}"), ENV);

        assertThat(testnet.options()).containsEntry("chain_id", "714");
        assertThat(v1.options()).containsEntry("auth", "v1");
        assertThat(v1.apiKey()).isEqualTo(TestVenues.ASTER_V1_KEY);
    }

    @Test
    void shouldOpenAsterWithoutNetworkIo() {
        try (ExchangeGateway aster = Gateways.open(json("{\"name\":\"aster\"," + V3 + "}"), ENV,
                new SimulatedTimeSource(TestVenues.START))) {
            assertThat(aster.venue()).isEqualTo("aster");
            assertThat(aster.cancelBatchSize()).isEqualTo(10);
        }
    }

    @Test
    void shouldNameTheKeyAtFaultWithoutEchoingSecrets() {
        assertProblem("{\"name\":\"aster\",\"user_env\":\"ASTER_USER\",\"signer_key_env\":\"NOT_A_KEY\"}",
                "exchange.signer_key_env", "environment variable NOT_A_KEY is not a secp256k1 private key");
        assertProblem("{\"name\":\"aster\",\"user_env\":\"ASTER_USER\",\"signer_key_env\":\"MISSING\"}",
                "exchange.signer_key_env", "environment variable MISSING is not set");
        assertProblem("{\"name\":\"aster\",\"user_env\":\"NOT_AN_ADDRESS\",\"signer_key_env\":\"ASTER_SIGNER_KEY\"}",
                "exchange.user_env", "not an account address");
        assertProblem("{\"name\":\"aster\",\"signer_key_env\":\"ASTER_SIGNER_KEY\"}", "exchange.user_env",
                "required key is missing");
        assertThatThrownBy(() -> Gateways.validate(json("{\"name\":\"aster\",\"user_env\":\"ASTER_USER\","
                + "\"signer_key_env\":\"NOT_A_KEY\"}"), ENV)).hasMessageNotContaining("0x1234");
    }

    @Test
    void shouldRefuseSpotMismatchedKeysAndAsterKeysOnOtherVenues() {
        assertProblem("{\"name\":\"aster\",\"market\":\"spot\"," + V3 + "}", "exchange.market", "perpetual market only");
        assertProblem("{\"name\":\"aster\",\"auth\":\"v2\"," + V3 + "}", "exchange.auth", "v1");
        assertProblem("{\"name\":\"aster\",\"api_key_env\":\"ASTER_API_KEY\",\"secret_key_env\":\"ASTER_SECRET_KEY\"}",
                "exchange.auth", "set \"auth\": \"v1\"");
        assertProblem("{\"name\":\"aster\",\"auth\":\"v3\",\"api_key_env\":\"ASTER_API_KEY\"," + V3 + "}",
                "exchange.api_key_env", "not used with auth v3");
        assertProblem("{\"name\":\"aster\",\"auth\":\"v1\",\"api_key_env\":\"ASTER_API_KEY\","
                + "\"secret_key_env\":\"ASTER_SECRET_KEY\",\"chain_id\":714}", "exchange.chain_id", "not used");
        assertProblem("{\"name\":\"aster\"," + V3 + ",\"chain_id\":\"mainnet\"}", "exchange.chain_id",
                "positive whole number");
        assertProblem("{\"name\":\"binance\",\"api_key_env\":\"ASTER_API_KEY\",\"secret_key_env\":\"ASTER_SECRET_KEY\","
                + "\"auth\":\"v1\"}", "exchange.auth", "only an aster venue");
        assertProblem("{\"name\":\"kraken\"}", "exchange.name", "backpack, binance, aster or hyperliquid");
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
