package io.mmkit.backtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A sweep spread over separate processes ({@code --combination i}, one per Kubernetes Indexed Job pod) and put back
 * together by {@code backtest merge} gives the very table a whole sweep gives.
 */
class SweepCombinationMergeTest {
    private static final String[] SWEEP = {"--sweep", "order_quantity=20,50", "--sweep",
            "backtest.fill_model=touch,optimistic"};

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int backtest(Path out, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--strategy", "grid", "--config", BacktestCommandTest.config(),
                "--no-progress", "--threads", "2", "--out", out.toString()));
        all.addAll(List.of(args));
        return execute(all.toArray(String[]::new));
    }

    private int execute(String... args) {
        stdout.reset();
        stderr.reset();
        return new CommandLine(new BacktestCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8))).execute(args);
    }

    private String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private int combination(Path out, int index) throws Exception {
        List<String> args = new ArrayList<>(List.of(SWEEP));
        args.addAll(List.of("--combination", Integer.toString(index)));
        return backtest(out, args.toArray(String[]::new));
    }

    @Test
    void shouldMergeCombinationsRunApartIntoTheTableOfTheWholeSweep() throws Exception {
        Path whole = dir.resolve("whole");
        assertThat(backtest(whole, SWEEP)).as(err()).isZero();

        Path apart = dir.resolve("apart");
        for (int i = 3; i >= 0; i--) { // any order, as pods finish
            assertThat(combination(apart, i)).as(err()).isZero();
            assertThat(out()).startsWith("combination " + i + " of 4 (run-00" + (i + 1) + "_");
        }
        assertThat(apart.resolve("sweep.csv")).doesNotExist(); // a combination writes its own folder only
        assertThat(execute("merge", apart.toString())).as(err()).isZero();

        for (String file : List.of("sweep.csv", "sweep.json", "sweep.txt")) {
            assertThat(Files.readString(apart.resolve(file))).as(file).isEqualTo(Files.readString(whole.resolve(file)));
        }
        assertThat(out()).contains("merged 4 of 4 combinations").contains("2 of 4 runs FAILED");
        JsonNode merged = new ObjectMapper().readTree(apart.resolve("sweep.json").toFile());
        assertThat(merged.get("rows").get(1).get("error").asText()).contains("unknown fill model \"optimistic\"");
        assertThat(apart.resolve(merged.get("rows").get(0).get("report").asText())).isRegularFile();
        assertThat(Files.readString(apart.resolve("sweep.html"))).contains("grid on ")
                .contains("order_quantity").contains("<tr class=\"failed\">");
    }

    @Test
    void shouldShowAMissingCombinationAsFailedAndGatherRunsFromSeveralFolders() throws Exception {
        Path a = dir.resolve("pod-a");
        Path b = dir.resolve("pod-b");
        assertThat(combination(a, 0)).as(err()).isZero();
        assertThat(combination(b, 2)).as(err()).isZero();
        Path merged = dir.resolve("merged");

        assertThat(execute("merge", a.toString(), b.toString(), "--out", merged.toString())).as(err()).isZero();

        JsonNode sweep = new ObjectMapper().readTree(merged.resolve("sweep.json").toFile());
        assertThat(sweep.get("runs").asInt()).isEqualTo(4);
        assertThat(sweep.get("rows").get(3).get("run").asText()).isEqualTo("run-004_order_quantity=50_fill_model=optimistic");
        assertThat(sweep.get("rows").get(3).get("error").asText())
                .isEqualTo("no result: combination 3 did not run or wrote no row.json");
        assertThat(out()).contains("merged 2 of 4 combinations").contains("2 MISSING");
        assertThat(merged.resolve(sweep.get("rows").get(0).get("report").asText())).isRegularFile();
        assertThat(merged.resolve(sweep.get("rows").get(2).get("report").asText())).isRegularFile();
    }

    @Test
    void shouldRefuseAnIndexOutsideTheSweepAndMergingNothing() throws Exception {
        assertThat(combination(dir.resolve("x"), 4)).isEqualTo(2);
        assertThat(err().strip()).isEqualTo(
                "backtest: --combination: must be 0..3 (the sweep has 4 combinations), was 4");

        assertThat(backtest(dir.resolve("y"), "--combination", "0")).isEqualTo(2);
        assertThat(err().strip()).contains("--combination picks one combination of a --sweep");

        Files.createDirectories(dir.resolve("empty"));
        assertThat(execute("merge", dir.resolve("empty").toString())).isEqualTo(2);
        assertThat(err().strip()).startsWith("backtest merge: no sweep rows (runs/*/row.json) under ");
    }

    @Test
    void shouldRefuseRowsOfDifferentSweeps() throws Exception {
        Path shared = dir.resolve("shared");
        assertThat(combination(shared, 0)).as(err()).isZero();
        assertThat(backtest(shared, "--sweep", "order_quantity=20,30", "--combination", "1")).as(err()).isZero();

        assertThat(execute("merge", shared.toString())).isEqualTo(2);
        assertThat(err()).contains("is a row of another sweep than");
    }
}
