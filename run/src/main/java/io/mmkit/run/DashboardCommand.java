package io.mmkit.run;

import io.mmkit.run.status.DashboardServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mmkit dashboard}: a web page of every daemon instance under the home — state and PnL, and per instance
 * live PnL and position charts, open orders, recent fills, its log tail, start and stop buttons (the daemon's
 * own start and stop). Runs until Ctrl+C / SIGTERM; touches no bot by itself.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serve a web dashboard of the background bots under --home / $MMKIT_HOME until Ctrl+C.",
                "Its stop and start buttons run `daemon stop` / `daemon start`. Keep it on loopback (the default)."})
final class DashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "<dir>", description = "Where instances keep their files (default: $MMKIT_HOME).")
    Path home;

    @Option(names = "--port", defaultValue = "8090", paramLabel = "<port>",
            description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "<address>",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    private final Map<String, String> env;

    DashboardCommand() {
        this(System.getenv());
    }

    DashboardCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path h = InstanceFiles.explicitHome(home, env);
        if (h == null) {
            spec.commandLine().getErr().println("mmkit: --home: give --home <dir> or set " + InstanceFiles.HOME_ENV);
            return RunCommand.CONFIG_ERROR;
        }
        if (port < 0 || port > 65535) {
            spec.commandLine().getErr().println("mmkit: --port: must be 0..65535, was " + port);
            return RunCommand.CONFIG_ERROR;
        }
        DashboardServer server;
        try {
            server = DashboardServer.start(bind, port, new DaemonInstances(h, env));
        } catch (IOException e) {
            spec.commandLine().getErr().println("mmkit: --port " + port + " on " + bind + ": cannot listen (" + e + ")");
            return 1;
        }
        String host = "0.0.0.0".equals(bind) ? "127.0.0.1" : bind;
        LoggerFactory.getLogger("mmkit").info("dashboard on http://{}:{}/ for the instances in {}; Ctrl+C ends it",
                host, server.port(), h);
        new CountDownLatch(1).await(); // until a signal ends the process
        return 0;
    }
}
