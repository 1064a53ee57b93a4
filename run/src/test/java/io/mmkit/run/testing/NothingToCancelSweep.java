package io.mmkit.run.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for {@code Main cancel-all --config <file>} where the venue is the bot's own embedded simulator
 * (gone with the bot, so nothing can rest there): checks it was called with that command line, says so, and
 * exits 0.
 */
public final class NothingToCancelSweep {
    private NothingToCancelSweep() {
    }

    public static void main(String[] args) {
        boolean shape = args.length == 3 && args[0].equals("cancel-all") && args[1].equals("--config")
                && Path.of(args[2]).isAbsolute() && Files.isRegularFile(Path.of(args[2]));
        System.out.println("nothing-to-cancel sweep called with: " + String.join(" ", args));
        System.exit(shape ? 0 : 2);
    }
}
