package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.run.testing.CliProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon manager starts a bot in the background and stops it through SIGTERM, cleanly and quickly. */
class DaemonIT {
    private static final Path JAR = CliProcess.JAR;
    private static final Path ROOT = CliProcess.ROOT;

    @TempDir
    Path dir;

    @AfterEach
    void stopAnything() throws Exception {
        daemon("stop", "--instance", "demo-grid", "--timeout", "5s");
    }

    @Test
    void shouldStartInTheBackgroundAndStopCleanlyOnCommand() throws Exception {
        Path config = Files.writeString(dir.resolve("demo.json"),
                Files.readString(ROOT.resolve("config/demo-grid.json"))
                        .replace("\"directory\": \"data\"", "\"directory\": \"" + dir.resolve("data") + "\""));

        Result start = daemon("start", "--strategy", "grid", "--config", config.toString());
        assertThat(start.status()).as(start.output()).isZero();
        assertThat(start.output()).contains("started demo-grid");
        Path log = dir.resolve("logs/demo-grid.log");
        await("bot quoting").atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log)
                && Files.readString(log, StandardCharsets.UTF_8).contains("| resting "));
        assertThat(daemon("status").output()).contains("demo-grid").contains("running");
        assertThat(daemon("start", "--strategy", "grid", "--config", config.toString()).output())
                .contains("already running");

        Result stop = daemon("stop", "--config", config.toString());

        assertThat(stop.status()).as(stop.output()).isZero();
        assertThat(stop.output()).contains("stopped demo-grid in").contains("exit status 0");
        long millis = Long.parseLong(stop.output().replaceAll("(?s).*stopped demo-grid in (\\d+) ms.*", "$1"));
        assertThat(millis).isLessThan(5_000);
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("no orders remain");
        assertThat(dir.resolve("run/demo-grid.pid")).doesNotExist();
        assertThat(daemon("status").output()).doesNotContain("running");
    }

    private record Result(int status, String output) {
    }

    private Result daemon(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "daemon"));
        command.add(args[0]);
        for (int i = 1; i < args.length; i++) {
            command.add(args[i]);
        }
        command.addAll(java.util.List.of("--run-dir", dir.resolve("run").toString(),
                "--log-dir", dir.resolve("logs").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
