package io.mmkit.exchange.binance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binance's request signing: HMAC-SHA256 of the total parameter string (query string, then body), keyed with
 * the API secret, as lowercase hex. Thread-safe: each signature uses its own {@link Mac}.
 */
public final class BinanceSigner {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public BinanceSigner(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the Binance secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The hex signature of {@code totalParams} (query string + request body). */
    public String sign(String totalParams) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(totalParams.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
