package io.mmkit.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pid file and log file of one background instance. The pid file holds the pid and the process start
 * time, so a recycled pid is never mistaken for our bot.
 */
record InstanceFiles(Path runDir, Path logDir, String instanceId) {

    Path pidFile() {
        return runDir.resolve(instanceId + ".pid");
    }

    Path logFile() {
        return logDir.resolve(instanceId + ".log");
    }

    void writePid(ProcessHandle process) throws IOException {
        Files.createDirectories(runDir);
        String started = process.info().startInstant().map(Instant::toString).orElse("");
        Files.writeString(pidFile(), process.pid() + " " + started + "\n", StandardCharsets.UTF_8);
    }

    /** The live process this pid file names, if it is still the same process. */
    Optional<ProcessHandle> runningProcess() throws IOException {
        if (!Files.exists(pidFile())) {
            return Optional.empty();
        }
        String[] parts = Files.readString(pidFile(), StandardCharsets.UTF_8).trim().split("\\s+");
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isPresent() && parts.length > 1 && !parts[1].isEmpty()) {
            String started = handle.get().info().startInstant().map(Instant::toString).orElse(parts[1]);
            if (!started.equals(parts[1])) {
                return Optional.empty(); // the pid was recycled by another process
            }
        }
        return handle;
    }

    void deletePid() throws IOException {
        Files.deleteIfExists(pidFile());
    }

    Optional<String> lastLogLineContaining(String fragment) throws IOException {
        if (!Files.exists(logFile())) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(fragment)) {
                return Optional.of(lines.get(i));
            }
        }
        return Optional.empty();
    }

    static List<String> knownInstances(Path runDir) throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(runDir)) {
            return ids;
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(runDir, "*.pid")) {
            for (Path p : pids) {
                String name = p.getFileName().toString();
                ids.add(name.substring(0, name.length() - ".pid".length()));
            }
        }
        ids.sort(String::compareTo);
        return ids;
    }
}
