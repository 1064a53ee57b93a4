package io.mmkit.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mmkit.core.config.ConfigException;
import io.mmkit.run.status.InstanceView;
import io.mmkit.run.status.LiveEndpoint;
import io.mmkit.run.status.StatusTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mmkit status [instance]}: every daemon instance under the home as a table, or one in full — state, uptime,
 * position and balances, open orders with their distance to the touch, realized / unrealized / net PnL, fills
 * today, last error, last exit and its reason. Running bots answer from their endpoint; stopped ones from their
 * store. Exit status as {@code daemon status}: 0 all running, 1 trouble, 3 stopped, 4 unknown, 2 usage.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show bots: state, uptime, position, balances, open orders, PnL, fills today, last error "
                + "and last exit; all instances as a table, or one in full.",
                "Running bots answer from their HTTP endpoint, stopped ones from their store.",
                "Exit status: 0 all running, 1 crashed / failed / orders may remain, 3 stopped, 4 unknown, 2 usage."})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<instance>", description = "One instance id (default: all).")
    String instance;

    @Option(names = "--home", paramLabel = "<dir>", description = "Where instances keep their files "
            + "(default: $MMKIT_HOME).")
    Path home;

    @Option(names = "--config", paramLabel = "<file>",
            description = "An instance by its config instead (repeatable); its home as `daemon status` finds it.")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON (an array, or one object with <instance>).")
    boolean json;

    private final Map<String, String> env;

    StatusCommand() {
        this(System.getenv());
    }

    StatusCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InstanceViews views = new InstanceViews(new LiveEndpoint(), env);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        if (!configs.isEmpty()) {
            List<InstanceView> chosen = new ArrayList<>();
            try {
                for (Path c : configs) {
                    chosen.add(views.of(InstanceFiles.forConfig(c, home, env)));
                }
            } catch (ConfigException e) {
                err.println("mmkit: " + e.getMessage());
                return RunCommand.CONFIG_ERROR;
            }
            if (chosen.size() == 1 && !json) {
                StatusTable.detail(out, chosen.get(0));
                return chosen.get(0).verdict();
            }
            return print(out, mapper, chosen);
        }
        Path h = InstanceFiles.explicitHome(home, env);
        if (h == null) {
            err.println("mmkit: " + new ConfigException("--home", "give --home <dir> or set " + InstanceFiles.HOME_ENV)
                    .getMessage());
            return RunCommand.CONFIG_ERROR;
        }
        if (instance != null) {
            InstanceView v = views.of(InstanceFiles.in(h, instance));
            if (json) {
                out.println(mapper.writeValueAsString(v));
            } else {
                StatusTable.detail(out, v);
            }
            return v.verdict();
        }
        List<InstanceView> all = views.all(h);
        if (all.isEmpty() && !json) {
            out.println("no instances in " + h);
            return InstanceReport.NOT_RUNNING;
        }
        return print(out, mapper, all);
    }

    private int print(PrintWriter out, ObjectMapper mapper, List<InstanceView> all) throws IOException {
        if (json) {
            out.println(mapper.writeValueAsString(all));
        } else {
            StatusTable.table(out, all);
        }
        int worst = all.isEmpty() ? InstanceReport.NOT_RUNNING : InstanceReport.RUNNING;
        for (InstanceView v : all) {
            worst = DaemonStatus.worse(worst, v.verdict());
        }
        return worst;
    }
}
