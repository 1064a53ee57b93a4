package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.run.testing.CliProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built CLI, as a user migrating from the Python bot runs it: {@code import-config} on a README example
 * command line (copied verbatim), then {@code --check} on the file it wrote, each its own process.
 */
class ImportConfigIT {
    private static final Duration EXIT = Duration.ofSeconds(60);
    // RFC 8032 vector 1 stands in for real Backpack keys, under the Python bot's .env names.
    private static final Map<String, String> KEYS = Map.of(
            "BACKPACK_KEY", "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "BACKPACK_SECRET", "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");

    @TempDir
    Path dir;

    private static String readmeExample(String marker) throws Exception {
        return Files.readAllLines(Path.of("src/test/resources/python-bot/run-examples.txt")).stream()
                .filter(l -> l.contains(marker)).findFirst().orElseThrow();
    }

    private static CliProcess run(Map<String, String> env, List<String> args) throws Exception {
        CliProcess p = CliProcess.start(env, args.toArray(String[]::new));
        p.awaitExit(EXIT);
        return p;
    }

    @Test
    void shouldImportTheReadmePerpExampleThenPassCheck() throws Exception {
        String line = readmeExample("--exchange backpack --market-type perp --symbol SOL_USDC_PERP --spread 0.01 "
                + "--quantity 0.1 --max-orders 2");
        Path out = dir.resolve("bp-perp.json");
        List<String> args = new ArrayList<>(List.of("import-config", "--out", out.toString()));
        args.addAll(Arrays.asList(line.split(" ")));

        try (CliProcess imported = run(Map.of(), args)) {
            assertThat(imported.exitValue()).as(imported.joined()).isZero();
            imported.assertSomeLineContains("imported as strategy perp_market_maker");
            imported.assertSomeLineContains("note: --stop-loss -1: the Python bot uses its absolute value");
        }
        String config = Files.readString(out);
        assertThat(config).contains("\"stop_loss\" : \"1\"", "\"close_excess_above\" : \"2\"",
                "\"api_key_env\" : \"BACKPACK_KEY\"");

        try (CliProcess check = run(KEYS, List.of("--strategy", "perp_market_maker", "--config", out.toString(),
                "--check"))) {
            assertThat(check.exitValue()).as(check.joined()).isZero();
            check.assertSomeLineContains("config OK: " + out);
        }
    }

    @Test
    void shouldRefuseAnUnsupportedVenueInOneLineWithStatusTwoAndWriteNothing() throws Exception {
        Path out = dir.resolve("never.json");
        List<String> args = new ArrayList<>(List.of("import-config", "--out", out.toString()));
        args.addAll(Arrays.asList(readmeExample("--exchange standx --market-type perp").split(" ")));

        try (CliProcess refused = run(Map.of(), args)) {
            assertThat(refused.exitValue()).isEqualTo(2);
            assertThat(refused.lines()).containsExactly("mmkit: import-config: --exchange standx: this mmkit build has "
                    + "no standx gateway; give --simulated to try the strategy on the embedded simulated exchange");
        }
        assertThat(out).doesNotExist();
    }
}
