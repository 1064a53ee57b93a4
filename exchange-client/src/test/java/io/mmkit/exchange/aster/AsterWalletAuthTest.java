package io.mmkit.exchange.aster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.signing.EthKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class AsterWalletAuthTest {
    private final AsterWalletAuth auth = new AsterWalletAuth(TestVenues.ASTER_USER,
            new AsterSigner(EthKey.fromHex(TestVenues.ASTER_SIGNER_KEY), AsterSigner.MAINNET_CHAIN_ID));
    private final HttpUrl endpoint = HttpUrl.get("http://127.0.0.1:1/fapi/v3/order");

    @Test
    void shouldSignTheDocumentedOrderExampleToTheKnownSignature() {
        long millis = 1748310859508L;
        Map<String, String> params = Map.of("symbol", "ASTERUSDT", "type", "LIMIT", "side", "BUY",
                "timeInForce", "GTC", "quantity", "20", "price", "0.5");

        // The documented sample nonce is 1748310859508867 µs; the first nonce of a millisecond is its first µs.
        auth.nextNonce(millis);
        for (int i = 1; i < 867; i++) {
            auth.nextNonce(millis);
        }
        Request request = auth.signed("POST", endpoint, params, millis);

        String query = request.url().encodedQuery();
        assertThat(query).isEqualTo(AsterSignerTest.DOC_ORDER_MESSAGE + "&signature=0x57a0751c8c851f4e50140dc10dd5435"
                + "0202098a4ad3e435ab49c91e62e612e9f721c73c1b6bc09a954867e99958e6f2fac974e067465f0fa5cc2dfaa0500ceed1b");
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("X-MBX-APIKEY")).isNull();
    }

    @Test
    void shouldHandOutStrictlyIncreasingMicrosecondNoncesEvenWithinAMillisecondOrWhenTheClockStepsBack() {
        List<Long> nonces = new ArrayList<>();
        nonces.add(auth.nextNonce(1_000));
        nonces.add(auth.nextNonce(1_000));
        nonces.add(auth.nextNonce(999));
        nonces.add(auth.nextNonce(2_000));

        assertThat(nonces).containsExactly(1_000_000L, 1_000_001L, 1_000_002L, 2_000_000L);
    }

    @Test
    void shouldSignListenKeyCallsWithNoParametersOfTheirOwn() {
        Request request = auth.stream("PUT", HttpUrl.get("http://127.0.0.1:1/fapi/v3/listenKey"), 1_000);

        assertThat(request.url().encodedQuery()).startsWith("nonce=1000000&signer=" + TestVenues.ASTER_SIGNER
                + "&user=" + TestVenues.ASTER_USER + "&signature=0x");
        assertThat(request.method()).isEqualTo("PUT");
    }
}
