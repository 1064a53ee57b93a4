package io.mmkit.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.exchange.hyperliquid.HyperliquidGateway;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code "exchange": {"name": "hyperliquid"}} section: keys from the environment, checked, never shown. */
class HyperliquidConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WALLET_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String ACCOUNT = "0x5e9ee1089755c3435139848e47e6635505d5a13a";
    private static final Map<String, String> ENV = Map.of("HL_ACCOUNT", ACCOUNT, "HL_WALLET_KEY", WALLET_KEY,
            "HL_BAD_ACCOUNT", "5e9ee10897", "HL_BAD_KEY", "0x1234");
    private static final String KEYS = "\"api_key_env\":\"HL_ACCOUNT\",\"secret_key_env\":\"HL_WALLET_KEY\"";

    @Test
    void shouldDefaultToMainnetAndKeepTheKeyOutOfItsText() {
        VenueConfig config = Gateways.read(json("{\"name\":\"hyperliquid\",\"market\":\"perpetual\"," + KEYS + "}"), ENV);

        assertThat(config.name()).isEqualTo("hyperliquid");
        assertThat(config.market()).isEqualTo(MarketType.PERPETUAL);
        assertThat(config.baseUrl()).isEqualTo(HyperliquidGateway.MAINNET_URL);
        assertThat(config.wsUrl()).isEqualTo(HyperliquidGateway.MAINNET_WS);
        assertThat(config.toString()).doesNotContain(WALLET_KEY).doesNotContain(WALLET_KEY.substring(2));
    }

    @Test
    void shouldOpenAHyperliquidGatewayWithoutIo() {
        try (ExchangeGateway gateway = Gateways.open(json("{\"name\":\"hyperliquid\",\"market\":\"perp\","
                + "\"base_url\":\"http://127.0.0.1:9\"," + KEYS + "}"), ENV, new SimulatedTimeSource(TestVenues.START))) {
            assertThat(gateway).isInstanceOf(HyperliquidGateway.class);
            assertThat(gateway.venue()).isEqualTo("hyperliquid");
        }
    }

    @Test
    void shouldRefuseSpotNamingTheKey() {
        assertThatThrownBy(() -> Gateways.validate(json("{\"name\":\"hyperliquid\"," + KEYS + "}"), ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exchange.market")
                .hasMessageContaining("perpetual");
    }

    @Test
    void shouldRefuseAMalformedAccountAddressOrWalletKeyWithoutShowingThem() {
        assertThatThrownBy(() -> Gateways.validate(json("{\"name\":\"hyperliquid\",\"market\":\"perpetual\","
                + "\"api_key_env\":\"HL_BAD_ACCOUNT\",\"secret_key_env\":\"HL_WALLET_KEY\"}"), ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HL_BAD_ACCOUNT")
                .hasMessageContaining("account address").hasMessageNotContaining(WALLET_KEY.substring(2));
        assertThatThrownBy(() -> Gateways.validate(json("{\"name\":\"hyperliquid\",\"market\":\"perpetual\","
                + "\"api_key_env\":\"HL_ACCOUNT\",\"secret_key_env\":\"HL_BAD_KEY\"}"), ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HL_BAD_KEY")
                .hasMessageNotContaining("0x1234");
        assertThatThrownBy(() -> Gateways.validate(json("{\"name\":\"hyperliquid\",\"market\":\"perpetual\","
                + "\"api_key_env\":\"HL_ACCOUNT\",\"secret_key_env\":\"HL_UNSET\"}"), ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HL_UNSET is not set");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
