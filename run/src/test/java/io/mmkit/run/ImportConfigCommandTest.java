package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.spi.StrategyCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code import-config} on the Python bot's own example command lines (its README's quick start, copied with its
 * MIT notice into {@code src/test/resources/python-bot}) and on web-console JSON: every example is either
 * imported into a config that passes {@code --check}, or refused with one line naming what cannot carry over.
 */
class ImportConfigCommandTest {
    private static final Path EXAMPLES = Path.of("src/test/resources/python-bot");
    // RFC 8032 vector 1 stands in for real Backpack keys, under the Python bot's .env names.
    private static final Map<String, String> ENV = Map.of(
            "BACKPACK_KEY", "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "BACKPACK_SECRET", "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=",
            "ASTER_API_KEY", "example-key", "ASTER_SECRET_KEY", "example-secret");

    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
    }

    private static Result execute(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = RunCommand.commandLine(new RunCommand(ENV, StrategyCatalog.load()));
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        int status = cl.execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    static Stream<String> readmeExamples() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLES.resolve("run-examples.txt"));
        assertThat(lines).hasSize(25);
        return lines.stream();
    }

    /** Imports {@code python run.py ...} (or a JSON file) to {@code out}, with the importer's extra options. */
    private static Result importTo(Path out, List<String> python, String... extra) {
        List<String> args = new ArrayList<>(List.of("import-config", "--out", out.toString()));
        args.addAll(List.of(extra));
        args.addAll(python);
        return execute(args.toArray(String[]::new));
    }

    private static String strategyOf(Result imported) {
        String first = imported.err().lines().findFirst().orElseThrow();
        return first.replaceAll(".*--strategy (\\S+) .*", "$1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmeExamples")
    void shouldImportEachReadmeExampleToAConfigThatPassesCheckOrRefuseItInOneLine(String line) {
        List<String> python = Arrays.asList(line.split(" "));
        Path out = dir.resolve("imported.json");
        String exchange = line.replaceAll(".*--exchange (\\S+).*", "$1");

        Result imported = importTo(out, python);

        boolean venueHere = line.contains("--exchange backpack") || (exchange.equals("aster") && Venues.knows("aster"));
        if (line.contains("maker_hedge") && !line.contains("--quantity")) {
            // mmkit's maker_taker_hedge has no balance-sized quotes: the one README example without a size
            for (String[] extra : List.of(new String[0], new String[] {"--simulated"})) {
                Result r = importTo(out, python, extra);
                assertThat(r.status()).isEqualTo(2);
                assertThat(r.err().strip()).hasLineCount(1).startsWith("mmkit: import-config: --quantity: not given");
            }
            assertThat(out).doesNotExist();
            return;
        }
        if (line.contains("--web") || line.contains("--cli")) {
            assertThat(imported.status()).isEqualTo(2);
            assertThat(imported.err().strip()).hasLineCount(1).contains("interactive modes have no mmkit equivalent");
            assertThat(out).doesNotExist();
            return;
        }
        if (!venueHere) {
            assertThat(imported.status()).isEqualTo(2);
            assertThat(imported.err().strip()).hasLineCount(1)
                    .isEqualTo("mmkit: import-config: --exchange " + exchange + ": this mmkit build has no " + exchange
                            + " gateway; give --simulated to try the strategy on the embedded simulated exchange");
            assertThat(out).doesNotExist();
        } else {
            assertThat(imported.status()).as(imported.err()).isZero();
            Result check = execute("--strategy", strategyOf(imported), "--config", out.toString(), "--check");
            assertThat(check.status()).as(check.err()).isZero();
            assertThat(check.out()).startsWith("config OK");
        }
        // Every example, whatever its venue, also imports onto the simulated exchange and passes --check.
        Path sim = dir.resolve("simulated.json");
        Result simulated = importTo(sim, python, "--simulated");
        assertThat(simulated.status()).as(simulated.err()).isZero();
        Result check = execute("--strategy", strategyOf(simulated), "--config", sim.toString(), "--check");
        assertThat(check.status()).as(check.err()).isZero();
    }

    @Test
    void shouldImportTheWebConsolesJsonAndPassCheck() {
        for (String file : List.of("web-console-perp.json", "web-console-spot-grid.json")) {
            Path out = dir.resolve(file);
            Result imported = importTo(out, List.of(EXAMPLES.resolve(file).toString()));
            assertThat(imported.status()).as(imported.err()).isZero();
            Result check = execute("--strategy", strategyOf(imported), "--config", out.toString(), "--check");
            assertThat(check.status()).as(file + ": " + check.err()).isZero();
        }
    }

    @Test
    void shouldPrintToStdoutAndNameEachDifferenceOnStderr() {
        Result r = execute("import-config", "--exchange", "backpack", "--market-type", "perp", "--symbol",
                "SOL_USDC_PERP", "--spread", "0.2", "--quantity", "0.1", "--stop-loss", "-10");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("\"stop_loss\" : \"10\"").contains("\"close_excess_above\" : \"1\"");
        assertThat(r.err()).startsWith("imported as strategy perp_market_maker")
                .contains("note: --stop-loss -10: the Python bot uses its absolute value");
    }

    @Test
    void shouldRefuseWhatItCannotMapInOneLineAndWriteNothing() {
        Path out = dir.resolve("never.json");
        Map<List<String>, String> refusals = Map.of(
                List.of("--symbol", "SOL_USDC_PERP", "--market-type", "perp", "--spread", "0.1"),
                "mmkit: import-config: --quantity: not given; the Python bot then sizes orders from the balance",
                List.of("--symbol", "SOL_USDC_PERP", "--strategy", "perp_grid", "--auto-price", "--quantity", "0.1",
                        "--stop-loss", "-5"),
                "mmkit: import-config: --stop-loss: mmkit's perp_grid has no stop_loss",
                List.of("--symbol", "SOL_USDC_PERP", "--strategy", "perp_grid", "--grid-type", "long", "--quantity",
                        "0.1"),
                "mmkit: import-config: --grid-type long with an automatic range",
                List.of("--symbol", "SOL_USDC", "--spread", "0.1", "--leverage", "3"),
                "mmkit: import-config: --leverage: not a flag of the Python bot's run.py",
                List.of("--symbol", "SOL_USDC", "--spread", "abc"),
                "mmkit: import-config: --spread: not a number: \"abc\"",
                List.of("--symbol", "SOL_USDC", "--spread", "0.1", "--enable-rebalance", "--disable-rebalance"),
                "mmkit: import-config: --enable-rebalance and --disable-rebalance: the Python bot refuses both",
                List.of("--symbol", "SOL_USDC_PERP", "--market-type", "perp", "--spread", "0.1", "--quantity", "1",
                        "--target-position", "0", "--position-threshold", "0"),
                "mmkit: import-config: --position-threshold 0 with --target-position 0",
                List.of("--web"),
                "mmkit: import-config: --web: the Python bot's interactive modes have no mmkit equivalent");
        refusals.forEach((python, expected) -> {
            Result r = importTo(out, python);
            assertThat(r.status()).as(python.toString()).isEqualTo(2);
            assertThat(r.err().strip()).hasLineCount(1).startsWith(expected);
            assertThat(out).doesNotExist();
        });
    }
}
