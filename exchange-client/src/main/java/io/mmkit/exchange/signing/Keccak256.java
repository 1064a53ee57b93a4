package io.mmkit.exchange.signing;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Ethereum's keccak-256: the original Keccak padding, not NIST SHA3-256 (the two differ in one padding byte and
 * give different hashes). Stateless and thread-safe: every call uses its own digest.
 */
public final class Keccak256 {
    private Keccak256() {
    }

    /** The 32-byte keccak-256 of {@code input}. */
    public static byte[] hash(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** The keccak-256 of several parts concatenated, without building the concatenation. */
    public static byte[] hash(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
