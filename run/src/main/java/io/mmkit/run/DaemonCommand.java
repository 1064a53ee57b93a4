package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Bots in the background, one supervised process each. {@code start} spawns a detached supervisor
 * ({@code daemon supervise}, {@link Supervisor}) that runs the bot, records what it does in the instance's
 * state file and restarts it if asked; {@code status} reads that record; {@code stop} asks the supervisor to
 * stop the bot cleanly. Files live under the instance's {@link InstanceFiles home}.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Start, stop and list bots running in the background (one supervised process per instance).",
                "Files: <home>/<instance_id>/ with home = --home, else $MMKIT_HOME, else <store directory>/daemon",
                "(a relative store directory counts from the config file's directory, where the bot runs)."},
        subcommands = {DaemonStart.class, DaemonStop.class, DaemonStatus.class, DaemonSupervise.class})
final class DaemonCommand {
    private DaemonCommand() {
    }

    /** Which instance: by its config, or by id under an explicit home. */
    static class Target {
        @Option(names = "--config", paramLabel = "<file>", description = "The instance's config (names it and its home).")
        Path config;

        @Option(names = "--instance", paramLabel = "<id>",
                description = "The instance id, instead of --config (needs --home or MMKIT_HOME).")
        String instance;

        @Option(names = "--home", paramLabel = "<dir>",
                description = "Where instances keep their files (default: $MMKIT_HOME, else <store directory>/daemon).")
        Path home;

        /** The instance's files; a {@link ConfigException} names what is missing. */
        InstanceFiles files(Map<String, String> env) {
            if (config != null) {
                return InstanceFiles.forConfig(config, home, env);
            }
            if (instance == null) {
                throw new ConfigException("", "give --config <file> or --instance <id>");
            }
            return InstanceFiles.in(requireHome(env), instance);
        }

        Path requireHome(Map<String, String> env) {
            Path h = InstanceFiles.explicitHome(home, env);
            if (h == null) {
                throw new ConfigException("--home", "without --config, give --home <dir> or set "
                        + InstanceFiles.HOME_ENV);
            }
            return h;
        }
    }

    /** The recorded supervisor process, if it is still alive. */
    static Optional<ProcessHandle> supervisor(DaemonState s) {
        return LiveProcesses.find(s.number(DaemonState.SUPERVISOR_PID), s.text(DaemonState.SUPERVISOR_STARTED, ""));
    }

    /** The recorded bot process, if it is still alive. */
    static Optional<ProcessHandle> bot(DaemonState s) {
        return LiveProcesses.find(s.number(DaemonState.BOT_PID), s.text(DaemonState.BOT_STARTED, ""));
    }
}
