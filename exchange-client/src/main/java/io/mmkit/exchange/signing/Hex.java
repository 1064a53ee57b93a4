package io.mmkit.exchange.signing;

import java.util.Locale;

/** Hex text as Ethereum writes it: lowercase, {@code 0x}-prefixed on the way out, prefix optional on the way in. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** {@code 0x} followed by two lowercase digits per byte. */
    public static String encode(byte[] bytes) {
        return "0x" + encodeNoPrefix(bytes);
    }

    /** Two lowercase digits per byte, no prefix. */
    public static String encodeNoPrefix(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * The bytes of a hex string with or without {@code 0x}, either case.
     *
     * @throws IllegalArgumentException on an odd length or a non-hex character (the message never echoes the input,
     *                                  which may be a private key)
     */
    public static byte[] decode(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("hex value is missing");
        }
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("hex value has an odd number of digits (" + digits.length() + ")");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(digits.charAt(2 * i), 16);
            int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("hex value has a non-hex character at position " + (2 * i));
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
