package io.mmkit.run.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built CLI jar as a child process, for {@code *IT} tests: its output is collected line by line on a
 * daemon thread, signals are sent with {@code kill}, and {@link #close()} kills what is left.
 */
public final class CliProcess implements AutoCloseable {
    /** The shaded CLI jar failsafe points at (system property {@code mmkit.jar}). */
    public static final Path JAR = Path.of(System.getProperty("mmkit.jar", "target/mmkit.jar"));
    /** The repository's root (system property {@code mmkit.root}). */
    public static final Path ROOT = Path.of(System.getProperty("mmkit.root", ".."));

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    private CliProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -jar mmkit.jar args...} with {@code env} added to this process's environment. */
    public static CliProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new CliProcess(builder.start());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends {@code SIG<name>} (e.g. {@code TERM}, {@code INT}) and returns how long the process took to exit, or null. */
    public Duration signalAndAwaitExit(String name, Duration max) throws IOException, InterruptedException {
        long signalled = System.nanoTime();
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        boolean exited = process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
        return exited ? Duration.ofNanos(System.nanoTime() - signalled) : null;
    }

    /** Waits for the process to end by itself; returns how long that took from now, or null. */
    public Duration awaitExit(Duration max) throws InterruptedException {
        long from = System.nanoTime();
        return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS) ? Duration.ofNanos(System.nanoTime() - from)
                : null;
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** How many output lines so far contain {@code fragment}. */
    public long count(String fragment) {
        synchronized (output) {
            return output.stream().filter(l -> l.contains(fragment)).count();
        }
    }

    public List<String> lines() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    public String joined() {
        return String.join("\n", lines());
    }

    /** Asserts each fragment appears on a line after the previous fragment's line. */
    public void assertLinesInOrder(String... fragments) {
        List<String> lines = lines();
        int at = -1;
        for (String fragment : fragments) {
            int found = -1;
            for (int i = at + 1; i < lines.size(); i++) {
                if (lines.get(i).contains(fragment)) {
                    found = i;
                    break;
                }
            }
            assertThat(found).as("'%s' logged after line %d in:%n%s", fragment, at, String.join("\n", lines))
                    .isGreaterThan(at);
            at = found;
        }
    }

    /** Asserts some line contains all of {@code fragments}. */
    public void assertSomeLineContains(String... fragments) {
        assertThat(lines()).as(joined()).anySatisfy(l -> assertThat(l).contains(fragments));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }
}
