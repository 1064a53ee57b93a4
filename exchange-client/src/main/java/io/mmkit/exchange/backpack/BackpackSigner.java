package io.mmkit.exchange.backpack;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Backpack's request signing: an ED25519 signature (JDK provider) over
 * {@code instruction=<name>&<params sorted by key>&timestamp=<ms>&window=<ms>}, base64-encoded.
 *
 * <p>The secret is the base64 32-byte seed Backpack issues. It is turned into a key once and not kept as text.
 * Thread-safe: each signature uses its own {@link Signature} instance.
 */
public final class BackpackSigner {
    /** PKCS#8 header of an Ed25519 private key whose 32-byte seed follows (RFC 8410). */
    private static final byte[] PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};

    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private BackpackSigner(PrivateKey privateKey, byte[] publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * @param base64Seed the API secret: a base64 32-byte ED25519 seed
     * @throws IllegalArgumentException if it is not base64 or not 32 bytes (the message never contains it)
     */
    public static BackpackSigner fromBase64Seed(String base64Seed) {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(base64Seed.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret is not base64");
        }
        return fromSeed(seed);
    }

    /** A signer for a raw 32-byte seed. */
    public static BackpackSigner fromSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an ED25519 seed is 32 bytes, this secret decodes to " + seed.length);
        }
        try {
            byte[] pkcs8 = new byte[PKCS8_PREFIX.length + 32];
            System.arraycopy(PKCS8_PREFIX, 0, pkcs8, 0, PKCS8_PREFIX.length);
            System.arraycopy(seed, 0, pkcs8, PKCS8_PREFIX.length, 32);
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new BackpackSigner(key, derivePublicKey(seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no Ed25519 provider", e);
        }
    }

    /** The verifying key, base64: what Backpack calls the API key. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** Signs {@code message} (UTF-8) and returns the base64 signature. */
    public String sign(String message) {
        return Base64.getEncoder().encodeToString(signRaw(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** The raw 64-byte signature of {@code message}. */
    public byte[] signRaw(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The string Backpack signs for one instruction: params in key order, then timestamp and window. */
    public static String signingString(String instruction, Map<String, ?> params, long timestamp, long window) {
        StringJoiner out = new StringJoiner("&");
        out.add(instructionPart(instruction, params));
        out.add("timestamp=" + timestamp);
        out.add("window=" + window);
        return out.toString();
    }

    /**
     * The string Backpack signs for a batch: one {@code instruction=...&params} part per element, in request
     * order, joined by {@code &}, then timestamp and window.
     */
    public static String batchSigningString(String instruction, List<? extends Map<String, ?>> elements,
                                            long timestamp, long window) {
        StringJoiner out = new StringJoiner("&");
        for (Map<String, ?> element : elements) {
            out.add(instructionPart(instruction, element));
        }
        out.add("timestamp=" + timestamp);
        out.add("window=" + window);
        return out.toString();
    }

    private static String instructionPart(String instruction, Map<String, ?> params) {
        StringJoiner out = new StringJoiner("&");
        out.add("instruction=" + instruction);
        for (Map.Entry<String, ?> e : new TreeMap<>(params).entrySet()) {
            out.add(e.getKey() + "=" + format(e.getValue()));
        }
        return out.toString();
    }

    private static String format(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    /**
     * The JDK derives the public key only while generating a pair, drawing the seed from the random source;
     * feeding it our seed yields our pair.
     */
    private static byte[] derivePublicKey(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] x509 = pair.getPublic().getEncoded();
        byte[] raw = new byte[32];
        System.arraycopy(x509, x509.length - 32, raw, 0, 32);
        return raw;
    }

    /** A "random" source that yields one fixed seed: only for {@link #derivePublicKey}. */
    private static final class SeedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
