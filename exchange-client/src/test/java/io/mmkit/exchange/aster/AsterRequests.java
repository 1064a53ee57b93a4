package io.mmkit.exchange.aster;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.signing.EthKey;
import io.mmkit.exchange.signing.EthSignature;
import java.util.Arrays;
import java.util.List;

/** Checks a request as Aster v3 checks it: sorted parameters, user/signer/nonce, and the wallet's signature. */
final class AsterRequests {
    private static final AsterSigner SIGNER =
            new AsterSigner(EthKey.fromHex(TestVenues.ASTER_SIGNER_KEY), AsterSigner.MAINNET_CHAIN_ID);

    private AsterRequests() {
    }

    /**
     * Asserts the query before {@code &signature=} is exactly {@code expectedQuery}, that its parameters are sorted,
     * that the signature recovers to the documented signer over the documented domain, and that no API key or
     * timestamp travels with it.
     */
    static void assertWalletSigned(LoggedRequest request, String expectedQuery) {
        String url = request.getUrl();
        String query = url.substring(url.indexOf('?') + 1);
        int cut = query.lastIndexOf("&signature=");
        String message = query.substring(0, cut);
        assertThat(message).isEqualTo(expectedQuery);
        List<String> names = Arrays.stream(message.split("&")).map(kv -> kv.substring(0, kv.indexOf('='))).toList();
        assertThat(names).as("parameters sorted by name").isSorted().contains("user", "signer", "nonce")
                .doesNotContain("timestamp", "recvWindow");
        EthSignature signature = EthSignature.fromHex(query.substring(cut + "&signature=".length()));
        assertThat(EthKey.recoverAddress(SIGNER.typedData(message).digest(), signature))
                .as("the signature recovers to the API wallet").isEqualTo(TestVenues.ASTER_SIGNER.toLowerCase());
        assertThat(request.containsHeader("X-MBX-APIKEY")).as("no API key header on v3").isFalse();
    }

    /** {@code &nonce=…&signer=…} (between the caller's parameters), as sorting places them. */
    static String auth(long nonce) {
        return "nonce=" + nonce;
    }

    static String signer() {
        return "signer=" + TestVenues.ASTER_SIGNER;
    }

    static String user() {
        return "user=" + TestVenues.ASTER_USER;
    }
}
