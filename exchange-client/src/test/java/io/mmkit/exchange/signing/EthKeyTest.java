package io.mmkit.exchange.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EthKeyTest {
    /** The web3.js documentation's example account. */
    private static final String WEB3_DOC_KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    @Test
    void shouldDeriveTheKnownAddressOfAKey() {
        EthKey key = EthKey.fromHex(WEB3_DOC_KEY);

        assertThat(key.checksumAddress()).isEqualTo("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
        assertThat(key.address()).isEqualTo("0x2c7536e3605d9c16a7a3d7b1898e529396a65c23");
    }

    @Test
    void shouldDeriveTheAddressOfPrivateKeyOneWithOrWithoutPrefix() {
        String one = "0000000000000000000000000000000000000000000000000000000000000001";

        assertThat(EthKey.fromHex(one).checksumAddress()).isEqualTo("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
        assertThat(EthKey.fromHex("0x" + one).address()).isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    }

    @Test
    void shouldChecksumAddressesAsEip55Says() {
        assertThat(EthKey.checksum("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"))
                .isEqualTo("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        assertThat(EthKey.checksum("fb6916095ca1df60bb79ce92ce3ea74c37c5d359"))
                .isEqualTo("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359");
    }

    @Test
    void shouldSignDeterministicallyWithLowSAndARecoverableV() {
        EthKey key = EthKey.fromHex(WEB3_DOC_KEY);
        BigInteger halfN = new BigInteger("7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16);

        for (int i = 0; i < 20; i++) {
            byte[] digest = Keccak256.hash(("message " + i).getBytes(StandardCharsets.UTF_8));
            EthSignature sig = key.sign(digest);

            assertThat(key.sign(digest)).isEqualTo(sig);
            assertThat(new BigInteger(1, sig.s())).isLessThanOrEqualTo(halfN);
            assertThat(sig.v()).isIn(27, 28);
            assertThat(EthKey.recoverAddress(digest, sig)).isEqualTo(key.address());
        }
    }

    @Test
    void shouldRoundTripTheSixtyFiveByteHexForm() {
        EthSignature sig = EthKey.fromHex(WEB3_DOC_KEY).sign(Keccak256.hash(new byte[0]));

        assertThat(sig.toHex()).hasSize(132).startsWith(sig.rHex()).endsWith(sig.v() == 27 ? "1b" : "1c");
        assertThat(sig.toHex()).contains(sig.sHex().substring(2));
        assertThat(EthSignature.fromHex(sig.toHex())).isEqualTo(sig);
    }

    @Test
    void shouldRefuseBadKeysWithoutEchoingThem() {
        String tooShort = "0xdeadbeefcafe";
        assertThatThrownBy(() -> EthKey.fromHex(tooShort))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("deadbeef");
        assertThatThrownBy(() -> EthKey.fromHex("zz" + WEB3_DOC_KEY.substring(4)))
                .hasMessageNotContaining(WEB3_DOC_KEY.substring(4));
        assertThatThrownBy(() -> EthKey.fromHex("0".repeat(64))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> EthKey.fromHex(" ")).hasMessageContaining("missing");
    }

    @Test
    void shouldNeverShowThePrivateKeyInToString() {
        EthKey key = EthKey.fromHex(WEB3_DOC_KEY);

        assertThat(key.toString()).contains(key.address()).doesNotContain(WEB3_DOC_KEY.substring(2));
    }

    @Test
    void shouldLoadAKeyFromTheEnvironmentAndNameOnlyTheVariableWhenItIsBad() {
        assertThat(EthKey.fromEnv("WALLET", java.util.Map.of("WALLET", WEB3_DOC_KEY)).address())
                .isEqualTo("0x2c7536e3605d9c16a7a3d7b1898e529396a65c23");
        assertThatThrownBy(() -> EthKey.fromEnv("WALLET", java.util.Map.of()))
                .hasMessage("environment variable WALLET is not set");
        assertThatThrownBy(() -> EthKey.fromEnv("WALLET", java.util.Map.of("WALLET", WEB3_DOC_KEY + "00")))
                .hasMessageContaining("WALLET").hasMessageNotContaining(WEB3_DOC_KEY.substring(2));
    }
}
