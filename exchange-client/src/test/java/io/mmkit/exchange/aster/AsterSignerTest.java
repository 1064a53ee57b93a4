package io.mmkit.exchange.aster;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.binance.BinanceSigner;
import io.mmkit.exchange.signing.Eip712;
import io.mmkit.exchange.signing.EthKey;
import io.mmkit.exchange.signing.EthSignature;
import io.mmkit.exchange.signing.Hex;
import org.junit.jupiter.api.Test;

/**
 * Known answers for Aster's two signing schemes. v3: the documentation's demonstration wallet and its order example
 * ({@code ASTERUSDT LIMIT BUY GTC 20 @ 0.5}, the documented sample nonce), signed as the docs' Python does
 * ({@code encode_structured_data} over {@code Message{msg}}); the expected signatures were computed independently
 * with ethers v6 {@code Wallet.signTypedData} on the same domain, types and message. v1: the documentation's HMAC
 * example, verbatim.
 */
class AsterSignerTest {
    static final String DOC_ORDER_MESSAGE = "nonce=1748310859508867&price=0.5&quantity=20&side=BUY"
            + "&signer=0x21cF8Ae13Bb72632562c6Fff438652Ba1a151bb0&symbol=ASTERUSDT&timeInForce=GTC&type=LIMIT"
            + "&user=0x63DD5aCC6b1aa0f563956C0e534DD30B6dcF7C4e";
    private static final String ETHERS_MAINNET_SIGNATURE = "0x57a0751c8c851f4e50140dc10dd54350202098a4ad3e435ab49c91e6"
            + "2e612e9f721c73c1b6bc09a954867e99958e6f2fac974e067465f0fa5cc2dfaa0500ceed1b";
    private static final String ETHERS_TESTNET_SIGNATURE = "0xb31c85802eb305917e06c36a24cdf150e22f119d6192bb16bcd4b1f5"
            + "898adc547dc455c83aec7095b454bdd2f256eb62b5ab094fb93c0d59105f19a60f2445a21b";

    private final AsterSigner mainnet =
            new AsterSigner(EthKey.fromHex(TestVenues.ASTER_SIGNER_KEY), AsterSigner.MAINNET_CHAIN_ID);

    @Test
    void shouldDeriveTheDocumentedSignerAddressFromTheDocumentedKey() {
        assertThat(mainnet.signerAddress()).isEqualTo(TestVenues.ASTER_SIGNER);
    }

    @Test
    void shouldSignTheDocumentedOrderExampleAsEthersDoes() {
        assertThat(mainnet.sign(DOC_ORDER_MESSAGE).toHex()).isEqualTo(ETHERS_MAINNET_SIGNATURE);
        assertThat(new AsterSigner(EthKey.fromHex(TestVenues.ASTER_SIGNER_KEY), AsterSigner.TESTNET_CHAIN_ID)
                .sign(DOC_ORDER_MESSAGE).toHex()).isEqualTo(ETHERS_TESTNET_SIGNATURE);
    }

    @Test
    void shouldHashTheDocumentsTypedDataJsonToTheSameDigest() {
        Eip712.TypedData fromDocs = Eip712.parse(TestVenues.fixture("aster/v3-typed-data.json"));

        assertThat(Hex.encode(fromDocs.domainSeparator()))
                .isEqualTo("0xa95d0a7a6f3f17fcebb0c2336645385ce79cde7523f71ab147fdb7f15e9f37f9");
        assertThat(Hex.encode(fromDocs.digest()))
                .isEqualTo("0x1cff4436f7ec49f0bd288f95435d407c007248e6588d4115e13e7d7580fb969b");
        assertThat(mainnet.typedData(DOC_ORDER_MESSAGE).digest()).isEqualTo(fromDocs.digest());
        EthSignature sig = EthSignature.fromHex(ETHERS_MAINNET_SIGNATURE);
        assertThat(EthKey.recoverAddress(fromDocs.digest(), sig)).isEqualTo(TestVenues.ASTER_SIGNER.toLowerCase());
    }

    @Test
    void shouldReproduceTheV1DocumentationsHmacExample() {
        String totalParams = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC"
                + "&recvWindow=5000&timestamp=1591702613943";

        assertThat(new BinanceSigner(TestVenues.ASTER_V1_SECRET).sign(totalParams))
                .isEqualTo("3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9");
    }

    @Test
    void shouldNotShowTheKeyInToString() {
        assertThat(mainnet.toString()).doesNotContain(TestVenues.ASTER_SIGNER_KEY.substring(2));
    }
}
