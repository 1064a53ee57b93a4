package io.mmkit.run.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.run.testing.CliProcess;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built CLI on the offline demo venue with a kill switch set to trip on the first loss: the owner's
 * loopback webhook hears of it while the bot cancels everything and stops, and the alert carries no secret.
 */
class KillSwitchAlertIT {
    private static final String HOOK_SECRET = "T0KEN-in-the-webhook-path";
    private static final String VENUE_SECRET = "venue-secret-that-must-not-leak";

    @TempDir
    Path dir;
    private final MockWebServer webhook = new MockWebServer();
    private CliProcess bot;

    @BeforeEach
    void start() throws Exception {
        webhook.start(InetAddress.getByName("127.0.0.1"), 0);
        for (int i = 0; i < 4; i++) {
            webhook.enqueue(new MockResponse.Builder().code(200).build());
        }
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        webhook.close();
    }

    @Test
    void shouldPostTheKillSwitchToTheWebhookWithoutSecretsAndStopClean() throws Exception {
        String demo = Files.readString(CliProcess.ROOT.resolve("config/demo-grid.json"));
        String config = demo
                .replace("\"directory\": \"data\"", "\"directory\": \"" + dir.resolve("data") + "\"")
                .replace("\"order_quantity\": \"0.5\"",
                        "\"order_quantity\": \"0.5\", \"risk\": {\"max_drawdown\": \"0.001\"}")
                .replace("\"store\":", "\"alerts\": {\"webhook\": {\"url_env\": \"MMKIT_IT_ALERT_WEBHOOK\"}},\n  \"store\":");
        assertThat(config).contains("max_drawdown").contains("MMKIT_IT_ALERT_WEBHOOK");
        Path file = Files.writeString(dir.resolve("demo-alerts.json"), config);

        bot = CliProcess.start(Map.of("MMKIT_IT_ALERT_WEBHOOK", "http://127.0.0.1:" + webhook.getPort() + "/hooks/" + HOOK_SECRET,
                        "MMKIT_IT_VENUE_SECRET", VENUE_SECRET),
                "--strategy", "grid", "--config", file.toString(), "--duration", "120s");

        RecordedRequest alert = webhook.takeRequest(120, TimeUnit.SECONDS);
        assertThat(alert).as("an alert reached the webhook; bot output:%n%s", bot.joined()).isNotNull();
        assertThat(alert.getUrl().encodedPath()).isEqualTo("/hooks/" + HOOK_SECRET);
        String body = alert.getBody().utf8();
        JsonNode json = new ObjectMapper().readTree(body);
        assertThat(json.get("kind").asText()).isEqualTo("kill_switch");
        assertThat(json.get("instance").asText()).isEqualTo("demo-grid");
        assertThat(json.get("message").asText()).startsWith("kill switch: drawdown").contains("max_drawdown 0.001");
        assertThat(body).doesNotContain(HOOK_SECRET).doesNotContain(VENUE_SECRET);

        assertThat(bot.awaitExit(Duration.ofSeconds(60))).as("the bot exits after its kill switch").isNotNull();
        assertThat(bot.exitValue()).as("a kill switch is a failed run: %n%s", bot.joined()).isEqualTo(1);
        bot.assertSomeLineContains("shutdown complete", "no orders remain");
        bot.assertSomeLineContains("alert kill_switch delivered to webhook 127.0.0.1");
        assertThat(bot.joined()).doesNotContain(HOOK_SECRET).doesNotContain(VENUE_SECRET);
        assertThat(webhook.getRequestCount()).as("one alert: the clean shutdown raises none").isEqualTo(1);
        assertThat(dir.resolve("data").resolve("demo-grid.log")).as("the instance's own log file")
                .content().contains("kill switch");
    }
}
