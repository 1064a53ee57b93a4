package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.spi.StrategyProvider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * A strategy from outside the repository's modules ({@code examples/plugin-strategy}, its own Maven project)
 * runs through {@code run --strategy}: its sources are compiled against core alone (plus slf4j-api), jarred
 * with their {@code META-INF/services} entry, and put on the classpath next to the CLI jar.
 */
class PluginStrategyIT {
    private static final Path JAR = Path.of(System.getProperty("mmkit.jar", "target/mmkit.jar"));
    private static final Path ROOT = Path.of(System.getProperty("mmkit.root", ".."));
    private static final Path EXAMPLE = ROOT.resolve("examples/plugin-strategy");

    @TempDir
    static Path dir;
    private static Path pluginJar;

    @BeforeAll
    static void buildThePlugin() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> sources;
        try (Stream<Path> files = Files.walk(EXAMPLE.resolve("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String classpath = locationOf(StrategyProvider.class) + java.io.File.pathSeparator + locationOf(Logger.class);
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(), "-cp", classpath));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit status").isZero();

        pluginJar = dir.resolve("tick-spread-strategy.jar");
        Path resources = EXAMPLE.resolve("src/main/resources");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(pluginJar))) {
            addTree(jar, classes);
            addTree(jar, resources);
        }
    }

    @Test
    void shouldRunAThirdPartyStrategyFoundOnTheClasspathByName() throws Exception {
        Path config = configWritingTo(dir.resolve("data"));
        Result r = runCli(JAR + java.io.File.pathSeparator + pluginJar, "--strategy", "tick_spread", "--config",
                config.toString(), "--duration", "4s");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("tick_spread plug-in: quoting 0.5 x 3 ticks either side of the mid on SOL_USDC")
                .contains("placed BUY").contains("placed SELL").contains("shutdown complete");
    }

    @Test
    void shouldNotKnowThePluginWithoutItsJar() throws Exception {
        Path config = configWritingTo(dir.resolve("data2"));
        Result r = runCli(JAR.toString(), "--strategy", "tick_spread", "--config", config.toString(), "--check");

        assertThat(r.exit()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("unknown strategy \"tick_spread\"");
    }

    private record Result(int exit, String output) {
    }

    private static Result runCli(String classpath, String... cliArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath, "io.mmkit.run.Main"));
        command.addAll(List.of(cliArgs));
        Path log = Files.createTempFile(dir, "cli", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("CLI did not exit within 60 s:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Path configWritingTo(Path dataDir) throws IOException {
        String text = Files.readString(EXAMPLE.resolve("tick-spread.json"))
                .replace("\"directory\": \"data\"", "\"directory\": \"" + dataDir + "\"");
        return Files.writeString(Files.createTempFile(dir, "tick-spread", ".json"), text);
    }

    private static String locationOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void addTree(JarOutputStream jar, Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            jar.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, jar);
            jar.closeEntry();
        }
    }
}
