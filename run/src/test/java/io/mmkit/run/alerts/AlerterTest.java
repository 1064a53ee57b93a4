package io.mmkit.run.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts reach a loopback webhook and a loopback Telegram Bot API, with no secret in them. */
class AlerterTest {
    private static final String TOKEN = "123456:AAE-telegram-token-s3cr3t";
    private static final String HOOK_SECRET = "hook-s3cr3t-path";
    private static final String EXCHANGE_SECRET = "exchange-api-secret-value-42";
    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer webhook = new MockWebServer();
    private final MockWebServer telegram = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        webhook.start(InetAddress.getByName("127.0.0.1"), 0);
        telegram.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        webhook.close();
        telegram.close();
    }

    private AlertSettings settings() {
        return AlertSettings.read(Optional.of(new StrategyParams("alerts", Map.of(
                "webhook", Map.of("url_env", "MMKIT_ALERT_WEBHOOK"),
                "telegram", Map.of("bot_token_env", "MMKIT_TELEGRAM_TOKEN", "chat_id", "777",
                        "api_url", "http://127.0.0.1:" + telegram.getPort() + "/"),
                "timeout", "10s"))));
    }

    private Map<String, String> env() {
        return Map.of("MMKIT_ALERT_WEBHOOK", "http://127.0.0.1:" + webhook.getPort() + "/alerts/" + HOOK_SECRET,
                "MMKIT_TELEGRAM_TOKEN", TOKEN,
                "MMKIT_BINANCE_SECRET", EXCHANGE_SECRET);
    }

    @Test
    void shouldPostTheAlertAsJsonToTheWebhookAndAsAMessageToTelegramWithoutSecrets() throws Exception {
        webhook.enqueue(new MockResponse.Builder().code(200).build());
        telegram.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
        try (Alerter alerter = Alerter.from(settings(), env())) {
            // An error text that happens to carry a secret (a venue echoing a signed URL, say).
            alerter.raise(new Alert(Alert.Kind.UNCLEAN_SHUTDOWN, "grid-1", Instant.parse("2026-12-02T06:00:00Z"),
                    "cancel failed: GET /api/v3/order?signature=abcdef&key=" + EXCHANGE_SECRET,
                    List.of("42000001", "42000002")));
        }

        RecordedRequest hook = webhook.takeRequest(10, TimeUnit.SECONDS);
        assertThat(hook).isNotNull();
        assertThat(hook.getMethod()).isEqualTo("POST");
        assertThat(hook.getHeaders().get("Content-Type")).startsWith("application/json");
        String hookBody = hook.getBody().utf8();
        JsonNode body = json.readTree(hookBody);
        assertThat(body.get("instance").asText()).isEqualTo("grid-1");
        assertThat(body.get("kind").asText()).isEqualTo("unclean_shutdown");
        assertThat(body.get("at").asText()).isEqualTo("2026-12-02T06:00:00Z");
        assertThat(body.get("orders")).extracting(JsonNode::asText).containsExactly("42000001", "42000002");
        assertThat(body.get("message").asText()).contains("cancel failed").contains("signature=***");
        assertThat(hookBody).doesNotContain(EXCHANGE_SECRET).doesNotContain(TOKEN).doesNotContain(HOOK_SECRET)
                .doesNotContain("abcdef");

        RecordedRequest tg = telegram.takeRequest(10, TimeUnit.SECONDS);
        assertThat(tg).isNotNull();
        assertThat(tg.getUrl().encodedPath()).isEqualTo("/bot" + TOKEN + "/sendMessage");
        JsonNode message = json.readTree(tg.getBody().utf8());
        assertThat(message.get("chat_id").asText()).isEqualTo("777");
        assertThat(message.get("text").asText()).startsWith("mmkit grid-1: orders may remain - cancel failed")
                .contains("orders that may remain: 42000001, 42000002").doesNotContain(EXCHANGE_SECRET);
    }

    @Test
    void shouldRetryAFailedDeliveryOnce() throws Exception {
        webhook.enqueue(new MockResponse.Builder().code(503).build());
        webhook.enqueue(new MockResponse.Builder().code(200).build());
        AlertSettings onlyHook = AlertSettings.read(Optional.of(new StrategyParams("alerts",
                Map.of("webhook", Map.of("url", "http://127.0.0.1:" + webhook.getPort() + "/hook")))));
        try (Alerter alerter = Alerter.from(onlyHook, Map.of())) {
            alerter.raise(new Alert(Alert.Kind.CRASH, "grid-1", Instant.EPOCH, "boom", List.of()));
        }
        assertThat(webhook.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
        RecordedRequest second = webhook.takeRequest(10, TimeUnit.SECONDS);
        assertThat(second).isNotNull();
        assertThat(json.readTree(second.getBody().utf8()).get("kind").asText()).isEqualTo("crash");
        assertThat(webhook.getRequestCount()).isEqualTo(2);
    }

    @Test
    void shouldNameTheUnsetVariableBeforeAnythingStarts() {
        assertThatThrownBy(() -> settings().requireEnv(Map.of("MMKIT_ALERT_WEBHOOK", "http://127.0.0.1:1/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerts.telegram.bot_token_env")
                .hasMessageContaining("MMKIT_TELEGRAM_TOKEN is not set");
    }

    @Test
    void shouldRefuseAWebhookWithBothOrNeitherUrlAndUrlEnv() {
        assertThatThrownBy(() -> AlertSettings.read(Optional.of(new StrategyParams("alerts",
                Map.of("webhook", Map.of("url", "http://127.0.0.1/x", "url_env", "X"))))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.webhook.url")
                .hasMessageContaining("exactly one of url and url_env");
        assertThatThrownBy(() -> AlertSettings.read(Optional.of(new StrategyParams("alerts",
                Map.of("webhook", Map.of("url", "not a url"))))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not an http(s) URL")
                .hasMessageNotContaining("not a url");
        assertThatThrownBy(() -> AlertSettings.read(Optional.of(new StrategyParams("alerts",
                Map.of("failed_iterations", 0)))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.failed_iterations");
        assertThatThrownBy(() -> AlertSettings.read(Optional.of(new StrategyParams("alerts",
                Map.of("slack", Map.of())))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("slack");
    }
}
