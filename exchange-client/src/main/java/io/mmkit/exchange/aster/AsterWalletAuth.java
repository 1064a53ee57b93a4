package io.mmkit.exchange.aster;

import io.mmkit.exchange.binance.BinanceAuth;
import io.mmkit.exchange.binance.BinanceRestApi;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Aster v3's API-wallet authentication for every signed call (TRADE, USER_DATA and USER_STREAM alike): the call's
 * parameters plus {@code user} (the main account), {@code signer} (the API wallet) and {@code nonce} (microseconds),
 * sorted by name and URL-encoded into the query string, then {@code &signature=} the wallet's EIP-712 signature of
 * exactly that string. No API key header, no {@code timestamp}/{@code recvWindow}: the nonce replaces them (Aster
 * refuses one more than 10 s from its clock, a repeated one, and one older than the last 100).
 *
 * <p>Sorting makes the signed string a function of the parameters alone (Aster verifies the string it receives,
 * so any order that is sent as signed is accepted). Thread-safe: nonces come from one atomic counter, strictly
 * increasing even when several calls share a millisecond.
 */
public final class AsterWalletAuth implements BinanceAuth {
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

    private final String user;
    private final AsterSigner signer;
    private final AtomicLong lastNonce = new AtomicLong();

    /** @param user the main account's address, as registered with Aster */
    public AsterWalletAuth(String user, AsterSigner signer) {
        this.user = Objects.requireNonNull(user, "user");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    @Override
    public Request signed(String method, HttpUrl endpoint, Map<String, String> params, long timestampMillis) {
        Map<String, String> all = new TreeMap<>(params);
        all.put("user", user);
        all.put("signer", signer.signerAddress());
        all.put("nonce", Long.toString(nextNonce(timestampMillis)));
        String query = BinanceRestApi.query(all);
        String withSignature = query + "&signature=" + signer.sign(query).toHex();
        return new Request.Builder().url(endpoint.newBuilder().encodedQuery(withSignature).build())
                .method(method, "GET".equals(method) ? null : EMPTY).build();
    }

    /** The listen key calls are USER_STREAM: signed like any other, with no parameters of their own. */
    @Override
    public Request stream(String method, HttpUrl endpoint, long timestampMillis) {
        Map<String, String> params = new TreeMap<>();
        for (String name : endpoint.queryParameterNames()) {
            params.put(name, endpoint.queryParameter(name));
        }
        return signed(method, endpoint.newBuilder().query(null).build(), params, timestampMillis);
    }

    /** Microseconds of the venue's clock, and always above the last nonce handed out. */
    long nextNonce(long timestampMillis) {
        long micros = Math.multiplyExact(timestampMillis, 1000L);
        return lastNonce.accumulateAndGet(micros, (last, now) -> Math.max(last + 1, now));
    }
}
