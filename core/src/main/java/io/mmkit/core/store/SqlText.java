package io.mmkit.core.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How values are written to and read from TEXT columns. Both directions are exact: decimals keep
 * every digit, instants keep their nanoseconds.
 */
public final class SqlText {

    /*
     * Fixed width (always nine fraction digits, always four year digits) so that comparing the
     * strings compares the instants; the range queries on fills rely on it. Instant.toString() is
     * not fixed width: "...00Z" would sort after "...00.5Z".
     */
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private SqlText() {
    }

    public static String instant(Instant value) {
        if (value.isBefore(FIRST) || value.isAfter(LAST)) {
            throw new IllegalArgumentException("instant outside the years 0000-9999 cannot be stored: " + value);
        }
        return INSTANT.format(value);
    }

    public static Instant instant(String text) {
        return Instant.parse(text);
    }

    public static String day(LocalDate value) {
        return value.toString();
    }

    public static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    /** Plain notation, never exponent form, so the column reads as a number to a person too. */
    public static String decimal(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    public static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }
}
