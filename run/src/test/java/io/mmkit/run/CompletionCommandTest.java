package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.spi.StrategyCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code mmkit completion}: a bash script generated from the real command model. */
class CompletionCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = RunCommand.commandLine(new RunCommand(Map.of(), StrategyCatalog.load()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void shouldPrintABashScriptCoveringSubcommandsAndOptions() {
        assertThat(run("completion", "bash")).isZero();

        assertThat(out.toString()).contains("complete -F _complete_mmkit", "mmkit")
                .contains("backtest", "daemon", "cancel-all", "collect", "completion")
                .contains("--strategy", "--config", "--plugins", "--sweep");
    }

    @Test
    void shouldDefaultToBashAndRefuseAnUnknownShell() {
        assertThat(run("completion")).isZero();
        assertThat(out.toString()).contains("complete -F _complete_mmkit");

        assertThat(run("completion", "fish")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mmkit: completion: unknown shell \"fish\" (expected bash or zsh)");
    }
}
