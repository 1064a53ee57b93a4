package io.mmkit.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cancel-all sweep the supervisor runs for a bot that could not clean up after itself (killed after its
 * grace, crashed, or gave up with orders possibly resting): {@code java -cp <our classpath> <main> cancel-all
 * --config <file>}, which cancels every order carrying the instance's client-id prefix and exits 0 only once
 * the venue lists none. {@code main} is {@link Main} in production; tests inject a stand-in.
 *
 * @param javaBinary the JVM to run it with
 * @param classpath the same classpath the supervisor and the bot run with
 * @param mainClass the class whose {@code main} takes {@code cancel-all --config <file>}
 * @param timeout how long the sweep may take before it is killed and counted as failed
 */
record CancelAllSweep(String javaBinary, String classpath, String mainClass, Duration timeout) {

    /** What a sweep did: its exit status (-1 if it did not finish) and its last output line. */
    record Result(int exitCode, String lastLine) {
        boolean verified() {
            return exitCode == 0;
        }

        String describe() {
            String status = exitCode < 0 ? "did not finish" : "exit " + exitCode;
            return status + (verified() ? " (venue lists none of ours)" : " (orders may remain)")
                    + (lastLine.isEmpty() ? "" : ": " + lastLine);
        }
    }

    List<String> command(Path config) {
        return new ArrayList<>(List.of(javaBinary, "-cp", classpath, mainClass, "cancel-all", "--config",
                config.toAbsolutePath().toString()));
    }

    /** Runs the sweep with its output in {@code log}; never throws for the sweep's own failure. */
    Result run(Path config, Path workingDirectory, Path log) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command(config))
                    .directory(workingDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "no answer within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), lastLine(log));
        } catch (IOException e) {
            return new Result(-1, "could not run it: " + e.getMessage());
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    static String ourClasspath() {
        List<String> parts = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!p.isEmpty()) {
                parts.add(Path.of(p).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    static String ourJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
