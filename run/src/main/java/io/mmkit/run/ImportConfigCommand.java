package io.mmkit.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mmkit.run.importcfg.ConfigImporter;
import io.mmkit.run.importcfg.ImportRefusedException;
import io.mmkit.run.importcfg.PythonBotSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
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
 * {@code import-config <python-bot-config.json | run.py flags...> [--out FILE]}: carries a Python-bot
 * configuration over to an mmkit config with the same behaviour (see {@link ConfigImporter}). Prints the config
 * (or writes {@code --out}), then on stderr the strategy to run it with and one {@code note:} line for each
 * thing that did not carry over exactly. Something it cannot map is one line naming it, exit status 2, nothing
 * written.
 */
@Command(name = "import-config", mixinStandardHelpOptions = true,
        description = {"Convert a Python-bot (Backpack-MM-Simple) config to an mmkit config with the same behaviour.",
                "Give its web console's JSON file, or its run.py flags as you would pass them to python run.py.",
                "Exit status: 0 converted (notes on stderr), 2 something cannot be carried over (named)."})
final class ImportConfigCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "<file>", description = "Write the mmkit config here instead of stdout.")
    Path out;

    @Option(names = "--instance-id", paramLabel = "<id>", description = "instance_id of the config "
            + "(default py-<exchange>-<symbol>).")
    String instanceId;

    @Option(names = "--simulated", description = "Put the embedded simulated exchange in place of the venue: "
            + "try the imported strategy offline.")
    boolean simulated;

    @Option(names = "--sim-price", paramLabel = "<price>", description = "Start price of --simulated (default 100).")
    BigDecimal simPrice = BigDecimal.valueOf(100);

    @Parameters(paramLabel = "<json-file | run.py flags>", arity = "1..*",
            description = "A .json file of the web console, or run.py's flags (e.g. --exchange backpack --symbol ...).")
    List<String> input = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            PythonBotSettings settings = read();
            ConfigImporter.Imported imported = new ConfigImporter(Venues::knows)
                    .convert(settings, new ConfigImporter.Options(instanceId, simulated, simPrice));
            String text = JSON.writeValueAsString(imported.config()) + System.lineSeparator();
            if (out != null) {
                Files.writeString(out, text);
            } else {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            }
            err.println("imported as strategy " + imported.strategy() + ": run it with java -jar run/target/mmkit.jar"
                    + " --strategy " + imported.strategy() + " --config " + (out == null ? "<file>" : out));
            imported.notes().forEach(n -> err.println("note: " + n));
            err.flush();
            return 0;
        } catch (ImportRefusedException e) {
            err.println("mmkit: import-config: " + e.getMessage());
            err.flush();
            return RunCommand.CONFIG_ERROR;
        } catch (IOException e) {
            err.println("mmkit: import-config: cannot write " + out + ": " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    @SuppressWarnings("unchecked")
    private PythonBotSettings read() {
        if (input.size() == 1 && input.get(0).toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            Path file = Path.of(input.get(0));
            Object tree;
            try {
                tree = new ObjectMapper().readValue(Files.readString(file), Object.class);
            } catch (JsonProcessingException e) {
                throw new ImportRefusedException(file + ": invalid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new ImportRefusedException(file + ": cannot read: " + e.getMessage());
            }
            if (!(tree instanceof Map<?, ?> map)) {
                throw new ImportRefusedException(file + ": must hold a JSON object (the web console's start request)");
            }
            return PythonBotSettings.fromWebJson((Map<String, Object>) map);
        }
        return PythonBotSettings.fromFlags(input);
    }
}
