package io.mmkit.backtest.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One swept config key and its values, parsed from {@code key=from:to:step} (inclusive, decimal steps) or
 * {@code key=a,b,c}. Keys are dotted config paths, e.g. {@code strategy.grid_num} or
 * {@code backtest.fill_model}; a key without a dot is a strategy parameter ({@code grid_num} means
 * {@code strategy.grid_num}). Listed values are typed: numbers, booleans, else text.
 */
public record SweepAxis(String key, List<Object> values) {
    private static final int MAX_VALUES = 1000;

    public SweepAxis {
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("sweep of " + key + " has no values");
        }
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code spec} */
    public static SweepAxis parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("sweep must be key=from:to:step or key=a,b,c, was \"" + spec + "\"");
        }
        String named = spec.substring(0, eq).trim();
        String key = named.contains(".") ? named : "strategy." + named;
        String range = spec.substring(eq + 1).trim();
        String[] parts = range.split(":");
        List<Object> values = new ArrayList<>();
        if (parts.length == 3) {
            BigDecimal from = number(parts[0], spec);
            BigDecimal to = number(parts[1], spec);
            BigDecimal step = number(parts[2], spec);
            if (step.signum() <= 0 || to.compareTo(from) < 0) {
                throw new IllegalArgumentException("sweep " + spec + ": need from <= to and a positive step");
            }
            for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
                if (values.size() == MAX_VALUES) {
                    throw new IllegalArgumentException("sweep " + spec + " has more than " + MAX_VALUES + " values");
                }
                values.add(v);
            }
        } else {
            for (String v : range.split(",")) {
                values.add(value(v.trim()));
            }
        }
        return new SweepAxis(key, values);
    }

    /**
     * A listed value as the config reader expects it: a number as a decimal, {@code true}/{@code false} as a
     * boolean (a flag such as {@code backtest.liquidity_consumption} refuses the string "true"), else the text.
     */
    static Object value(String t) {
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.valueOf(t.toLowerCase());
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException notANumber) {
            return t;
        }
    }

    private static BigDecimal number(String s, String spec) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sweep " + spec + ": \"" + s + "\" is not a number");
        }
    }
}
