package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import io.mmkit.exchange.config.ConfigFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one background instance keeps its files: {@code <home>/<instance_id>/} holds the supervisor's state
 * file, its own log, a stop request and one log per bot run ({@code run-0001.log}, ...), so an exit line is
 * always the current run's. The home is {@code --home}, else {@code $MMKIT_HOME}, else {@code daemon/} inside
 * the config's store directory — a relative store directory counting from the config file's directory, the
 * directory the supervisor runs the bot in. Never the current directory of whoever asks.
 */
record InstanceFiles(Path dir, String instanceId) {
    static final String HOME_ENV = "MMKIT_HOME";
    private static final Pattern RUN_LOG = Pattern.compile("run-(\\d{4,})\\.log");

    InstanceFiles {
        dir = dir.toAbsolutePath().normalize();
    }

    static InstanceFiles in(Path home, String instanceId) {
        return new InstanceFiles(home.resolve(instanceId), instanceId);
    }

    Path stateFile() {
        return dir.resolve("state.properties");
    }

    Path stopRequestFile() {
        return dir.resolve("stop-request");
    }

    Path supervisorLog() {
        return dir.resolve("supervisor.log");
    }

    Path runLog(int run) {
        return dir.resolve(String.format("run-%04d.log", run));
    }

    /** The number after the highest run log present: run numbers keep counting across starts. */
    int nextRun() throws IOException {
        int highest = 0;
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "run-*.log")) {
                for (Path p : logs) {
                    Matcher m = RUN_LOG.matcher(p.getFileName().toString());
                    if (m.matches()) {
                        highest = Math.max(highest, Integer.parseInt(m.group(1)));
                    }
                }
            }
        }
        return highest + 1;
    }

    /** Instance ids with a state file under {@code home}, sorted. */
    static List<String> knownInstances(Path home) throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(home)) {
            return ids;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(home, Files::isDirectory)) {
            for (Path d : dirs) {
                if (Files.exists(d.resolve("state.properties"))) {
                    ids.add(d.getFileName().toString());
                }
            }
        }
        ids.sort(String::compareTo);
        return ids;
    }

    /** The home given explicitly: {@code --home}, else {@code $MMKIT_HOME}; null when neither is set. */
    static Path explicitHome(Path option, Map<String, String> env) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(HOME_ENV);
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv).toAbsolutePath().normalize();
    }

    /**
     * The files of the instance a config names. Reads only {@code instance_id} and {@code store.directory}, so
     * stop and status work without the venue keys the bot itself needs.
     */
    static InstanceFiles forConfig(Path config, Path homeOption, Map<String, String> env) {
        Map<String, Object> root = ConfigFile.toPlainMap(ConfigFile.load(config, env));
        if (!(root.get("instance_id") instanceof String id)) {
            throw new ConfigException("instance_id", "required key is missing");
        }
        Path home = explicitHome(homeOption, env);
        if (home == null) {
            home = storeDirectory(config, root).resolve("daemon");
        }
        return in(home, id);
    }

    /** The directory the bot runs in: its config's, so relative paths in the config mean the same every time. */
    static Path botWorkingDirectory(Path config) {
        Path parent = config.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("/") : parent;
    }

    private static Path storeDirectory(Path config, Map<String, Object> root) {
        String dir = "data";
        if (root.get("store") instanceof Map<?, ?> store && store.get("directory") instanceof String s) {
            dir = s;
        }
        return botWorkingDirectory(config).resolve(dir).normalize();
    }
}
