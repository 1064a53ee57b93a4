package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.core.store.SqliteTradeStore;
import io.mmkit.run.testing.CliProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built CLI as a child process: once it has open orders, a signal ends it with status 0 within 2 s, no
 * order left, and the shutdown steps logged in order.
 */
class RunCommandIT {
    @TempDir
    Path dir;
    private CliProcess bot;

    @AfterEach
    void killLeftovers() {
        if (bot != null) {
            bot.close();
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void shouldStopCleanlyWithinTwoSecondsOfTheSignal(String signal) throws Exception {
        Path config = demoConfigWritingTo(dir.resolve("data"));
        bot = CliProcess.start(Map.of(), "--strategy", "grid", "--config", config.toString());
        await("orders resting").atMost(Duration.ofSeconds(60)).until(() -> bot.count("placed BUY") > 0
                && bot.count("placed SELL") > 0 && bot.count("| resting ") > 0);

        Duration took = bot.signalAndAwaitExit(signal, Duration.ofSeconds(2));

        assertThat(took).as("exited within 2 s of SIG%s; output:%n%s", signal, bot.joined()).isNotNull();
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
        // The signal thread's own line may come before or after the loop's: only the cleanup's order matters.
        bot.assertSomeLineContains("received SIG" + signal);
        bot.assertLinesInOrder(
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
                "exit status 0");
        bot.assertSomeLineContains("venue lists none of ours");
        bot.assertSomeLineContains("shutdown complete", "no orders remain");
        try (SqliteTradeStore store = SqliteTradeStore.openFile(dir.resolve("data").resolve("demo-grid.db"))) {
            assertThat(store.openOrderIds("SOL_USDC")).isEmpty();
        }
    }

    private Path demoConfigWritingTo(Path dataDir) throws IOException {
        String text = Files.readString(CliProcess.ROOT.resolve("config/demo-grid.json"))
                .replace("\"directory\": \"data\"", "\"directory\": \"" + dataDir + "\"");
        return Files.writeString(dir.resolve("demo.json"), text);
    }
}
