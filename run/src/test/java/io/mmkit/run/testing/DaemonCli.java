package io.mmkit.run.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code daemon <args>} of the built CLI as a child process, the way an operator would, with this test
 * module's classes on the classpath too so a test can name a stand-in sweep ({@link MockVenueSweep},
 * {@link NothingToCancelSweep}). Each call waits for the command to exit and returns its status and output.
 */
public final class DaemonCli {
    private static final Pattern BOT_PID = Pattern.compile("bot pid (\\d+)");

    private final Path workingDirectory;
    private final Map<String, String> env;

    /** @param workingDirectory where the commands run: deliberately not where the instance's files are */
    public DaemonCli(Path workingDirectory, Map<String, String> env) {
        this.workingDirectory = workingDirectory;
        this.env = new HashMap<>(env);
    }

    public record Result(int status, String output) {
        /** The bot pid the output names ({@code bot pid N}). */
        public long botPid() {
            Matcher m = BOT_PID.matcher(output);
            assertThat(m.find()).as("a bot pid in: %s", output).isTrue();
            return Long.parseLong(m.group(1));
        }
    }

    public Result daemon(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath(),
                "io.mmkit.run.Main", "daemon"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workingDirectory, "daemon-cli", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().remove("MMKIT_HOME"); // only what the test gives
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("daemon " + String.join(" ", args) + " did not exit within 180 s:\n"
                    + Files.readString(out));
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(p.exitValue(), text);
    }

    /** Sends {@code SIG<signal>} to a process this test caused to exist, by its pid. */
    public static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    /** The CLI jar plus this module's test classes. */
    public static String classpath() {
        try {
            Path testClasses = Path.of(DaemonCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return CliProcess.JAR.toAbsolutePath() + File.pathSeparator + testClasses;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code config/demo-grid.json} (the offline simulated venue) with its store in {@code dataDir}. */
    public static Path demoGridConfig(Path file, Path dataDir) throws IOException {
        return Files.writeString(file, Files.readString(CliProcess.ROOT.resolve("config/demo-grid.json"))
                .replace("\"directory\": \"data\"", "\"directory\": \"" + dataDir + "\""));
    }
}
