package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instance's files are found from its config, never from the asker's current directory. */
class DaemonInstanceFilesTest {
    @TempDir
    Path dir;

    @Test
    void shouldAnchorARelativeStoreDirectoryAtTheConfigFilesDirectory() throws Exception {
        Path config = Files.writeString(Files.createDirectories(dir.resolve("etc")).resolve("a.json"),
                "{\"instance_id\": \"a-1\", \"store\": {\"directory\": \"../var/db\"}}");

        InstanceFiles files = InstanceFiles.forConfig(config, null, Map.of());

        assertThat(files.dir()).isEqualTo(dir.resolve("var/db/daemon/a-1"));
        assertThat(files.runLog(7)).isEqualTo(dir.resolve("var/db/daemon/a-1/run-0007.log"));
        assertThat(InstanceFiles.botWorkingDirectory(config)).isEqualTo(dir.resolve("etc"));
    }

    @Test
    void shouldPreferTheHomeOptionThenMmkitHome() throws Exception {
        Path config = Files.writeString(dir.resolve("b.json"), "{\"instance_id\": \"b\"}");

        assertThat(InstanceFiles.forConfig(config, null, Map.of()).dir()).isEqualTo(dir.resolve("data/daemon/b"));
        assertThat(InstanceFiles.forConfig(config, null, Map.of("MMKIT_HOME", dir.resolve("h").toString())).dir())
                .isEqualTo(dir.resolve("h/b"));
        assertThat(InstanceFiles.forConfig(config, dir.resolve("o"), Map.of("MMKIT_HOME", "/elsewhere")).dir())
                .isEqualTo(dir.resolve("o/b"));
    }

    @Test
    void shouldNumberRunsOnFromTheHighestLogPresent() throws Exception {
        InstanceFiles files = InstanceFiles.in(dir, "c");
        assertThat(files.nextRun()).isEqualTo(1);
        Files.createDirectories(files.dir());
        Files.writeString(files.runLog(1), "");
        Files.writeString(files.runLog(4), "");
        Files.writeString(files.dir().resolve("run-0004.sweep.log"), "");

        assertThat(files.nextRun()).isEqualTo(5);
    }
}
