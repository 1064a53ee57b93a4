package io.mmkit.backtest.data;

import java.time.Instant;

/** Parses the times data files carry: ISO-8601 instants, or epoch integers whose unit follows from their size. */
final class TimeText {
    private TimeText() {
    }

    /**
     * An ISO-8601 instant ({@code 2024-07-24T00:00:00.5Z}) or an epoch integer: up to 11 digits are seconds,
     * up to 14 milliseconds, up to 17 microseconds, more nanoseconds.
     *
     * @throws IllegalArgumentException if it is neither
     */
    static Instant parse(String text) {
        String t = text.trim();
        if (!t.isEmpty() && (Character.isDigit(t.charAt(0)))  && t.chars().allMatch(Character::isDigit)) {
            return ofEpoch(Long.parseLong(t), t.length());
        }
        try {
            return Instant.parse(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a time: \"" + text + "\" (ISO-8601 or epoch s/ms/us/ns)");
        }
    }

    static Instant ofEpoch(long value, int digits) {
        if (digits <= 11) {
            return Instant.ofEpochSecond(value);
        }
        if (digits <= 14) {
            return Instant.ofEpochMilli(value);
        }
        if (digits <= 17) {
            return Instant.ofEpochSecond(value / 1_000_000, (value % 1_000_000) * 1_000);
        }
        return Instant.ofEpochSecond(value / 1_000_000_000, value % 1_000_000_000);
    }
}
