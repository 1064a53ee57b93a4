package io.mmkit.exchange.config;

import io.mmkit.core.config.ConfigException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in config strings from the environment. A variable
 * that is unset (or empty, for the {@code :-} form) without a default is a config error naming the key.
 */
final class EnvExpander {
    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> env;

    EnvExpander(Map<String, String> env) {
        this.env = env;
    }

    /**
     * @param key the dotted path of the value, for the error message
     */
    String expand(String key, String value) {
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String fallback = m.group(2);
            String v = env.get(name);
            if (v == null || (fallback != null && v.isEmpty())) {
                if (fallback == null) {
                    throw new ConfigException(key, "environment variable " + name + " is not set");
                }
                v = fallback;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
