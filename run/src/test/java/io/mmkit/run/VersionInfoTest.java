package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.spi.StrategyCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --version}: the version and commit written into the build, "unknown" where the build had none. */
class VersionInfoTest {
    @Test
    void shouldPrintTheBuiltVersionAndACommit() {
        StringWriter out = new StringWriter();
        CommandLine cl = RunCommand.commandLine(new RunCommand(Map.of(), StrategyCatalog.load()));
        cl.setOut(new PrintWriter(out, true));

        assertThat(cl.execute("--version")).isZero();

        // A build from a git checkout has the commit; one from a source tarball says unknown. Never a placeholder.
        assertThat(out.toString().lines().findFirst().orElseThrow())
                .matches("mmkit \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{7,}|unknown)\\)");
        assertThat(out.toString()).contains("Java 17").doesNotContain("${");
    }

    @Test
    void shouldSayUnknownWhereTheBuildWroteNothingOrLeftAPlaceholder() {
        assertThat(new VersionInfo(null, null).line()).isEqualTo("mmkit unknown (commit unknown)");
        assertThat(new VersionInfo("${project.version}", " ").line()).isEqualTo("mmkit unknown (commit unknown)");
        assertThat(new VersionInfo("1.2.3", "abc1234").line()).isEqualTo("mmkit 1.2.3 (commit abc1234)");
    }
}
