package io.mmkit.run.importcfg;

/** A Python-bot setting mmkit cannot carry over with the same behaviour; the message names it, in one line. */
public final class ImportRefusedException extends RuntimeException {
    public ImportRefusedException(String message) {
        super(message);
    }
}
