package io.mmkit.backtest.data;

import io.mmkit.sim.feed.EventBlock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A one-pass index of a flat JSON object in raw bytes: for each key it knows (the few that Binance's depth,
 * trade, bookTicker, markPrice and snapshot messages use) the span of its raw value token, without building a
 * tree or a {@code String}. Values are then read straight from the bytes: integers, booleans and decimals into
 * longs scaled by {@code 10^}{@link EventBlock#SCALE}. Structure is checked while scanning (strings, escapes,
 * nesting); a malformed object gives {@code -1} and the caller asks a real JSON parser for the message.
 *
 * <p>Reused line after line by one decoder; not thread-safe.
 */
final class JsonSpans {
    static final int STREAM = 0;
    static final int DATA = 1;
    static final int LAST_UPDATE_ID = 2;
    static final int BIDS = 3;
    static final int ASKS = 4;
    static final int E = 5;
    static final int FIRST_ID = 6;
    static final int LAST_ID = 7;
    static final int PREVIOUS_ID = 8;
    static final int B = 9;
    static final int A = 10;
    static final int T_ID = 11;
    static final int P = 12;
    static final int Q = 13;
    static final int M = 14;
    static final int T_TIME = 15;
    static final int R = 16;
    static final int B_QTY = 17;
    static final int A_QTY = 18;
    private static final int KEYS = 19;
    private static final int MAX_DIGITS = 18;

    private final int[] starts = new int[KEYS];
    private final int[] ends = new int[KEYS];
    byte[] b;

    /**
     * Indexes the object at {@code from} (after white space).
     *
     * @return the index after the object, or -1 if it is not well-formed JSON; a value that is not an object
     *         indexes no keys and returns its end
     */
    int index(byte[] bytes, int from, int to) {
        this.b = bytes;
        java.util.Arrays.fill(starts, -1);
        int i = ws(from, to);
        if (i >= to) {
            return to;
        }
        if (b[i] != '{') {
            return value(i, to);
        }
        return object(i, to);
    }

    private int object(int i, int to) {
        i = ws(i + 1, to);
        if (i < to && b[i] == '}') {
            return i + 1;
        }
        while (i < to) {
            if (b[i] != '"') {
                return -1;
            }
            int keyEnd = string(i, to);
            if (keyEnd < 0) {
                return -1;
            }
            int key = key(i + 1, keyEnd - 1);
            i = ws(keyEnd, to);
            if (i >= to || b[i] != ':') {
                return -1;
            }
            i = ws(i + 1, to);
            int valueEnd = value(i, to);
            if (valueEnd < 0) {
                return -1;
            }
            if (key >= 0) {
                starts[key] = i;
                ends[key] = valueEnd;
            }
            i = ws(valueEnd, to);
            if (i >= to) {
                return -1;
            }
            if (b[i] == '}') {
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i = ws(i + 1, to);
        }
        return -1;
    }

    /** Skips one value of any kind; the index after it, or -1. */
    int value(int i, int to) {
        if (i >= to) {
            return -1;
        }
        byte c = b[i];
        if (c == '"') {
            return string(i, to);
        }
        if (c == '{' || c == '[') {
            return nested(i, to);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int j = i + 1;
            while (j < to && isNumberChar(b[j])) {
                j++;
            }
            return j;
        }
        if (matches(i, to, "true")) {
            return i + 4;
        }
        if (matches(i, to, "false")) {
            return i + 5;
        }
        if (matches(i, to, "null")) {
            return i + 4;
        }
        return -1;
    }

    /** Skips an array or object at {@code i}, checking its grammar (nothing inside is indexed). */
    private int nested(int i, int to) {
        boolean isObject = b[i] == '{';
        byte close = (byte) (isObject ? '}' : ']');
        i = ws(i + 1, to);
        if (i < to && b[i] == close) {
            return i + 1;
        }
        while (i < to) {
            if (isObject) {
                if (b[i] != '"') {
                    return -1;
                }
                i = ws(string(i, to), to);
                if (i < 0 || i >= to || b[i] != ':') {
                    return -1;
                }
                i = ws(i + 1, to);
            }
            int end = value(i, to);
            if (end < 0) {
                return -1;
            }
            i = ws(end, to);
            if (i >= to) {
                return -1;
            }
            if (b[i] == close) {
                return i + 1;
            }
            if (b[i] != ',') {
                return -1;
            }
            i = ws(i + 1, to);
        }
        return -1;
    }

    /** The index after the closing quote of the string at {@code i}, or -1. */
    private int string(int i, int to) {
        for (int j = i + 1; j < to; j++) {
            byte c = b[j];
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j + 1;
            } else if (c >= 0 && c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    private boolean matches(int i, int to, String literal) {
        if (i + literal.length() > to) {
            return false;
        }
        for (int k = 0; k < literal.length(); k++) {
            if (b[i + k] != literal.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    int ws(int i, int to) {
        if (i < 0) {
            return i;
        }
        while (i < to && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
            i++;
        }
        return i;
    }

    private static boolean isNumberChar(byte c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+';
    }

    private int key(int s, int e) {
        int n = e - s;
        if (n == 1) {
            return switch (b[s]) {
                case 'e' -> E;
                case 'U' -> FIRST_ID;
                case 'u' -> LAST_ID;
                case 'b' -> B;
                case 'a' -> A;
                case 't' -> T_ID;
                case 'p' -> P;
                case 'q' -> Q;
                case 'm' -> M;
                case 'T' -> T_TIME;
                case 'r' -> R;
                case 'B' -> B_QTY;
                case 'A' -> A_QTY;
                default -> -1;
            };
        }
        if (n == 2 && b[s] == 'p' && b[s + 1] == 'u') {
            return PREVIOUS_ID;
        }
        if (n == 4) {
            if (matches(s, e, "data")) {
                return DATA;
            }
            if (matches(s, e, "bids")) {
                return BIDS;
            }
            if (matches(s, e, "asks")) {
                return ASKS;
            }
        }
        if (n == 6 && matches(s, e, "stream")) {
            return STREAM;
        }
        if (n == 12 && matches(s, e, "lastUpdateId")) {
            return LAST_UPDATE_ID;
        }
        return -1;
    }

    // ------------------------------------------------------------------ reading indexed values

    boolean has(int key) {
        return starts[key] >= 0;
    }

    int start(int key) {
        return starts[key];
    }

    int end(int key) {
        return ends[key];
    }

    /** Present and not JSON {@code null}. */
    boolean present(int key) {
        return starts[key] >= 0 && !(ends[key] - starts[key] == 4 && b[starts[key]] == 'n');
    }

    /** True if the key holds a JSON object / array. */
    boolean isObject(int key) {
        return starts[key] >= 0 && b[starts[key]] == '{';
    }

    /** The key's value is the string {@code expected} (no escapes). */
    boolean textEquals(int key, String expected) {
        int s = starts[key];
        if (s < 0 || b[s] != '"' || ends[key] - s - 2 != expected.length()) {
            return false;
        }
        return matches(s + 1, ends[key] - 1, expected);
    }

    /** The key's string value ends with {@code suffix}. */
    boolean textEndsWith(int key, String suffix) {
        int s = starts[key];
        if (s < 0 || b[s] != '"') {
            return false;
        }
        int e = ends[key] - 1;
        return e - (s + 1) >= suffix.length() && matches(e - suffix.length(), e, suffix);
    }

    /** Like Jackson's {@code asLong()}: a number or a numeric string, else {@code fallback}. */
    long asLong(int key, long fallback) {
        int s = starts[key];
        if (s < 0) {
            return fallback;
        }
        int e = ends[key];
        if (b[s] == '"') {
            s++;
            e--;
        }
        long v = 0;
        boolean negative = s < e && b[s] == '-';
        int i = negative ? s + 1 : s;
        if (i >= e || e - i > MAX_DIGITS) {
            return slowLong(starts[key], ends[key], fallback);
        }
        for (; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return slowLong(starts[key], ends[key], fallback);
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    private long slowLong(int s, int e, long fallback) {
        try {
            return new BigDecimal(text(s, e)).longValue();
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }

    /** Like Jackson's {@code asBoolean()}: {@code true}, {@code "true"} or a non-zero number. */
    boolean asBoolean(int key) {
        int s = starts[key];
        if (s < 0) {
            return false;
        }
        byte c = b[s];
        if (c == 't') {
            return true;
        }
        if (c == '"') {
            return textEquals(key, "true");
        }
        return (c == '-' || (c >= '0' && c <= '9')) && asLong(key, 0) != 0;
    }

    /** The raw token of a key, for messages (strings keep their quotes). */
    String raw(int key) {
        return text(starts[key], ends[key]);
    }

    String text(int s, int e) {
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }

    /**
     * The decimal token at {@code [s, e)} (a JSON string or number) as units of {@code 10^-SCALE}.
     *
     * @throws NumberFormatException if it is not a number
     * @throws ArithmeticException if it has more than {@link EventBlock#SCALE} decimals or overflows a long
     */
    long scaled(int s, int e) {
        if (s < e && b[s] == '"') {
            s++;
            e--;
        }
        int i = s;
        boolean negative = i < e && b[i] == '-';
        if (negative) {
            i++;
        }
        long v = 0;
        int digits = 0;
        int decimals = -1;
        for (; i < e; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                if (decimals >= 0) {
                    if (decimals == EventBlock.SCALE) {
                        if (c != '0') {
                            return slowScaled(s, e);
                        }
                        continue;
                    }
                    decimals++;
                }
                v = v * 10 + (c - '0');
                if (++digits > MAX_DIGITS) {
                    return slowScaled(s, e);
                }
            } else if (c == '.' && decimals < 0 && digits > 0) {
                decimals = 0;
            } else {
                return slowScaled(s, e);
            }
        }
        if (digits == 0 || decimals == 0) {
            return slowScaled(s, e);
        }
        int padding = EventBlock.SCALE - Math.max(0, decimals);
        if (digits + padding > MAX_DIGITS) {
            return slowScaled(s, e);
        }
        for (int k = 0; k < padding; k++) {
            v *= 10;
        }
        return negative ? -v : v;
    }

    private long slowScaled(int s, int e) {
        return new BigDecimal(text(s, e)).movePointRight(EventBlock.SCALE).longValueExact();
    }
}
