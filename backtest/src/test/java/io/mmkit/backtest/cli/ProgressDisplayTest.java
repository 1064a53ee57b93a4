package io.mmkit.backtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    @Test
    void shouldWritePlainLinesWithRateAndEtaIntoAPipe() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream pipe = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        try (ProgressDisplay bar = ProgressDisplay.open(pipe, ProgressDisplay.isTerminal(pipe), "4 runs", 4, "runs")) {
            for (int i = 1; i <= 4; i++) {
                bar.stepTo(i);
            }
        }

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").doesNotContain("\u001b[");
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).contains("4 runs 100%").contains("4/4 runs")
                .contains("runs/s").matches(".*\\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\).*");
    }
}
