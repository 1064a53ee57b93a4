package io.mmkit.exchange.signing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * An Ethereum account key (secp256k1): its address, and deterministic signatures over 32-byte digests.
 *
 * <p>Signatures are RFC 6979 (HMAC-SHA256 nonces), so the same key and digest always give the same bytes, with
 * {@code s} normalised to the lower half of the curve order (EIP-2) and the recovery id found by recovering the
 * public key. The private key is held only in this object: {@link #toString()} shows the address, never the key,
 * and no error message echoes it. Immutable and thread-safe.
 */
public final class EthKey {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters CURVE =
            new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
    private static final BigInteger HALF_N = PARAMS.getN().shiftRight(1);

    private final BigInteger privateKey;
    private final String address;

    private EthKey(BigInteger privateKey) {
        this.privateKey = privateKey;
        ECPoint publicKey = new FixedPointCombMultiplier().multiply(CURVE.getG(), privateKey).normalize();
        this.address = addressOf(publicKey);
    }

    /**
     * A key from its 32 bytes in hex, {@code 0x} optional (as wallets export it).
     *
     * @throws IllegalArgumentException if it is not 64 hex digits or not a valid secp256k1 scalar; the message
     *                                  never contains the key
     */
    public static EthKey fromHex(String privateKeyHex) {
        if (privateKeyHex == null || privateKeyHex.isBlank()) {
            throw new IllegalArgumentException("private key is missing");
        }
        byte[] bytes = Hex.decode(privateKeyHex.strip());
        if (bytes.length != 32) {
            throw new IllegalArgumentException("private key must be 32 bytes (64 hex digits), was " + bytes.length);
        }
        return fromBytes(bytes);
    }

    /**
     * The key held in an environment variable: how venues load an API wallet's key, so that it is never in a config
     * file. Add the value to the venue's {@link io.mmkit.exchange.http.Redactor} so it can never reach a log line.
     *
     * @throws IllegalArgumentException naming the variable (never its value) when it is unset or not a key
     */
    public static EthKey fromEnv(String variable, Map<String, String> env) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " is not set");
        }
        try {
            return fromHex(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("environment variable " + variable + " is not a secp256k1 private key: "
                    + e.getMessage());
        }
    }

    /** A key from its 32 big-endian bytes. */
    public static EthKey fromBytes(byte[] privateKey) {
        BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(CURVE.getN()) >= 0) {
            throw new IllegalArgumentException("private key is out of range for secp256k1");
        }
        return new EthKey(d);
    }

    /** The account address: {@code 0x} + 40 lowercase hex digits. */
    public String address() {
        return address;
    }

    /** The account address with the EIP-55 mixed-case checksum. */
    public String checksumAddress() {
        return checksum(address);
    }

    /**
     * Signs a 32-byte digest (an EIP-712 digest, or any keccak-256). Pure computation, does not block.
     *
     * @throws IllegalArgumentException if the digest is not 32 bytes
     */
    public EthSignature sign(byte[] digest) {
        if (digest == null || digest.length != 32) {
            throw new IllegalArgumentException("a digest to sign must be 32 bytes");
        }
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateKey, CURVE));
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger r = rs[0];
        BigInteger s = rs[1].compareTo(HALF_N) > 0 ? CURVE.getN().subtract(rs[1]) : rs[1];
        for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
            ECPoint q = recover(digest, r, s, recoveryId);
            if (q != null && address.equals(addressOf(q))) {
                return new EthSignature(toBytes32(r), toBytes32(s), 27 + recoveryId);
            }
        }
        throw new IllegalStateException("no recovery id reproduces the signing key");
    }

    /**
     * The lowercase address whose key made {@code signature} over {@code digest}: how a venue checks a signature,
     * and how tests check ours.
     *
     * @throws IllegalArgumentException if no key can be recovered
     */
    public static String recoverAddress(byte[] digest, EthSignature signature) {
        ECPoint q = recover(digest, new BigInteger(1, signature.r()), new BigInteger(1, signature.s()),
                signature.recoveryId());
        if (q == null) {
            throw new IllegalArgumentException("signature does not recover to a public key");
        }
        return addressOf(q);
    }

    /** EIP-55: a hex digit is upper case where the keccak of the lowercase address has a nibble of 8 or more. */
    public static String checksum(String address) {
        String lower = Hex.lower(address.startsWith("0x") || address.startsWith("0X") ? address.substring(2) : address);
        if (lower.length() != 40 || Hex.decode(lower).length != 20) {
            throw new IllegalArgumentException("an address is 20 bytes (40 hex digits)");
        }
        byte[] hash = Keccak256.hash(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < 40; i++) {
            char c = lower.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "EthKey[" + address + "]";
    }

    /** SEC 1 §4.1.6 public key recovery; {@code null} when this recovery id gives no point. */
    private static ECPoint recover(byte[] digest, BigInteger r, BigInteger s, int recoveryId) {
        BigInteger n = CURVE.getN();
        if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return null;
        }
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (0x02 | (recoveryId & 1));
        System.arraycopy(toBytes32(r), 0, compressed, 1, 32);
        ECPoint bigR;
        try {
            bigR = CURVE.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException notOnCurve) {
            return null;
        }
        BigInteger e = new BigInteger(1, digest);
        BigInteger rInv = r.modInverse(n);
        BigInteger u1 = e.negate().mod(n).multiply(rInv).mod(n);
        BigInteger u2 = s.multiply(rInv).mod(n);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, bigR, u2).normalize();
        return q.isInfinity() ? null : q;
    }

    private static String addressOf(ECPoint publicKey) {
        byte[] uncompressed = publicKey.getEncoded(false);
        byte[] hash = Keccak256.hash(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
        return Hex.encode(Arrays.copyOfRange(hash, 12, 32));
    }

    static byte[] toBytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length == 32) {
            return raw;
        }
        byte[] out = new byte[32];
        if (raw.length > 32) {
            System.arraycopy(raw, raw.length - 32, out, 0, 32);
        } else {
            System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        }
        return out;
    }
}
