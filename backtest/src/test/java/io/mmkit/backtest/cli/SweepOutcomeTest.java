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

/** What a sweep leaves behind: every combination's own report, the best marked, a bad combination kept as failed. */
class SweepOutcomeTest {
    @TempDir
    Path out;

    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--strategy", "grid", "--config", BacktestCommandTest.config(),
                "--no-progress", "--threads", "2", "--out", out.toString()));
        all.addAll(List.of(args));
        return new CommandLine(new BacktestCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8))).execute(all.toArray(String[]::new));
    }

    String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldFinishTheOtherRunsAndMarkTheBadCombinationFailed() throws Exception {
        int status = run("--sweep", "backtest.fill_model=touch,optimistic,queue");

        assertThat(status).as(err()).isZero();
        JsonNode sweep = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertThat(sweep.get("runs").asInt()).isEqualTo(3);
        assertThat(sweep.get("failed").asInt()).isEqualTo(1);
        JsonNode rows = sweep.get("rows");
        assertThat(rows.get(0).get("status").asText()).isEqualTo("ok");
        assertThat(rows.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(rows.get(1).get("error").asText()).contains("unknown fill model \"optimistic\"");
        assertThat(rows.get(2).get("status").asText()).isEqualTo("ok");
        // The good ones have their own reports; the bad one its error.
        assertThat(out.resolve(rows.get(0).get("report").asText())).isRegularFile();
        assertThat(out.resolve(rows.get(2).get("report").asText())).isRegularFile();
        assertThat(out.resolve("runs").resolve(rows.get(1).get("run").asText()).resolve("error.txt"))
                .content().contains("optimistic");
        String page = Files.readString(out.resolve("sweep.html"));
        assertThat(page).contains("<tr class=\"failed\">").contains("unknown fill model &quot;optimistic&quot;");
        assertThat(Files.readString(out.resolve("sweep.csv")).lines().skip(2).findFirst().orElseThrow())
                .contains(",failed,");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("FAILED: ").contains("1 of 3 runs FAILED");
    }

    @Test
    void shouldMarkTheBestRunByTheChosenMetric() throws Exception {
        int status = run("--sweep", "order_quantity=20,50", "--sweep", "grid_num=8,16", "--sweep-metric",
                "max_drawdown");

        assertThat(status).as(err()).isZero();
        JsonNode sweep = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        JsonNode rows = sweep.get("rows");
        JsonNode lowest = null;
        for (JsonNode r : rows) {
            if (lowest == null || r.get("metrics").get("max_drawdown").asDouble()
                    < lowest.get("metrics").get("max_drawdown").asDouble()) {
                lowest = r;
            }
        }
        assertThat(sweep.get("metric").asText()).isEqualTo("max_drawdown");
        assertThat(sweep.get("best").asText()).isEqualTo(lowest.get("run").asText());
        assertThat(lowest.get("best").asBoolean()).isTrue();
        String page = Files.readString(out.resolve("sweep.html"));
        int bestNumber = rows.findValuesAsText("run").indexOf(lowest.get("run").asText()) + 1;
        assertThat(page).contains("<tr class=\"best\">").contains("run-00" + bestNumber + " ★ best")
                .contains("id=\"heat-map\"");
        for (JsonNode r : rows) {
            assertThat(out.resolve(r.get("report").asText())).isRegularFile();
            assertThat(page).contains("href=\"" + r.get("report").asText() + "\"");
        }
    }

    @Test
    void shouldSweepABooleanFlag() throws Exception {
        int status = run("--sweep", "backtest.liquidity_consumption=true,false");

        assertThat(status).as(err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(out.resolve("sweep.json").toFile()).get("rows");
        assertThat(rows).extracting(r -> r.get("status").asText()).containsExactly("ok", "ok");
        assertThat(rows.get(0).get("values").get("backtest.liquidity_consumption").asBoolean()).isTrue();
    }

    @Test
    void shouldRefuseAnUnknownKeyBeforeAnyRun() throws Exception {
        int status = run("--sweep", "order_quantity=20,50", "--sweep", "strategy.grid_nun=8,16");

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("strategy.grid_nun: unknown key");
        assertThat(out.resolve("runs")).doesNotExist();
        assertThat(out.resolve("sweep.json")).doesNotExist();
    }

    @Test
    void shouldRefuseAnUnknownExchangeKeyAndAnUnknownMetric() throws Exception {
        assertThat(run("--sweep", "exchange.maker_fe=0,0.0001")).isEqualTo(2);
        assertThat(err()).contains("exchange.maker_fe: unknown key");
        assertThat(run("--sweep", "order_quantity=20,50", "--sweep-metric", "luck")).isEqualTo(2);
        assertThat(err()).contains("unknown sweep metric \"luck\"");
        assertThat(out.resolve("runs")).doesNotExist();
    }
}
