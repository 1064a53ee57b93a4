package io.mmkit.exchange.hyperliquid;

import java.util.Locale;

/**
 * Maps the framework's client order ids onto Hyperliquid's 128-bit {@code cloid} and back, so the engine's
 * prefix-based orphan sweeps work on Hyperliquid unchanged.
 *
 * <p>The framework draws ids as the decimal form of {@code prefix << 20 | sequence}, a number below 2<sup>32</sup>
 * ({@code ClientOrderIds}). Hyperliquid wants a cloid of 16 bytes in hex ({@code 0x} and 32 hex digits). An id
 * becomes a cloid whose first 12 bytes are a fixed marker (the ASCII bytes of {@code mmkit}, then zeros) and whose
 * last 4 bytes are the id, big-endian: id {@code 7340033} ({@code 7 << 20 | 1}) is
 * {@code 0x6d6d6b697400000000000000 00700001} (without the space). The instance prefix therefore sits in bits
 * 20..31 of the cloid's last word. Reading back, a cloid with the marker gives the decimal id again; any other
 * cloid (placed by another program) is returned as it is, which is never mistaken for one of ours because the
 * framework's ids are at most ten decimal digits.
 *
 * <p>Pure functions.
 */
public final class HyperliquidCloids {
    /** The marker in front of every cloid this framework sends: "mmkit" in ASCII, zero-padded to 12 bytes. */
    static final String MARKER = "6d6d6b6974" + "00000000000000";
    private static final int HEX_DIGITS = 32;

    private HyperliquidCloids() {
    }

    /**
     * The cloid for a client order id: a framework id (decimal, below 2<sup>32</sup>) gets the marker; a client id
     * that already is a cloid passes through in lower case.
     *
     * @throws IllegalArgumentException for anything else, naming the id
     */
    public static String toCloid(String clientOrderId) {
        if (clientOrderId == null || clientOrderId.isEmpty()) {
            throw new IllegalArgumentException("client order id is missing");
        }
        if (isCloid(clientOrderId)) {
            return clientOrderId.toLowerCase(Locale.ROOT);
        }
        long id = frameworkId(clientOrderId);
        if (id < 0) {
            throw new IllegalArgumentException("client order id " + clientOrderId
                    + " is neither a decimal below 2^32 nor a 16-byte hex cloid");
        }
        return "0x" + MARKER + String.format("%08x", id);
    }

    /** The client order id a cloid stands for; {@code null} for a {@code null} cloid (an order placed without). */
    public static String fromCloid(String cloid) {
        if (cloid == null || cloid.isEmpty()) {
            return null;
        }
        String lower = cloid.toLowerCase(Locale.ROOT);
        if (isCloid(lower) && lower.startsWith("0x" + MARKER)) {
            return Long.toString(Long.parseLong(lower.substring(2 + MARKER.length()), 16));
        }
        return cloid;
    }

    static boolean isCloid(String text) {
        if (text.length() != 2 + HEX_DIGITS || !(text.startsWith("0x") || text.startsWith("0X"))) {
            return false;
        }
        for (int i = 2; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static long frameworkId(String text) {
        if (text.length() > 10) {
            return -1;
        }
        long id = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id < (1L << 32) ? id : -1;
    }
}
