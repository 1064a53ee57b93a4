package io.mmkit.exchange.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.exchange.signing.EthKey;
import io.mmkit.exchange.signing.EthSignature;
import io.mmkit.exchange.signing.Hex;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers from the Hyperliquid Python SDK's {@code tests/signing_test.py} (MIT licence, hyperliquid-dex): the
 * same actions, nonces and key must give the same connection id and the same r, s and v. The SDK prints r and s
 * without leading zeros, so they are compared as numbers.
 */
class HyperliquidSignerTest {
    private static final EthKey KEY = EthKey.fromHex("0x0123456789012345678901234567890123456789012345678901234567890123");

    @Test
    void shouldHashAnIocOrderToTheConnectionIdProductionUses() {
        Map<String, Object> action = HyperliquidActions.order(List.of(
                HyperliquidActions.orderWire(4, true, "1670.1", "0.0147", false, "Ioc", null)));

        byte[] id = HyperliquidSigner.connectionId(action, 1677777606040L, null);

        assertThat(Hex.encode(id)).isEqualTo("0x0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908");
    }

    @Test
    void shouldSignTheDummyActionOnMainnetAndTestnet() {
        Map<String, Object> action = dummy();

        assertSignature(new HyperliquidSigner(KEY, true).sign(action, 0, null),
                "0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298",
                "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8", 27);
        assertSignature(new HyperliquidSigner(KEY, false).sign(action, 0, null),
                "0x542af61ef1f429707e3c76c5293c80d01f74ef853e34b76efffcb57e574f9510",
                "0x17b8b32f086e8cdede991f1e2c529f5dd5297cbe8128500e00cbaf766204a613", 28);
    }

    @Test
    void shouldSignAGtcOrder() {
        Map<String, Object> action = HyperliquidActions.order(List.of(
                HyperliquidActions.orderWire(1, true, "100", "100", false, "Gtc", null)));

        assertSignature(new HyperliquidSigner(KEY, true).sign(action, 0, null),
                "0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e",
                "0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e", 28);
        assertSignature(new HyperliquidSigner(KEY, false).sign(action, 0, null),
                "0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54",
                "0x6b53878fc99d26047f4d7e8c90eb98955a109f44209163f52d8dc4278cbbd9f5", 27);
    }

    @Test
    void shouldSignAGtcOrderWithACloid() {
        Map<String, Object> action = HyperliquidActions.order(List.of(HyperliquidActions.orderWire(1, true, "100",
                "100", false, "Gtc", "0x00000000000000000000000000000001")));

        assertSignature(new HyperliquidSigner(KEY, true).sign(action, 0, null),
                "0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3",
                "0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da", 27);
        assertSignature(new HyperliquidSigner(KEY, false).sign(action, 0, null),
                "0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d",
                "0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988", 28);
    }

    @Test
    void shouldAppendTheVaultAddressToTheHash() {
        String vault = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";

        assertSignature(new HyperliquidSigner(KEY, true).sign(dummy(), 0, vault),
                "0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239",
                "0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c", 28);
        assertSignature(new HyperliquidSigner(KEY, false).sign(dummy(), 0, vault),
                "0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b",
                "0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60", 27);
    }

    @Test
    void shouldSignAScheduleCancelWithAndWithoutATime() {
        Map<String, Object> unset = new LinkedHashMap<>();
        unset.put("type", "scheduleCancel");
        Map<String, Object> at = new LinkedHashMap<>(unset);
        at.put("time", 123456789);

        assertSignature(new HyperliquidSigner(KEY, true).sign(unset, 0, null),
                "0x6cdfb286702f5917e76cd9b3b8bf678fcc49aec194c02a73e6d4f16891195df9",
                "0x6557ac307fa05d25b8d61f21fb8a938e703b3d9bf575f6717ba21ec61261b2a0", 27);
        assertSignature(new HyperliquidSigner(KEY, false).sign(at, 0, null),
                "0x4e4f2dbd4107c69783e251b7e1057d9f2b9d11cee213441ccfa2be63516dc5bc",
                "0x706c656b23428c8ba356d68db207e11139ede1670481a9e01ae2dfcdb0e1a678", 27);
    }

    @Test
    void shouldRecoverTheWalletFromTheSignatureItMade() {
        HyperliquidSigner signer = new HyperliquidSigner(KEY, true);
        byte[] digest = signer.agentDigest(HyperliquidSigner.connectionId(dummy(), 42, null));

        EthSignature signature = signer.sign(dummy(), 42, null);

        assertThat(EthKey.recoverAddress(digest, signature)).isEqualTo(signer.address());
        assertThat(signer.toString()).doesNotContain("0123456789012345678901234567890123456789012345678901234567890123");
    }

    /** {@code {"type": "dummy", "num": float_to_int_for_hashing(1000)}}: 1000 * 10^8. */
    private static Map<String, Object> dummy() {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "dummy");
        action.put("num", 100_000_000_000L);
        return action;
    }

    private static void assertSignature(EthSignature actual, String r, String s, int v) {
        assertThat(new BigInteger(1, actual.r())).as("r").isEqualTo(new BigInteger(r.substring(2), 16));
        assertThat(new BigInteger(1, actual.s())).as("s").isEqualTo(new BigInteger(s.substring(2), 16));
        assertThat(actual.v()).as("v").isEqualTo(v);
    }
}
