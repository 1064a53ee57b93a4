package io.mmkit.exchange.backpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.exchange.TestVenues;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackpackSignerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void shouldReproduceRfc8032TestVectorOne() {
        BackpackSigner signer = BackpackSigner.fromSeed(HEX.parseHex(TestVenues.RFC8032_SEED_HEX));

        assertThat(HEX.formatHex(Base64.getDecoder().decode(signer.publicKeyBase64())))
                .isEqualTo(TestVenues.RFC8032_PUBLIC_HEX);
        assertThat(HEX.formatHex(signer.signRaw(new byte[0]))).isEqualTo(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }

    @Test
    void shouldReproduceRfc8032TestVectorTwo() {
        BackpackSigner signer = BackpackSigner.fromSeed(
                HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

        assertThat(HEX.formatHex(Base64.getDecoder().decode(signer.publicKeyBase64())))
                .isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        assertThat(HEX.formatHex(signer.signRaw(new byte[] {0x72}))).isEqualTo(
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
    }

    @Test
    void shouldBuildTheDocumentedCancelSigningString() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", "BTC_USDT");
        body.put("orderId", 28);

        assertThat(BackpackSigner.signingString("orderCancel", body, 1614550000000L, 5000))
                .isEqualTo("instruction=orderCancel&orderId=28&symbol=BTC_USDT&timestamp=1614550000000&window=5000");
    }

    @Test
    void shouldSignEachBatchElementAsItsOwnInstruction() {
        Map<String, Object> first = Map.of("symbol", "SOL_USDC", "side", "Bid", "price", "180.1");
        Map<String, Object> second = Map.of("symbol", "SOL_USDC", "side", "Ask", "price", "181");

        assertThat(BackpackSigner.batchSigningString("orderExecute", List.of(first, second), 1, 5000)).isEqualTo(
                "instruction=orderExecute&price=180.1&side=Bid&symbol=SOL_USDC"
                        + "&instruction=orderExecute&price=181&side=Ask&symbol=SOL_USDC&timestamp=1&window=5000");
    }

    @Test
    void shouldProduceSignaturesTheVerifyingKeyAccepts() throws Exception {
        BackpackSigner signer = BackpackSigner.fromBase64Seed(TestVenues.BACKPACK_SECRET);
        String message = "instruction=balanceQuery&timestamp=1735689600000&window=5000";

        assertThat(verify(TestVenues.BACKPACK_KEY, message, signer.sign(message))).isTrue();
        assertThat(verify(TestVenues.BACKPACK_KEY, message + "0", signer.sign(message))).isFalse();
    }

    @Test
    void shouldRefuseASecretThatIsNotA32ByteSeedWithoutEchoingIt() {
        String notASeed = Base64.getEncoder().encodeToString("too short".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> BackpackSigner.fromBase64Seed(notASeed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(notASeed);
    }

    /** Verifies with the JDK alone: an X.509 wrapping of the raw public key. */
    public static boolean verify(String base64PublicKey, String message, String base64Signature) throws Exception {
        byte[] raw = Base64.getDecoder().decode(base64PublicKey);
        byte[] x509 = new byte[12 + 32];
        byte[] prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
        System.arraycopy(prefix, 0, x509, 0, 12);
        System.arraycopy(raw, 0, x509, 12, 32);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(base64Signature));
    }
}
