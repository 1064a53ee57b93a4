package io.mmkit.exchange.binance;

import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * How a Binance-shaped venue authenticates a call: Binance's (and Aster v1's) HMAC over the query with the key in
 * a header ({@link BinanceHmacAuth}), or Aster v3's API-wallet signature. Called once per attempt, so every retry
 * is signed afresh. Implementations are thread-safe.
 */
public interface BinanceAuth {
    /**
     * A {@code TRADE}/{@code USER_DATA} call: every parameter in the query string, in the order given, followed by
     * what the scheme adds (timestamp, nonce, signer ...) and the signature last. No body.
     *
     * @param endpoint the URL without a query
     * @param timestampMillis the venue's clock now, from the transport
     */
    Request signed(String method, HttpUrl endpoint, Map<String, String> params, long timestampMillis);

    /** A {@code USER_STREAM} call (the listen key): {@code endpoint} may carry a query of its own. */
    Request stream(String method, HttpUrl endpoint, long timestampMillis);
}
