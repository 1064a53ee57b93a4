package io.mmkit.run.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.run.testing.DaemonCli;
import io.mmkit.run.testing.DaemonCli.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mmkit status} on three daemon instances of the demo, one of whose bots is killed with SIGKILL: the table
 * shows the two running with their live position, PnL, fills and orders and the third as crashed with its exit
 * code and the figures its store holds; {@code status <id>} and {@code --json} give the full view of one.
 */
class StatusCommandIT {
    private static final String SWEEP = "io.mmkit.run.testing.NothingToCancelSweep";
    private static final List<String> IDS = List.of("alpha", "bravo", "charlie");

    @TempDir
    Path dir;
    private DaemonCli cli;
    private Path home;
    private final List<Path> configs = new ArrayList<>();

    @BeforeEach
    void startThree() throws Exception {
        home = dir.resolve("home");
        cli = new DaemonCli(Files.createDirectories(dir.resolve("cwd")), Map.of("MMKIT_HOME", home.toString()));
        for (String id : IDS) {
            Path config = DaemonCli.demoGridConfig(dir.resolve(id + ".json"), dir.resolve("data-" + id));
            Files.writeString(config, Files.readString(config).replace("\"demo-grid\"", "\"" + id + "\""));
            configs.add(config);
            Result started = cli.daemon("start", "--strategy", "grid", "--config", config.toString(),
                    "--sweep-main", SWEEP);
            assertThat(started.status()).as(started.output()).isZero();
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        for (String id : IDS) {
            cli.daemon("stop", "--instance", id, "--timeout", "10s");
        }
    }

    @Test
    void shouldShowTwoRunningInstancesLiveAndTheCrashedOneFromItsStore() throws Exception {
        // Every bot answers on its endpoint with a few fills behind it before one is killed.
        await("all three live with fills").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    JsonNode all = json(status("--json"));
                    for (JsonNode v : all) {
                        if (!"live".equals(v.path("source").asText()) || v.path("fillsToday").asLong() < 1) {
                            return false;
                        }
                    }
                    return all.size() == 3;
                });
        long charlie = cli.daemon("status", "--instance", "charlie").botPid();
        DaemonCli.signal("KILL", charlie);
        await("charlie crashed and swept").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> status("charlie").output().contains("cancel-all sweep exit 0"));

        Result table = status();
        assertThat(table.status()).as("a crashed instance is trouble: " + table.output()).isEqualTo(1);
        List<String> lines = table.output().lines().toList();
        assertThat(lines.get(0)).contains("INSTANCE", "STATE", "UPTIME", "POSITION", "REALIZED", "UNREALIZED",
                "NET PNL", "FILLS", "ORDERS", "LAST EXIT");
        assertThat(row(lines, "alpha")).contains("running").doesNotContain("crashed");
        assertThat(row(lines, "bravo")).contains("running");
        assertThat(row(lines, "charlie")).contains("crashed", "exit 137 (signal 9) crashed");

        JsonNode all = json(status("--json"));
        assertThat(all).hasSize(3);
        for (JsonNode v : all) {
            if (v.path("instance").asText().equals("charlie")) {
                assertThat(v.path("state").asText()).isEqualTo("crashed");
                assertThat(v.path("source").asText()).isEqualTo("store");
                assertThat(v.path("lastExitCode").asLong()).isEqualTo(137);
                assertThat(v.path("lastOutcome").asText()).isEqualTo("crashed");
                assertThat(v.path("fillsToday").asLong()).isPositive();
                assertThat(v.path("openOrders")).as("what the store last recorded open").isNotEmpty();
                assertThat(v.path("uptime").isNull()).isTrue();
            } else {
                assertThat(v.path("state").asText()).isEqualTo("running");
                assertThat(v.path("source").asText()).isEqualTo("live");
                assertThat(v.path("uptime").asText()).isNotEmpty();
                assertThat(v.path("endpoint").asText()).startsWith("http://127.0.0.1:");
                assertThat(v.path("balances").findValuesAsText("asset")).contains("SOL", "USDC");
                assertThat(v.path("openOrders")).isNotEmpty();
                assertThat(v.path("openOrders").findValues("distanceToTouch"))
                        .allSatisfy(d -> assertThat(d.decimalValue()).isNotNegative());
                assertThat(v.has("netPnl") && v.has("realizedPnl") && v.has("unrealizedPnl")).isTrue();
            }
        }

        Result one = status("alpha");
        assertThat(one.status()).isZero();
        assertThat(one.output()).contains("alpha: running", "figures from   the running bot", "balances", "SOL",
                "net PnL", "fills today", "open orders", "from the touch", "endpoint       http://127.0.0.1:");
        Result crashed = status("charlie");
        assertThat(crashed.status()).isEqualTo(1);
        assertThat(crashed.output()).contains("charlie: crashed", "exit code 137 = killed by signal 9",
                "figures from   the store", "recorded open", "last exit      exit 137");
    }

    private static String row(List<String> lines, String id) {
        return lines.stream().filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow(
                () -> new AssertionError("no row for " + id + " in " + lines));
    }

    private JsonNode json(Result r) throws IOException {
        return new ObjectMapper().readTree(r.output());
    }

    /** {@code mmkit status <args>} as a child process, with the daemon's home in MMKIT_HOME. */
    private Result status(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", DaemonCli.classpath(),
                "io.mmkit.run.Main", "status"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "status", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("MMKIT_HOME", home.toString());
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("status did not exit within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
