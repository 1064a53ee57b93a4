package io.mmkit.run.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The instance's rolling log file: where it goes, what a line carries, how it rolls, text or JSON. */
class InstanceLoggingTest {
    @TempDir
    Path dir;

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void detach() {
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = root.getAppender(InstanceLogging.APPENDER);
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
        context.putProperty(InstanceLogging.MDC_KEY, null);
    }

    private LogSettings settings(Map<String, Object> section) {
        return LogSettings.read(Optional.of(new StrategyParams("logging", section)), Path.of("data"));
    }

    @Test
    void shouldWriteEveryThreadsLinesToTheInstanceFileWithTheInstanceId() throws Exception {
        Path file = InstanceLogging.install("grid-7", settings(Map.of("directory", dir.toString(),
                "max_file_size", "10MB", "max_history", 3, "total_size_cap", "100MB")));
        assertThat(file).isEqualTo(dir.resolve("grid-7.log").toAbsolutePath());
        LoggerFactory.getLogger("io.mmkit.test").info("placed BUY 1 @ 99");
        Thread venue = new Thread(() -> LoggerFactory.getLogger("io.mmkit.test").warn("stream dropped"), "okhttp-ws");
        venue.start();
        venue.join();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("INFO").contains("[grid-7]").contains("placed BUY 1 @ 99"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("[grid-7] [okhttp-ws]").contains("stream dropped"));

        var appender = (RollingFileAppender<?>) context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .getAppender(InstanceLogging.APPENDER);
        var policy = (SizeAndTimeBasedRollingPolicy<?>) appender.getRollingPolicy();
        assertThat(policy.getFileNamePattern()).endsWith("grid-7.%d{yyyy-MM-dd}.%i.log.gz");
        assertThat(policy.getMaxHistory()).isEqualTo(3);
    }

    @Test
    void shouldWriteOneJsonObjectPerLineWhenAsked() throws Exception {
        Path file = InstanceLogging.install("grid-8", settings(Map.of("directory", dir.toString(), "format", "json")));
        LoggerFactory.getLogger("io.mmkit.test").error("kill switch: drawdown 12");

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + l, e);
            }
        }).toList();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("level").asText()).isEqualTo("ERROR");
            assertThat(e.get("message").asText()).isEqualTo("kill switch: drawdown 12");
            assertThat(e.get("mdc").get(InstanceLogging.MDC_KEY).asText()).isEqualTo("grid-8");
        });
    }

    @Test
    void shouldLogToTheConsoleOnlyWhenTheFileIsTurnedOff() {
        assertThat(InstanceLogging.install("grid-9", settings(Map.of("file", false, "directory", dir.toString()))))
                .isNull();
        assertThat(dir.resolve("grid-9.log")).doesNotExist();
    }

    @Test
    void shouldPutTheFileBesideTheStoreUnlessADirectoryIsGiven() {
        Path store = dir.resolve("store");
        assertThat(LogSettings.read(Optional.empty(), store).fileOf("grid-1")).isEqualTo(store.resolve("grid-1.log"));
        assertThat(LogSettings.read(Optional.of(new StrategyParams("logging", Map.of("format", "json"))), store)
                .fileOf("grid-1")).isEqualTo(store.resolve("grid-1.log"));
    }

    @Test
    void shouldRefuseBadSizesAndFormatsWithTheKeyNamed() {
        assertThatThrownBy(() -> settings(Map.of("max_file_size", "lots"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("logging.max_file_size").hasMessageContaining("512KB");
        assertThatThrownBy(() -> settings(Map.of("format", "xml"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("logging.format");
        assertThatThrownBy(() -> settings(Map.of("max_file_size", "2GB", "total_size_cap", "1GB")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("logging.total_size_cap");
    }
}
