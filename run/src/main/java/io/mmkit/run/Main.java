package io.mmkit.run;

import io.mmkit.core.config.ConfigException;

/** Entry point of the {@code run} command. Exits with the command's status. */
public final class Main {
    private static final String ENGINE_LOG = "MMKIT_ENGINE_LOG";

    private Main() {
    }

    public static void main(String[] args) {
        // First of all: a signal from here on is logged and handled, never the JVM's silent exit.
        StopSignals signals = StopSignals.install();
        if (args.length > 0 && args[0].equals("backtest") && System.getProperty(ENGINE_LOG) == null) {
            // A backtest replays a day in seconds: per-order INFO lines would flood it. Set before logback starts.
            System.setProperty(ENGINE_LOG, "WARN");
        }
        try {
            Plugins plugins = Plugins.find(args, System.getenv());
            if (plugins != null) {
                plugins.install(); // before the command is built: its help and every catalog list the plug-ins
            }
        } catch (ConfigException e) {
            System.err.println("mmkit: " + e.getMessage());
            System.exit(RunCommand.CONFIG_ERROR);
        }
        int status = RunCommand.commandLine(new RunCommand(signals)).execute(args);
        System.exit(status);
    }
}
