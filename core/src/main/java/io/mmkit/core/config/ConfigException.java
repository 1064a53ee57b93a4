package io.mmkit.core.config;

/**
 * A configuration problem, reported as one line naming the key and what is wrong with it, before
 * anything touches an exchange.
 */
public class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key == null || key.isEmpty() ? problem : key + ": " + problem);
        this.key = key;
    }

    /** The dotted path of the offending key, e.g. {@code strategy.grid_num}; empty for file-level problems. */
    public String key() {
        return key == null ? "" : key;
    }
}
