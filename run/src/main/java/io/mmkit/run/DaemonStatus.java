package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code daemon status}: each instance's state as its supervisor recorded it, checked against the live
 * processes. Exit status 0 only if every instance listed is running; 1 if one crashed, failed or may have
 * left orders; 3 if stopped with nothing left; 4 if unknown.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show background bots: running, stopped clean, stopped with orders possibly remaining, "
                + "crashed; with uptime and last exit.",
                "Exit status: 0 all running, 1 crashed / failed / orders may remain, 3 stopped, 4 unknown, 2 usage."})
final class DaemonStatus implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "<file>", description = "An instance's config (repeatable).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--instance", paramLabel = "<id>", description = "An instance id under --home / MMKIT_HOME.")
    String instance;

    @Option(names = "--home", paramLabel = "<dir>",
            description = "Where instances keep their files; without --config/--instance, lists every one there.")
    Path home;

    private final Map<String, String> env;

    DaemonStatus() {
        this(System.getenv());
    }

    DaemonStatus(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<InstanceFiles> targets = new ArrayList<>();
        try {
            for (Path c : configs) {
                targets.add(InstanceFiles.forConfig(c, home, env));
            }
            if (instance != null || configs.isEmpty()) {
                DaemonCommand.Target t = new DaemonCommand.Target();
                t.home = home;
                Path h = t.requireHome(env);
                if (instance != null) {
                    targets.add(InstanceFiles.in(h, instance));
                } else {
                    for (String id : InstanceFiles.knownInstances(h)) {
                        targets.add(InstanceFiles.in(h, id));
                    }
                    if (targets.isEmpty()) {
                        out.println("no instances in " + h);
                        return InstanceReport.NOT_RUNNING;
                    }
                }
            }
        } catch (ConfigException e) {
            err.println("mmkit: " + e.getMessage());
            return RunCommand.CONFIG_ERROR;
        }
        int worst = InstanceReport.RUNNING;
        for (InstanceFiles files : targets) {
            InstanceReport r = report(files);
            out.println(r.line(files.instanceId()));
            worst = worse(worst, r.exitCode());
        }
        return worst;
    }

    static InstanceReport report(InstanceFiles files) throws IOException {
        Optional<DaemonState> state = DaemonState.read(files.stateFile());
        if (state.isEmpty()) {
            return InstanceReport.unknown(files);
        }
        DaemonState s = state.get();
        return InstanceReport.of(s, DaemonCommand.supervisor(s).isPresent(), DaemonCommand.bot(s).isPresent(),
                Instant.now());
    }

    /** Trouble outranks unknown, which outranks stopped, which outranks running. */
    static int worse(int a, int b) {
        int[] rank = {InstanceReport.RUNNING, InstanceReport.NOT_RUNNING, InstanceReport.UNKNOWN, InstanceReport.TROUBLE};
        int ra = 0;
        int rb = 0;
        for (int i = 0; i < rank.length; i++) {
            ra = rank[i] == a ? i : ra;
            rb = rank[i] == b ? i : rb;
        }
        return ra >= rb ? a : b;
    }
}
