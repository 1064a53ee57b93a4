package io.mmkit.run;

/**
 * The bot could not start for a reason outside its config (the venue cannot be reached, refuses the key,
 * answers nonsense). Reported as one line, exit status 1; nothing was placed.
 */
final class StartFailure extends RuntimeException {
    StartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
