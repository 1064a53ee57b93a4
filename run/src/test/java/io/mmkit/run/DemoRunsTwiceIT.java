package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.core.model.Fill;
import io.mmkit.core.store.SqliteTradeStore;
import io.mmkit.run.testing.CliProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo config run twice in one data directory: the simulated venue numbers its fills afresh each run, so
 * without a run-unique id prefix the store would take the second run's fills for the first run's and keep none
 * of them. Both runs' fills must be in the store.
 */
class DemoRunsTwiceIT {
    @TempDir
    Path dir;
    private CliProcess bot;

    @AfterEach
    void killLeftovers() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void shouldRecordTheFillsOfBothRunsInTheSameStore() throws Exception {
        Path config = demoConfigWritingTo(dir.resolve("data"));

        long firstRunFills = runDemo(config);
        List<Fill> afterFirst = storedFills();
        long secondRunFills = runDemo(config);
        List<Fill> afterSecond = storedFills();

        assertThat(firstRunFills).as("the first run logged fills").isPositive();
        assertThat(secondRunFills).as("the second run logged fills").isPositive();
        assertThat(afterFirst).hasSize((int) firstRunFills);
        assertThat(afterSecond).as("every fill of both runs is stored").hasSize((int) (firstRunFills + secondRunFills));
        assertThat(afterSecond).extracting(Fill::fillId).doesNotHaveDuplicates();
        String firstPrefix = prefixOf(afterFirst.get(0));
        assertThat(afterSecond.subList(afterFirst.size(), afterSecond.size()))
                .allSatisfy(f -> assertThat(prefixOf(f)).isNotEqualTo(firstPrefix));
    }

    /** Runs the demo to the end of its duration; returns how many fills it logged. */
    private long runDemo(Path config) throws IOException {
        bot = CliProcess.start(Map.of(), "--strategy", "grid", "--config", config.toString(), "--duration", "15s");
        await("the demo ends").atMost(Duration.ofSeconds(90))
                .until(() -> !bot.isAlive() && bot.count("exit status") > 0);
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
        long fills = bot.count("FILL ");
        bot.close();
        bot = null;
        return fills;
    }

    private List<Fill> storedFills() {
        try (SqliteTradeStore store = SqliteTradeStore.openFile(dir.resolve("data").resolve("demo-grid.db"))) {
            return store.fills("SOL_USDC", Instant.EPOCH);
        }
    }

    private static String prefixOf(Fill f) {
        return f.fillId().substring(0, f.fillId().indexOf('-') + 1);
    }

    private Path demoConfigWritingTo(Path dataDir) throws IOException {
        String text = Files.readString(CliProcess.ROOT.resolve("config/demo-grid.json"))
                .replace("\"directory\": \"data\"", "\"directory\": \"" + dataDir + "\"");
        return Files.writeString(dir.resolve("demo.json"), text);
    }
}
