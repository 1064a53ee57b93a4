package io.mmkit.exchange.binance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Binance's signed calls, which Aster v1 copies: {@code recvWindow} and {@code timestamp} appended to the query, then
 * {@code signature} = HMAC-SHA256 of that query, and the API key in {@code X-MBX-APIKEY}; a listen key call carries
 * the key only. Immutable and thread-safe.
 */
public final class BinanceHmacAuth implements BinanceAuth {
    static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

    private final String apiKey;
    private final BinanceSigner signer;
    private final long recvWindowMillis;

    public BinanceHmacAuth(String apiKey, BinanceSigner signer, long recvWindowMillis) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.recvWindowMillis = recvWindowMillis;
    }

    @Override
    public Request signed(String method, HttpUrl endpoint, Map<String, String> params, long timestampMillis) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("recvWindow", Long.toString(recvWindowMillis));
        all.put("timestamp", Long.toString(timestampMillis));
        String query = BinanceRestApi.query(all);
        String withSignature = query + "&signature=" + signer.sign(query);
        return new Request.Builder().url(endpoint.newBuilder().encodedQuery(withSignature).build())
                .header("X-MBX-APIKEY", apiKey).method(method, "GET".equals(method) ? null : EMPTY).build();
    }

    @Override
    public Request stream(String method, HttpUrl endpoint, long timestampMillis) {
        return new Request.Builder().url(endpoint).header("X-MBX-APIKEY", apiKey).method(method, EMPTY).build();
    }
}
