package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plug-in guide, followed literally: the commands of {@code docs/writing-a-strategy.md}, "Build and run it as a
 * plug-in", read from that page and run one by one with bash in a fresh clone of this repository under
 * {@code target/} — install the parent and core, build the example with its own POM, build the CLI, run the example
 * strategy through {@code bin/mmkit --plugins}. The clone gets a Maven repository of its own
 * ({@code .mvn/maven.config}: a private {@code maven.repo.local} that copies what it needs from the build's local
 * repository), so the guide's {@code install} never touches the shared {@code ~/.m2}. A slow test (it builds
 * everything once more): minutes, not seconds.
 */
class PluginStrategyIT {
    private static final Path JAR = Path.of(System.getProperty("mmkit.jar", "target/mmkit.jar")).toAbsolutePath();
    private static final Path ROOT = Path.of(System.getProperty("mmkit.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = JAR.getParent().resolve("plugin-guide");
    private static final Path CLONE = WORK.resolve("mmkit");
    private static final String GUIDE = "docs/writing-a-strategy.md";
    private static final String SECTION = "## Build and run it as a plug-in";
    private static final long STEP_TIMEOUT_MINUTES = 20;

    private static List<String> commands;
    private static final List<Result> results = new ArrayList<>();

    private record Result(String command, int exit, String output) {
    }

    @BeforeAll
    static void followTheGuideInAFreshClone() throws Exception {
        deleteTree(WORK);
        Files.createDirectories(WORK);
        freshCopyOfTheRepository();
        isolateMaven();
        commands = commandsOf(Files.readString(CLONE.resolve(GUIDE)));
        for (String command : commands) {
            Result r = bash(command);
            results.add(r);
            if (r.exit() != 0) {
                break; // the next steps need this one
            }
        }
    }

    @Test
    void shouldBuildTheExampleWithItsPomAndRunItThroughPluginsAsTheGuideSays() {
        assertThat(commands).as("the guide's commands").hasSize(4);
        assertThat(commands.get(1)).isEqualTo("mvn -B -q -f examples/plugin-strategy/pom.xml package");
        assertThat(commands.get(3)).startsWith("bin/mmkit --plugins examples/plugin-strategy/target --strategy tick_spread");
        for (Result r : results) {
            assertThat(r.exit()).as("exit status of `" + r.command() + "`:\n" + tail(r.output())).isZero();
        }
        assertThat(results).hasSize(commands.size());

        assertThat(CLONE.resolve("examples/plugin-strategy/target/tick-spread-strategy-1.0.0.jar")).isRegularFile();
        assertThat(WORK.resolve("m2/io/mmkit/mmkit-core/0.1.0-SNAPSHOT")).as("installed into the clone's own repository")
                .isDirectory();
        String run = results.get(3).output();
        assertThat(run).contains("tick_spread plug-in: quoting 0.5 x 3 ticks either side of the mid on SOL_USDC")
                .contains("placed BUY").contains("placed SELL").contains("shutdown complete")
                .contains("exit status 0");
    }

    @Test
    void shouldLoadThePluginFolderFromTheEnvironmentToo() throws Exception {
        Path pluginDir = CLONE.resolve("examples/plugin-strategy/target");
        assertThat(pluginDir.resolve("tick-spread-strategy-1.0.0.jar")).as("built by the guide").isRegularFile();
        Path config = CLONE.resolve("examples/plugin-strategy/tick-spread.json");

        Result withEnv = java(Map.of(Plugins.ENV, pluginDir.toString()), "--strategy", "tick_spread", "--config",
                config.toString(), "--check");
        assertThat(withEnv.exit()).as(withEnv.output()).isZero();
        assertThat(withEnv.output()).contains("config OK").contains("strategy tick_spread");

        Result without = java(Map.of(), "--strategy", "tick_spread", "--config", config.toString(), "--check");
        assertThat(without.exit()).as(without.output()).isEqualTo(2);
        assertThat(without.output()).contains("unknown strategy \"tick_spread\"");

        Path missing = WORK.resolve("no-such-folder");
        Result bad = java(Map.of(), "--plugins", missing.toString(), "--strategy", "tick_spread", "--config",
                config.toString(), "--check");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.output().strip()).isEqualTo("mmkit: --plugins: no such folder: " + missing);
    }

    /** The lines of the guide section's first shell block, continuations joined, trailing comments dropped. */
    static List<String> commandsOf(String guide) {
        int at = guide.indexOf(SECTION);
        assertThat(at).as(GUIDE + " has the section " + SECTION).isNotNegative();
        int open = guide.indexOf("```sh\n", at);
        int close = guide.indexOf("\n```", open + 6);
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : guide.substring(open + 6, close).split("\n")) {
            String t = line.replaceFirst("\\s+#\\s.*$", "").strip();
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            if (!current.toString().isBlank()) {
                out.add(current.toString().replaceAll("\\s+", " ").strip());
            }
            current.setLength(0);
        }
        return out;
    }

    /** The committed tree, as a clone has it; a copy without build output where this is no git checkout. */
    private static void freshCopyOfTheRepository() throws Exception {
        Result inGit = run(List.of("git", "-C", ROOT.toString(), "rev-parse", "--is-inside-work-tree"), ROOT, Map.of());
        if (inGit.exit() == 0 && inGit.output().strip().equals("true")) {
            Result clone = run(List.of("git", "clone", "--quiet", ROOT.toString(), CLONE.toString()), WORK, Map.of());
            assertThat(clone.exit()).as(clone.output()).isZero();
            return;
        }
        try (Stream<Path> walk = Files.walk(ROOT)) {
            for (Path p : walk.toList()) {
                Path rel = ROOT.relativize(p);
                List<String> parts = List.of(rel.toString().split("/"));
                if (rel.toString().isEmpty() || parts.contains("target") || parts.contains(".git")) {
                    continue; // build output (this test's own work folder among it) and git's files
                }
                Path dest = CLONE.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * The clone's Maven uses a repository of its own under {@code target/}, filled from the build's local repository
     * (a file:// repository ahead of Maven Central): the guide's install lands there, not in the shared one.
     */
    private static void isolateMaven() throws IOException {
        Path hostRepo = Path.of(System.getProperty("mmkit.m2", System.getProperty("user.home") + "/.m2/repository"));
        String url = hostRepo.toUri().toString();
        String repo = "<repository><id>host-cache</id><url>" + url + "</url><releases><enabled>true</enabled></releases>"
                + "<snapshots><enabled>false</enabled></snapshots></repository>";
        Path settings = Files.writeString(WORK.resolve("settings.xml"), """
                <settings>
                  <profiles>
                    <profile>
                      <id>host-cache</id>
                      <repositories>%s</repositories>
                      <pluginRepositories>%s</pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>host-cache</activeProfile></activeProfiles>
                </settings>
                """.formatted(repo, repo.replace("repository>", "pluginRepository>")));
        Files.createDirectories(CLONE.resolve(".mvn"));
        Files.writeString(CLONE.resolve(".mvn/maven.config"), "-Dmaven.repo.local=" + WORK.resolve("m2") + "\n-s\n"
                + settings + "\n");
    }

    private static Result bash(String command) throws Exception {
        String mavenHome = System.getProperty("mmkit.maven.home", "");
        String javaHome = System.getProperty("java.home");
        String path = (mavenHome.isEmpty() ? "" : mavenHome + "/bin:") + javaHome + "/bin:" + System.getenv("PATH");
        return run(List.of("bash", "-c", command), CLONE, Map.of("PATH", path, "JAVA_HOME", javaHome,
                "XDG_CACHE_HOME", WORK.resolve("cache").toString()));
    }

    private static Result java(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(command, WORK, env);
    }

    private static Result run(List<String> command, Path dir, Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(WORK, "step", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove(Plugins.ENV);
        pb.environment().remove("MAVEN_ARGS");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("`" + String.join(" ", command) + "` did not finish within " + STEP_TIMEOUT_MINUTES
                    + " min:\n" + tail(Files.readString(log)));
        }
        return new Result(String.join(" ", command), p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
