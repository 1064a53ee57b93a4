package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.run.testing.DaemonCli;
import io.mmkit.run.testing.DaemonCli.Result;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bot killed behind the supervisor's back: the supervisor, which outlives it, tells the owner's webhook. */
class DaemonCrashAlertIT {
    private static final String SWEEP = "io.mmkit.run.testing.NothingToCancelSweep";

    @TempDir
    Path dir;
    private Path config;
    private DaemonCli cli;
    private final MockWebServer webhook = new MockWebServer();

    @BeforeEach
    void setUp() throws Exception {
        webhook.start(InetAddress.getByName("127.0.0.1"), 0);
        webhook.enqueue(new MockResponse.Builder().code(200).build());
        Path demo = DaemonCli.demoGridConfig(dir.resolve("demo.json"), dir.resolve("data"));
        String withAlerts = Files.readString(demo).replace("\"store\":",
                "\"alerts\": {\"webhook\": {\"url\": \"http://127.0.0.1:" + webhook.getPort() + "/hook\"}},\n  \"store\":");
        config = Files.writeString(demo, withAlerts);
        cli = new DaemonCli(Files.createDirectories(dir.resolve("cwd")), Map.of("MMKIT_HOME", dir.resolve("home").toString()));
    }

    @AfterEach
    void stopAnything() throws Exception {
        cli.daemon("stop", "--config", config.toString(), "--timeout", "5s");
        webhook.close();
    }

    @Test
    void shouldAlertTheWebhookWhenTheBotProcessDiesWhileRunning() throws Exception {
        Result started = cli.daemon("start", "--strategy", "grid", "--config", config.toString(), "--sweep-main", SWEEP);
        assertThat(started.status()).as(started.output()).isZero();

        DaemonCli.signal("KILL", started.botPid());

        RecordedRequest alert = webhook.takeRequest(90, TimeUnit.SECONDS);
        assertThat(alert).as("the supervisor's crash alert").isNotNull();
        JsonNode json = new ObjectMapper().readTree(alert.getBody().utf8());
        assertThat(json.get("kind").asText()).isEqualTo("crash");
        assertThat(json.get("instance").asText()).isEqualTo("demo-grid");
        assertThat(json.get("message").asText()).contains("died while running").contains("exit code 137");
    }
}
