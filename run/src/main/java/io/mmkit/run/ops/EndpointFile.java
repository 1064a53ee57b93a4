package io.mmkit.run.ops;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code endpoint.properties} in an instance's daemon directory: where its running bot's HTTP endpoint listens,
 * so {@code mmkit status} and the dashboard can ask it. The supervisor tells the bot that directory through
 * {@link #INSTANCE_DIR_ENV}; a bot run by hand without it writes no file (its log names the URL). Written
 * whole to a temporary file and moved into place; removed when the bot's endpoint closes.
 *
 * @param url e.g. {@code http://127.0.0.1:41234}
 * @param pid the bot's process id, so a reader can tell a stale file from a live bot
 */
public record EndpointFile(String url, int port, String bind, long pid, String started) {
    /** Set by the daemon's supervisor for the bot it starts: the instance's directory. */
    public static final String INSTANCE_DIR_ENV = "MMKIT_INSTANCE_DIR";
    public static final String NAME = "endpoint.properties";

    /** The directory to write into, from the environment; empty when the bot runs outside the daemon. */
    public static Optional<Path> instanceDir(Map<String, String> env) {
        String dir = env.get(INSTANCE_DIR_ENV);
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("bind", bind);
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("started", started);
        Path file = dir.resolve(NAME);
        Path tmp = dir.resolve(NAME + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "mmkit bot endpoint: read by `mmkit status` and the dashboard");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The file in {@code dir}, if there is a readable one. */
    public static Optional<EndpointFile> read(Path dir) {
        Path file = dir.resolve(NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new EndpointFile(p.getProperty("url", ""), Integer.parseInt(p.getProperty("port", "0")),
                    p.getProperty("bind", ""), Long.parseLong(p.getProperty("pid", "0")), p.getProperty("started", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the process that wrote it still runs. */
    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void delete(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(NAME));
        } catch (IOException ignored) {
            // a stale file names a dead pid, which readers check
        }
    }
}
