package io.mmkit.run;

import io.mmkit.exchange.config.ConfigFile;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts, stops and lists bot instances running in the background, one process each, with a pid file
 * and a log file per instance id. Stop sends SIGTERM — the bot's own clean shutdown — and waits.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = "Start, stop and list bots running in the background (one process per instance).",
        subcommands = {DaemonCommand.Start.class, DaemonCommand.Stop.class, DaemonCommand.Status.class})
final class DaemonCommand {

    /** Where pid and log files live. */
    static class Dirs {
        @Option(names = "--run-dir", defaultValue = "data/run", paramLabel = "<dir>",
                description = "Directory of pid files (default: ${DEFAULT-VALUE}).")
        Path runDir;

        @Option(names = "--log-dir", defaultValue = "logs", paramLabel = "<dir>",
                description = "Directory of log files (default: ${DEFAULT-VALUE}).")
        Path logDir;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Validate the config, then start the bot in the background.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--strategy", required = true, paramLabel = "<name>")
        String strategy;
        @Option(names = "--config", required = true, paramLabel = "<file>")
        Path config;
        @picocli.CommandLine.Mixin
        Dirs dirs = new Dirs();

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            BotLauncher.Prepared bot;
            try {
                bot = new BotLauncher(StrategyCatalog.load(), System.getenv()).prepare(strategy, config, null);
            } catch (ConfigException e) {
                err.println("mmkit: config error: " + e.getMessage());
                return RunCommand.CONFIG_ERROR;
            }
            InstanceFiles files = new InstanceFiles(dirs.runDir, dirs.logDir, bot.config().instanceId());
            Optional<ProcessHandle> running = files.runningProcess();
            if (running.isPresent()) {
                err.println("mmkit: " + files.instanceId() + " is already running (pid " + running.get().pid() + ")");
                return 1;
            }
            Files.createDirectories(dirs.logDir);
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "--strategy", strategy, "--config", config.toAbsolutePath().toString()));
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.logFile().toFile()))
                    .redirectErrorStream(true)
                    .start();
            files.writePid(p.toHandle());
            out.println("started " + files.instanceId() + " (pid " + p.pid() + "), log: " + files.logFile());
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Send SIGTERM to a background bot and wait for its clean shutdown.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--config", paramLabel = "<file>", description = "The instance's config (names it).")
        Path config;
        @Option(names = "--instance", paramLabel = "<id>", description = "The instance id, instead of --config.")
        String instance;
        @Option(names = "--timeout", defaultValue = "25s", paramLabel = "<time>",
                description = "How long to wait before SIGKILL (default: ${DEFAULT-VALUE}).")
        String timeout;
        @picocli.CommandLine.Mixin
        Dirs dirs = new Dirs();

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String id;
            Duration wait;
            try {
                id = instanceId(config, instance);
                wait = Durations.parse(timeout);
            } catch (ConfigException | IllegalArgumentException e) {
                err.println("mmkit: " + e.getMessage());
                return RunCommand.CONFIG_ERROR;
            }
            InstanceFiles files = new InstanceFiles(dirs.runDir, dirs.logDir, id);
            Optional<ProcessHandle> running = files.runningProcess();
            if (running.isEmpty()) {
                files.deletePid();
                out.println(id + " is not running");
                return 0;
            }
            ProcessHandle handle = running.get();
            long begin = System.nanoTime();
            handle.destroy(); // SIGTERM: the bot's own clean shutdown
            boolean exited = awaitExit(handle, wait);
            Duration took = Duration.ofNanos(System.nanoTime() - begin);
            if (!exited) {
                handle.destroyForcibly();
                err.println("mmkit: " + id + " did not stop within " + wait.toSeconds() + " s; killed (orders may remain,"
                        + " see " + files.logFile() + ")");
                files.deletePid();
                return 1;
            }
            files.deletePid();
            String last = files.lastLogLineContaining("exit status").orElse("(no exit line in the log)");
            out.printf("stopped %s in %d ms: %s%n", id, took.toMillis(), last);
            return last.contains("exit status 0") ? 0 : 1;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "List background bots.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        Dirs dirs = new Dirs();

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            List<String> ids = InstanceFiles.knownInstances(dirs.runDir);
            if (ids.isEmpty()) {
                out.println("no instances in " + dirs.runDir);
            }
            for (String id : ids) {
                InstanceFiles files = new InstanceFiles(dirs.runDir, dirs.logDir, id);
                Optional<ProcessHandle> p = files.runningProcess();
                out.printf("%-24s %s%n", id, p.map(h -> "running (pid " + h.pid() + ")").orElse("stopped"));
            }
            return 0;
        }
    }

    /**
     * Waits for a process that is not our child. {@code ProcessHandle.onExit()} polls such a process only every
     * second or so, which would blur the stop time we report; a 10 ms check does not.
     */
    static boolean awaitExit(ProcessHandle handle, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (handle.isAlive() && !hasExited(handle.pid())) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    /**
     * A bot started by {@code daemon start} is not our child: once it exits it stays a zombie until init reaps
     * it, and a zombie still counts as alive. On Linux, its state in {@code /proc} tells the truth.
     */
    private static boolean hasExited(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // no /proc: rely on isAlive alone
        }
    }

    static String instanceId(Path config, String instance) {
        if (instance != null) {
            return instance;
        }
        if (config == null) {
            throw new ConfigException("", "give --config or --instance");
        }
        Map<String, Object> root = ConfigFile.toPlainMap(ConfigFile.load(config, System.getenv()));
        Object id = root.get("instance_id");
        if (!(id instanceof String s)) {
            throw new ConfigException("instance_id", "required key is missing");
        }
        return s;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
