package io.mmkit.run;

import io.mmkit.run.status.InstanceView;
import io.mmkit.run.status.Instances;
import io.mmkit.run.status.LiveEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * The dashboard's view of the daemon instances under one home: {@link InstanceViews} for the figures, the run log
 * for the tail, and {@code daemon stop} / {@code daemon start} themselves — run in this process, with the same
 * options an operator would type — for the buttons.
 */
final class DaemonInstances implements Instances {
    private static final int TAIL_BYTES = 64 * 1024;

    private final Path home;
    private final Map<String, String> env;
    private final InstanceViews views;

    DaemonInstances(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
        this.views = new InstanceViews(new LiveEndpoint(), env);
    }

    @Override
    public List<InstanceView> all() throws IOException {
        return views.all(home);
    }

    @Override
    public List<String> logTail(String instance, int lines) throws IOException {
        Optional<DaemonState> s = DaemonState.read(InstanceFiles.in(home, instance).stateFile());
        Optional<Path> log = s.flatMap(x -> x.get(DaemonState.RUN_LOG)).map(Path::of).filter(Files::isRegularFile);
        if (log.isEmpty()) {
            return List.of();
        }
        try (RandomAccessFile f = new RandomAccessFile(log.get().toFile(), "r")) {
            long from = Math.max(0, f.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            List<String> all = new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().toList());
            if (from > 0 && !all.isEmpty()) {
                all.remove(0); // cut mid-line
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    @Override
    public Outcome stop(String instance) {
        return run(new DaemonStop(env), "--instance", instance, "--home", home.toString());
    }

    @Override
    public Outcome start(String instance) {
        Optional<DaemonState> s;
        try {
            s = DaemonState.read(InstanceFiles.in(home, instance).stateFile());
        } catch (IOException e) {
            return new Outcome(1, "cannot read the state of " + instance + ": " + e.getMessage());
        }
        Optional<String> strategy = s.flatMap(x -> x.get(DaemonState.STRATEGY));
        Optional<String> config = s.flatMap(x -> x.get(DaemonState.CONFIG));
        if (strategy.isEmpty() || config.isEmpty()) {
            return new Outcome(RunCommand.CONFIG_ERROR, instance + " has no recorded strategy and config: start it "
                    + "once with `daemon start --strategy <name> --config <file>`");
        }
        return run(new DaemonStart(env), "--strategy", strategy.get(), "--config", config.get(), "--home",
                home.toString());
    }

    private static Outcome run(Callable<Integer> command, String... args) {
        StringWriter text = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(text, true));
        cl.setErr(new PrintWriter(text, true));
        int status = cl.execute(args);
        return new Outcome(status, text.toString());
    }
}
