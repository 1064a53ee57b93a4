package io.mmkit.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A strategy's parameters as read from its config section, with typed, validating getters. Values are
 * plain JSON values (String, BigDecimal or other Number, Boolean, List, Map). Every getter records the key
 * it read, so {@link #requireAllRead()} can reject keys no strategy knows (a typo must not silently
 * become a default).
 */
public final class StrategyParams {
    private final String path;
    private final Map<String, Object> values;
    private final Set<String> read = new TreeSet<>();

    /**
     * @param path the dotted path of this section for error messages, e.g. {@code strategy}
     */
    public StrategyParams(String path, Map<String, ?> values) {
        this.path = Objects.requireNonNull(path, "path");
        this.values = new LinkedHashMap<>(values);
    }

    public static StrategyParams of(Map<String, ?> values) {
        return new StrategyParams("strategy", values);
    }

    /** The raw value of a key (marks it read), for callers that hand a sub-tree on unchanged. */
    public Object value(String key) {
        return raw(key);
    }

    /** Every key present in this section, in file order. */
    public Set<String> keys() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }

    public boolean has(String key) {
        read.add(key);
        return values.containsKey(key) && values.get(key) != null;
    }

    public BigDecimal decimal(String key) {
        return optionalDecimal(key).orElseThrow(() -> missing(key));
    }

    public BigDecimal decimal(String key, BigDecimal defaultValue) {
        return optionalDecimal(key).orElse(defaultValue);
    }

    public Optional<BigDecimal> optionalDecimal(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            if (v instanceof BigDecimal d) {
                return Optional.of(d);
            }
            if (v instanceof Number || v instanceof String) {
                return Optional.of(new BigDecimal(v.toString().trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw invalid(key, "must be a number, was " + describe(v));
    }

    /** A number that must be greater than zero. */
    public BigDecimal positiveDecimal(String key) {
        BigDecimal d = decimal(key);
        if (d.signum() <= 0) {
            throw invalid(key, "must be greater than 0, was " + d.toPlainString());
        }
        return d;
    }

    public Optional<BigDecimal> optionalPositiveDecimal(String key) {
        Optional<BigDecimal> d = optionalDecimal(key);
        if (d.isPresent() && d.get().signum() <= 0) {
            throw invalid(key, "must be greater than 0, was " + d.get().toPlainString());
        }
        return d;
    }

    public int integer(String key) {
        return optionalInteger(key).orElseThrow(() -> missing(key));
    }

    public int integer(String key, int defaultValue) {
        return optionalInteger(key).orElse(defaultValue);
    }

    public Optional<Integer> optionalInteger(String key) {
        Optional<BigDecimal> d = optionalDecimal(key);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(d.get().intValueExact());
        } catch (ArithmeticException e) {
            throw invalid(key, "must be a whole number, was " + d.get().toPlainString());
        }
    }

    public String string(String key) {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    public Optional<String> optionalString(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            if (s.isBlank()) {
                throw invalid(key, "must not be blank");
            }
            return Optional.of(s);
        }
        throw invalid(key, "must be a string, was " + describe(v));
    }

    public boolean bool(String key, boolean defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw invalid(key, "must be true or false, was " + describe(v));
    }

    /** An enum constant by name, case-insensitive, '-' and '_' alike. */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        Optional<String> s = optionalString(key);
        if (s.isEmpty()) {
            return defaultValue;
        }
        String wanted = s.get().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        throw invalid(key, "must be one of " + names(type) + ", was \"" + s.get() + "\"");
    }

    /** A duration written as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601 ({@code PT30S}). */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> s = raw(key) instanceof Number n ? Optional.of(n + "s") : optionalString(key);
        if (s.isEmpty()) {
            return defaultValue;
        }
        try {
            return Durations.parse(s.get());
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage());
        }
    }

    /** A nested section, e.g. {@code strategy.hedge}. */
    @SuppressWarnings("unchecked")
    public Optional<StrategyParams> section(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map<?, ?> m) {
            return Optional.of(new StrategyParams(keyPath(key), (Map<String, ?>) m));
        }
        throw invalid(key, "must be an object, was " + describe(v));
    }

    /** Rejects any key no getter asked for. Call after reading every parameter. */
    public void requireAllRead() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                throw new ConfigException(keyPath(key), "unknown key");
            }
        }
    }

    /** A {@link ConfigException} naming {@code key} under this section. */
    public ConfigException invalid(String key, String problem) {
        return new ConfigException(keyPath(key), problem);
    }

    /** The dotted path of {@code key} in this section, e.g. {@code strategy.grid_num}. */
    public String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private ConfigException missing(String key) {
        return new ConfigException(keyPath(key), "required key is missing");
    }

    private Object raw(String key) {
        read.add(key);
        return values.get(key);
    }

    private static String describe(Object v) {
        if (v instanceof String s) {
            return "\"" + s + "\"";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        return String.valueOf(v);
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        StringBuilder sb = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return sb.toString();
    }
}
