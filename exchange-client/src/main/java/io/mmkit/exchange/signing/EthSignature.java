package io.mmkit.exchange.signing;

import java.util.Arrays;

/**
 * A secp256k1 ECDSA signature as Ethereum venues take it: {@code r} and {@code s} as 32 big-endian bytes each and
 * {@code v} = 27 + recovery id. Immutable: the arrays are copied in and out.
 *
 * @param r 32 bytes
 * @param s 32 bytes, in the lower half of the curve order when made by {@link EthKey#sign}
 * @param v 27 or 28
 */
public record EthSignature(byte[] r, byte[] s, int v) {
    public EthSignature {
        if (r == null || r.length != 32 || s == null || s.length != 32) {
            throw new IllegalArgumentException("signature r and s must be 32 bytes each");
        }
        if (v != 27 && v != 28) {
            throw new IllegalArgumentException("signature v must be 27 or 28, was " + v);
        }
        r = r.clone();
        s = s.clone();
    }

    /** Parses the 65-byte {@code r || s || v} form ({@code 0x} optional); a {@code v} of 0/1 is taken as 27/28. */
    public static EthSignature fromHex(String hex) {
        byte[] bytes = Hex.decode(hex);
        if (bytes.length != 65) {
            throw new IllegalArgumentException("a signature is 65 bytes, was " + bytes.length);
        }
        int v = bytes[64] & 0xFF;
        return new EthSignature(Arrays.copyOfRange(bytes, 0, 32), Arrays.copyOfRange(bytes, 32, 64),
                v < 27 ? v + 27 : v);
    }

    @Override
    public byte[] r() {
        return r.clone();
    }

    @Override
    public byte[] s() {
        return s.clone();
    }

    /** The recovery id, 0 or 1. */
    public int recoveryId() {
        return v - 27;
    }

    /** {@code r} as {@code 0x} + 64 lowercase hex digits. */
    public String rHex() {
        return Hex.encode(r);
    }

    /** {@code s} as {@code 0x} + 64 lowercase hex digits. */
    public String sHex() {
        return Hex.encode(s);
    }

    /** The 65 bytes {@code r || s || v}. */
    public byte[] toBytes() {
        byte[] out = new byte[65];
        System.arraycopy(r, 0, out, 0, 32);
        System.arraycopy(s, 0, out, 32, 32);
        out[64] = (byte) v;
        return out;
    }

    /** {@code 0x} + the 65 bytes {@code r || s || v} in hex (132 characters), as {@code eth_signTypedData} returns. */
    public String toHex() {
        return Hex.encode(toBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EthSignature other && v == other.v
                && Arrays.equals(r, other.r) && Arrays.equals(s, other.s);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(r) + Arrays.hashCode(s)) + v;
    }

    @Override
    public String toString() {
        return "EthSignature[" + toHex() + "]";
    }
}
