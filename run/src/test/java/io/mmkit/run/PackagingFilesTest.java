package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mmkit.backtest.sweep.SweepAxis;
import io.mmkit.core.config.Durations;
import io.mmkit.core.engine.ShutdownSettings;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.exchange.backpack.BackpackSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The deployment files (Dockerfile, docker-compose.yml, the systemd unit, the Kubernetes manifests) read as the
 * tools read them and checked against the code: every stop gives the shutdown more time than its deadline, the
 * stop signal is SIGTERM everywhere, probes and scrapes hit the paths and the port the bot serves, the key names in
 * the Secret and the environment are the ones the configs make the venue gateways read, every command line parses,
 * and the sweep's Indexed Job has one completion per combination.
 */
class PackagingFilesTest {
    private static final Path ROOT = Path.of(System.getProperty("mmkit.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The endpoint's paths as agreed for issue 12: liveness, readiness, Prometheus. */
    private static final String LIVENESS = "/health";
    private static final String READINESS = "/health/ready";
    private static final String METRICS = "/metrics";
    private static final String SIGTERM = "SIGTERM";

    // --- Dockerfile ----------------------------------------------------------------------------------------------

    @Test
    void dockerfileRunsTheLauncherAsANonRootUserOnAJreAndStopsWithSigterm() throws IOException {
        List<String> lines = instructions(ROOT.resolve("Dockerfile"));
        List<String> finalStage = lines.subList(lastIndexStartingWith(lines, "FROM "), lines.size());

        assertThat(finalStage.get(0)).as("runtime base").containsIgnoringCase("jre");
        assertThat(only(finalStage, "STOPSIGNAL")).isEqualTo(SIGTERM);
        String user = only(finalStage, "USER");
        assertThat(user.split(":")[0]).isNotIn("root", "0").isNotBlank();
        assertThat(finalStage).anyMatch(l -> l.startsWith("COPY") && l.endsWith("/opt/mmkit/lib/mmkit.jar"));
        assertThat(only(finalStage, "ENTRYPOINT")).isEqualTo("[\"/opt/mmkit/bin/mmkit\"]");
        assertThat(only(finalStage, "VOLUME")).contains("\"/etc/mmkit\"", "\"/var/lib/mmkit\"", "\"/var/log/mmkit\"");
        assertThat(only(finalStage, "EXPOSE")).isEqualTo("8080");
        // The archive the launcher maps is the one the image builds.
        assertThat(String.join("\n", finalStage)).contains("-XX:ArchiveClassesAtExit=/opt/mmkit/lib/mmkit.jsa")
                .contains("MMKIT_CDS_ARCHIVE=/opt/mmkit/lib/mmkit.jsa");
    }

    // --- docker compose ------------------------------------------------------------------------------------------

    @Test
    void composeGivesEachBotMoreThanItsShutdownDeadlineItsOwnVolumesAndTheKeysItsConfigNames() throws Exception {
        JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.get("services");
        assertThat(services.size()).as("several bots").isGreaterThanOrEqualTo(2);
        Set<String> volumesUsed = new TreeSet<>();
        for (Map.Entry<String, JsonNode> e : iterable(services)) {
            String name = e.getKey();
            JsonNode s = e.getValue();
            assertThat(s.path("stop_signal").asText()).as(name).isEqualTo(SIGTERM);
            String configPath = argAfter(list(s.get("command")), "--config");
            Path hostConfig = null;
            for (String v : list(s.get("volumes"))) {
                String[] parts = v.split(":");
                if (parts[0].startsWith("./")) {
                    if (parts[1].equals(configPath)) {
                        hostConfig = ROOT.resolve(parts[0].substring(2));
                        assertThat(parts).as(name + " config mount").contains("ro");
                    }
                } else {
                    volumesUsed.add(parts[0]);
                    assertThat(parts[1]).as(name).isIn("/var/lib/mmkit", "/var/log/mmkit");
                }
            }
            assertThat(hostConfig).as(name + ": the file mounted at " + configPath).isNotNull().isRegularFile();
            JsonNode config = JSON.readTree(hostConfig.toFile());
            assertThat(Durations.parse(s.get("stop_grace_period").asText())).as(name)
                    .isGreaterThan(shutdownDeadline(config));
            assertThat(config.at("/http/bind").asText()).as(name + ": reachable from outside the container")
                    .isEqualTo("0.0.0.0");
            assertThat(list(s.get("ports"))).as(name).allMatch(p -> p.startsWith("127.0.0.1:")
                    && p.endsWith(":" + config.at("/http/port").asInt()));
            Set<String> envNames = new TreeSet<>();
            s.path("environment").fieldNames().forEachRemaining(envNames::add);
            assertThat(envNames).as(name + ": the environment holds exactly the keys its config names")
                    .isEqualTo(keyNames(config));
            assertThat(validates(name, config, envNames)).as(name).startsWith("config OK");
        }
        Set<String> declared = new TreeSet<>();
        compose.get("volumes").fieldNames().forEachRemaining(declared::add);
        assertThat(declared).isEqualTo(volumesUsed);
        assertThat(volumesUsed).as("a store and a log volume per bot").hasSize(2 * services.size());
    }

    // --- systemd -------------------------------------------------------------------------------------------------

    @Test
    void systemdUnitStopsWithSigtermAndWaitsLongerThanTheShutdownDeadline() throws IOException {
        Map<String, String> unit = new HashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("packaging/systemd/mmkit@.service"))) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith("[") && t.contains("=")) {
                unit.merge(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1), (a, b) -> a + "\n" + b);
            }
        }
        assertThat(unit.get("KillSignal")).isEqualTo(SIGTERM);
        assertThat(unit.get("KillMode")).as("SIGTERM to the JVM only").isEqualTo("mixed");
        assertThat(Durations.parse(unit.get("TimeoutStopSec"))).isGreaterThan(longestExampleDeadline());
        assertThat(unit.get("EnvironmentFile")).isEqualTo("/etc/mmkit/%i.env");
        assertThat(unit.get("ExecStart")).startsWith("/opt/mmkit/bin/mmkit --strategy ${MMKIT_STRATEGY} --config ");
        assertThat(unit.get("RestartPreventExitStatus")).isEqualTo(Integer.toString(RunCommand.CONFIG_ERROR));
        assertThat(unit.get("User")).isNotIn("root", "0");
        assertThat(Files.readString(ROOT.resolve("packaging/systemd/mmkit.env.example"))).contains("MMKIT_STRATEGY=");
    }

    // --- Kubernetes ----------------------------------------------------------------------------------------------

    @Test
    void eachBotIsAStatefulSetProbedAndScrapedWhereItServesAndStoppedWithinItsGracePeriod() throws Exception {
        Set<String> secretKeys = new TreeSet<>();
        for (JsonNode d : k8s("secret.example.yaml")) {
            assertThat(d.get("kind").asText()).isEqualTo("Secret");
            d.get("stringData").fieldNames().forEachRemaining(secretKeys::add);
        }
        int bots = 0;
        for (Path file : k8sFiles("bot-")) {
            List<JsonNode> docs = k8s(file.getFileName().toString());
            JsonNode sts = kind(docs, "StatefulSet");
            String name = file.getFileName() + ": ";
            JsonNode pod = sts.at("/spec/template/spec");
            JsonNode container = pod.get("containers").get(0);
            JsonNode config = mountedConfig(docs, pod, container);
            bots++;

            assertThat(sts.at("/spec/replicas").asInt()).as(name + "one pod per bot").isEqualTo(1);
            assertThat(Duration.ofSeconds(pod.get("terminationGracePeriodSeconds").asLong())).as(name)
                    .isGreaterThan(shutdownDeadline(config));
            int port = config.at("/http/port").asInt();
            assertThat(config.at("/http/bind").asText()).as(name + "probes come from outside the pod").isEqualTo("0.0.0.0");
            assertThat(probe(container, "livenessProbe")).as(name).isEqualTo(LIVENESS + " on " + port);
            assertThat(probe(container, "readinessProbe")).as(name).isEqualTo(READINESS + " on " + port);
            assertThat(probe(container, "startupProbe")).as(name).isEqualTo(LIVENESS + " on " + port);
            JsonNode annotations = sts.at("/spec/template/metadata/annotations");
            assertThat(annotations.get("prometheus.io/scrape").asText()).isEqualTo("true");
            assertThat(annotations.get("prometheus.io/path").asText()).isEqualTo(METRICS);
            assertThat(annotations.get("prometheus.io/port").asInt()).isEqualTo(port);

            Set<String> fromSecret = new TreeSet<>();
            for (JsonNode env : container.get("env")) {
                JsonNode ref = env.at("/valueFrom/secretKeyRef");
                if (!ref.isMissingNode()) {
                    assertThat(ref.get("key").asText()).isEqualTo(env.get("name").asText());
                    assertThat(secretKeys).as(name).contains(ref.get("key").asText());
                    fromSecret.add(env.get("name").asText());
                }
            }
            assertThat(fromSecret).as(name + "the Secret's keys are the ones the config names").isEqualTo(keyNames(config));
            assertThat(validates(name, config, fromSecret)).as(name).startsWith("config OK");
            List<String> args = list(container.get("args"));
            assertThat(parses(args)).as(name + String.join(" ", args)).isTrue();

            // The store lives on the pod's own volume, at the config's store directory.
            String store = config.at("/store/directory").asText();
            String claim = sts.at("/spec/volumeClaimTemplates").get(0).at("/metadata/name").asText();
            assertThat(mountPath(container, claim)).satisfies(m -> assertThat(store).startsWith(m));
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        }
        assertThat(bots).as("bot manifests").isGreaterThanOrEqualTo(1);
        assertThat(secretKeys).as("every key in the Secret is used by some bot").isNotEmpty();
    }

    @Test
    void backtestSweepIsAnIndexedJobWithOneCompletionPerCombinationAndAMergeOfItsFolder() throws Exception {
        JsonNode job = kind(k8s("backtest-sweep.yaml"), "Job");
        assertThat(job.at("/spec/completionMode").asText()).isEqualTo("Indexed");
        JsonNode container = job.at("/spec/template/spec/containers").get(0);
        List<String> args = list(container.get("args"));
        int combinations = 1;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--sweep")) {
                combinations *= SweepAxis.parse(args.get(i + 1)).values().size();
            }
        }
        assertThat(job.at("/spec/completions").asInt()).as("one completion per combination").isEqualTo(combinations);
        String index = argAfter(args, "--combination");
        Matcher m = Pattern.compile("\\$\\((\\w+)\\)").matcher(index);
        assertThat(m.matches()).as(index).isTrue();
        JsonNode indexEnv = null;
        for (JsonNode env : container.get("env")) {
            if (env.get("name").asText().equals(m.group(1))) {
                indexEnv = env;
            }
        }
        assertThat(indexEnv).as("the variable --combination expands").isNotNull();
        assertThat(indexEnv.at("/valueFrom/fieldRef/fieldPath").asText())
                .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        List<String> concrete = new ArrayList<>(args);
        concrete.set(concrete.indexOf(index), "0");
        assertThat(parses(concrete)).as(String.join(" ", concrete)).isTrue();
        String config = argAfter(args, "--config");
        assertThat(config).as("a config the image ships").startsWith("/opt/mmkit/config/");
        assertThat(ROOT.resolve("config").resolve(Path.of(config).getFileName())).isRegularFile();

        JsonNode merge = kind(k8s("backtest-sweep-merge.yaml"), "Job");
        List<String> mergeArgs = list(merge.at("/spec/template/spec/containers").get(0).get("args"));
        assertThat(mergeArgs).containsExactly("backtest", "merge", argAfter(args, "--out"));
        assertThat(parses(mergeArgs)).isTrue();
        String claim = job.at("/spec/template/spec/volumes").get(0).at("/persistentVolumeClaim/claimName").asText();
        assertThat(merge.at("/spec/template/spec/volumes").get(0).at("/persistentVolumeClaim/claimName").asText())
                .isEqualTo(claim);
    }

    @Test
    void everyMmkitVariableTheFilesSetIsOneTheLauncherOrTheCodeReads() throws IOException {
        String launcher = Files.readString(ROOT.resolve("bin/mmkit"));
        Set<String> known = new TreeSet<>(Set.of(InstanceFiles.HOME_ENV, Plugins.ENV, "MMKIT_STRATEGY"));
        Pattern variable = Pattern.compile("\\bMMKIT_[A-Z_]+\\b");
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("Dockerfile"), ROOT.resolve("docker-compose.yml"),
                ROOT.resolve("packaging/systemd/mmkit@.service")));
        files.addAll(k8sFiles(""));
        for (Path f : files) {
            Matcher m = variable.matcher(Files.readString(f));
            while (m.find()) {
                assertThat(launcher.contains(m.group()) || known.contains(m.group()))
                        .as(f.getFileName() + " sets " + m.group() + ", which nothing reads").isTrue();
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The longest shutdown deadline a config can have here: the default, or any example config's. */
    private static Duration longestExampleDeadline() throws IOException {
        Duration longest = ShutdownSettings.DEFAULTS.totalTimeout();
        try (Stream<Path> files = Files.list(ROOT.resolve("config"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Duration d = shutdownDeadline(JSON.readTree(f.toFile()));
                longest = d.compareTo(longest) > 0 ? d : longest;
            }
        }
        return longest;
    }

    /** The config's own total_timeout, else the default; never less than any example's (the file may change). */
    private static Duration shutdownDeadline(JsonNode config) throws IOException {
        JsonNode t = config.at("/shutdown/total_timeout");
        Duration own = t.isMissingNode() ? ShutdownSettings.DEFAULTS.totalTimeout() : Durations.parse(t.asText());
        return own.compareTo(ShutdownSettings.DEFAULTS.totalTimeout()) > 0 ? own : ShutdownSettings.DEFAULTS.totalTimeout();
    }

    /** The environment variable names the config's venue sections make the gateways read. */
    private static Set<String> keyNames(JsonNode config) {
        Set<String> names = new TreeSet<>();
        List<JsonNode> sections = new ArrayList<>(List.of(config.path("exchange")));
        config.path("markets").forEach(m -> sections.add(m.path("exchange")));
        for (JsonNode s : sections) {
            for (String key : List.of("api_key_env", "secret_key_env")) {
                if (s.hasNonNull(key)) {
                    names.add(s.get(key).asText());
                }
            }
        }
        return names;
    }

    /**
     * {@code --check} of the config, as the bot would run it, with only the named variables set (to working
     * values: a Backpack pair is a real key pair). A variable the config needs and the file does not set fails here.
     * Before the HTTP endpoint's {@code http} section is known to the config reader, the check runs without it.
     */
    private static String validates(String name, JsonNode config, Set<String> envNames) throws IOException {
        Map<String, String> env = new HashMap<>();
        String seed = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        for (String n : envNames) {
            env.put(n, n.contains("SECRET") ? seed : "key-for-" + n);
        }
        for (String n : envNames) {
            if (n.startsWith("BACKPACK") && !n.contains("SECRET")) {
                env.put(n, BackpackSigner.fromBase64Seed(seed).publicKeyBase64());
            }
        }
        String strategy = strategyOf(name, config);
        String result = check(config, env, strategy);
        if (result.equals("mmkit: config error: http: unknown key")) {
            ObjectNode without = config.deepCopy();
            without.remove("http");
            result = check(without, env, strategy);
        }
        return result;
    }

    private static String check(JsonNode config, Map<String, String> env, String strategy) throws IOException {
        Path file = Files.createTempFile("packaged-config", ".json");
        try {
            Files.writeString(file, JSON.writeValueAsString(config));
            StringWriter out = new StringWriter();
            CommandLine cl = RunCommand.commandLine(new RunCommand(env, StrategyCatalog.load()));
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(out, true));
            cl.execute("--strategy", strategy, "--config", file.toString(), "--check");
            return out.toString().strip();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static final Map<String, String> STRATEGIES = new LinkedHashMap<>();

    static {
        STRATEGIES.put("demo-grid", "grid");
        STRATEGIES.put("bp-sol-grid", "grid");
        STRATEGIES.put("bot-bp-sol-grid.yaml: ", "grid");
        STRATEGIES.put("bot-bn-btc-perp-mm.yaml: ", "perp_market_maker");
    }

    private static String strategyOf(String name, JsonNode config) {
        String s = STRATEGIES.get(name);
        assertThat(s).as("the strategy " + name + " runs").isNotNull();
        return s;
    }

    private static boolean parses(List<String> args) {
        CommandLine cl = RunCommand.commandLine(new RunCommand(Map.of(), StrategyCatalog.load()));
        cl.parseArgs(args.toArray(String[]::new)); // throws naming the argument it does not know
        return true;
    }

    private static String probe(JsonNode container, String which) {
        JsonNode get = container.get(which).get("httpGet");
        JsonNode port = get.get("port");
        int number = port.isInt() ? port.asInt() : -1;
        for (JsonNode p : container.get("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                number = p.get("containerPort").asInt();
            }
        }
        return get.get("path").asText() + " on " + number;
    }

    private static JsonNode mountedConfig(List<JsonNode> docs, JsonNode pod, JsonNode container) throws IOException {
        String configPath = argAfter(list(container.get("args")), "--config");
        Path p = Path.of(configPath);
        for (JsonNode v : pod.get("volumes")) {
            if (v.has("configMap") && p.getParent().toString().equals(mountPath(container, v.get("name").asText()))) {
                for (JsonNode d : docs) {
                    if (d.get("kind").asText().equals("ConfigMap")
                            && d.at("/metadata/name").asText().equals(v.at("/configMap/name").asText())) {
                        return JSON.readTree(d.at("/data").get(p.getFileName().toString()).asText());
                    }
                }
            }
        }
        throw new AssertionError("no ConfigMap is mounted where --config " + configPath + " points");
    }

    private static String mountPath(JsonNode container, String volume) {
        for (JsonNode m : container.get("volumeMounts")) {
            if (m.get("name").asText().equals(volume)) {
                return m.get("mountPath").asText();
            }
        }
        throw new AssertionError("volume " + volume + " is not mounted");
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        List<JsonNode> found = docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> k8s(String file) throws IOException {
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(ROOT.resolve("packaging/k8s").resolve(file)
                .toFile())) {
            return it.readAll().stream().filter(d -> d != null && !d.isNull() && !d.isMissingNode()).toList();
        }
    }

    private static List<Path> k8sFiles(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("packaging/k8s"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static String argAfter(List<String> args, String option) {
        int i = args.indexOf(option);
        assertThat(i).as(option + " in " + args).isNotNegative().isLessThan(args.size() - 1);
        return args.get(i + 1);
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    /** Dockerfile instructions, continuation lines joined, comments dropped. */
    private static List<String> instructions(Path dockerfile) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            out.add(current.toString().strip());
            current.setLength(0);
        }
        return out;
    }

    private static int lastIndexStartingWith(List<String> lines, String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no " + prefix);
    }

    private static String only(List<String> lines, String instruction) {
        List<String> found = lines.stream().filter(l -> l.startsWith(instruction + " ")).toList();
        assertThat(found).as(instruction).hasSize(1);
        return found.get(0).substring(instruction.length() + 1).strip();
    }
}
