package io.mmkit.run;

/** Entry point of the {@code run} command. Exits with the command's status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = RunCommand.commandLine(new RunCommand()).execute(args);
        System.exit(status);
    }
}
