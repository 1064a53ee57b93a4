package io.mmkit.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/** Normalisation and checks for the decimals every record carries. */
public final class Decimals {
    private Decimals() {
    }

    /**
     * Strips trailing zeros so that {@code 1.0} and {@code 1.00} are equal as values and as map keys,
     * and keeps integers at scale 0 (never {@code 1E+2}).
     */
    public static BigDecimal normalize(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static BigDecimal requirePositive(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value.toPlainString());
        }
        return normalize(value);
    }

    public static BigDecimal requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value.toPlainString());
        }
        return normalize(value);
    }

    public static BigDecimal of(String value) {
        return normalize(new BigDecimal(value));
    }
}
