package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.core.store.SqliteTradeStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built CLI as a child process: once it has open orders, a signal ends it with status 0 within 2 s, no
 * order left, and the shutdown steps logged in order.
 */
class RunCommandIT {
    private static final Path JAR = Path.of(System.getProperty("mmkit.jar", "target/mmkit.jar"));
    private static final Path ROOT = Path.of(System.getProperty("mmkit.root", ".."));

    @TempDir
    Path dir;
    private Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void shouldStopCleanlyWithinTwoSecondsOfTheSignal(String signal) throws Exception {
        Path config = demoConfigWritingTo(dir.resolve("data"));
        start(config);
        await("orders resting").atMost(Duration.ofSeconds(60)).until(() -> count("placed BUY") > 0
                && count("placed SELL") > 0 && count("| resting ") > 0);

        long signalled = System.nanoTime();
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        boolean exited = process.waitFor(2, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);

        assertThat(exited).as("exited within 2 s of SIG%s; output:%n%s", signal, String.join("\n", output)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertStepsLoggedInOrder();
        assertThat(output).anySatisfy(l -> assertThat(l).contains("venue lists none of ours"));
        assertThat(output).anySatisfy(l -> assertThat(l).contains("shutdown complete").contains("no orders remain"));
        try (SqliteTradeStore store = SqliteTradeStore.openFile(dir.resolve("data").resolve("demo-grid.db"))) {
            assertThat(store.openOrderIds("SOL_USDC")).isEmpty();
        }
    }

    private void assertStepsLoggedInOrder() {
        // The signal thread's own line may come before or after the loop's: only the cleanup's order matters.
        assertThat(output).anySatisfy(l -> assertThat(l).contains("received SIG"));
        String[] expected = {
            "loop ended",
            "shutdown [1/5] cancel all orders: started",
            "shutdown [1/5] cancel all orders: done",
            "shutdown [2/5] save data: started",
            "shutdown [2/5] save data: done",
            "shutdown [3/5] close market data: started",
            "shutdown [3/5] close market data: done",
            "shutdown [4/5] close store: started",
            "shutdown [4/5] close store: done",
            "shutdown [5/5] shut down executor: started",
            "shutdown [5/5] shut down executor: done",
            "shutdown complete",
            "exit status 0",
        };
        List<String> lines = List.copyOf(output);
        int at = -1;
        for (String step : expected) {
            int found = -1;
            for (int i = at + 1; i < lines.size(); i++) {
                if (lines.get(i).contains(step)) {
                    found = i;
                    break;
                }
            }
            assertThat(found).as("'%s' logged after line %d in:%n%s", step, at, String.join("\n", lines))
                    .isGreaterThan(at);
            at = found;
        }
    }

    private Path demoConfigWritingTo(Path dataDir) throws IOException {
        String text = Files.readString(ROOT.resolve("config/demo-grid.json"))
                .replace("\"directory\": \"data\"", "\"directory\": \"" + dataDir + "\"");
        return Files.writeString(dir.resolve("demo.json"), text);
    }

    private void start(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-jar", JAR.toString(), "--strategy", "grid", "--config", config.toString())
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    private long count(String fragment) {
        synchronized (output) {
            return output.stream().filter(l -> l.contains(fragment)).count();
        }
    }
}
