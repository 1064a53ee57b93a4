package io.mmkit.exchange.http;

/** Whether repeating a call after an unknown outcome is harmless. */
public enum CallSafety {
    /** Reads change nothing: retried with capped backoff. */
    READ,
    /** A repeated cancel is answered "unknown order" at worst: retried with capped backoff. */
    CANCEL,
    /**
     * A placement is never repeated after an unknown outcome; only when the venue provably refused it before
     * processing (rate limit, stale timestamp). The gateway looks the order up by client id instead.
     */
    PLACE
}
