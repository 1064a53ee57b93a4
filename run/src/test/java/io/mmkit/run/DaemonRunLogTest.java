package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonRunLogTest {
    @TempDir
    Path dir;

    @Test
    void shouldReportRunningOnlyOnceTheFirstStatusLineIsComplete() throws Exception {
        Path file = dir.resolve("run-0001.log");
        RunLog log = new RunLog(file, "bot-1");
        assertThat(log.reportsRunningYet()).as("no file yet").isFalse();
        Files.writeString(file, "INFO  [bot-1] starting: 1 market(s)\nINFO  [bot-2] #1 bid 1 ask 2 | resting 0\n");
        assertThat(log.reportsRunningYet()).as("another instance's line").isFalse();
        Files.writeString(file, "INFO  [bot-1] #1 bid 150 ask", StandardOpenOption.APPEND);
        assertThat(log.reportsRunningYet()).as("half a line").isFalse();
        Files.writeString(file, " 150.1 | resting 20 | position 0\n", StandardOpenOption.APPEND);
        assertThat(log.reportsRunningYet()).isTrue();
    }

    @Test
    void shouldFindThisRunsExitLineAndLastError() throws Exception {
        Path file = Files.writeString(dir.resolve("run-0002.log"), """
                2026-01-01 INFO  [bot-1] starting
                2026-01-01 ERROR [bot-1] could not start: connection refused
                java.net.ConnectException: refused
                \tat somewhere
                """);
        RunLog log = new RunLog(file, "bot-1");

        assertThat(log.exitLine()).isEmpty();
        assertThat(log.lastError()).contains("2026-01-01 ERROR [bot-1] could not start: connection refused");
        Files.writeString(file, "2026-01-01 INFO  [bot-1] exit status 1: start failed\n", StandardOpenOption.APPEND);
        assertThat(log.exitLine()).contains("2026-01-01 INFO  [bot-1] exit status 1: start failed");
        Files.writeString(file, "2026-01-01 ERROR [bot-1] these orders may remain: [x]\n", StandardOpenOption.APPEND);
        assertThat(log.lastError()).contains("2026-01-01 ERROR [bot-1] these orders may remain: [x]");
        assertThat(log.firstError()).as("the cause, at start-up")
                .contains("2026-01-01 ERROR [bot-1] could not start: connection refused");
    }
}
