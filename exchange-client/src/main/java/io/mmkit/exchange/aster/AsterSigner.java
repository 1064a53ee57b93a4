package io.mmkit.exchange.aster;

import io.mmkit.exchange.signing.Eip712;
import io.mmkit.exchange.signing.EthKey;
import io.mmkit.exchange.signing.EthSignature;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Aster v3's request signature: the API wallet signs, with EIP-712, a {@code Message {string msg}} whose
 * {@code msg} is the request's parameter string exactly as sent, under the domain
 * {@code {name: "AsterSignTransaction", version: "1", chainId, verifyingContract: 0x0…0}} (chain 1666 on mainnet,
 * 714 on testnet, as the v3 documentation's examples give). Pure and thread-safe; the key never leaves it.
 */
public final class AsterSigner {
    /** Aster's mainnet signing chain id. */
    public static final long MAINNET_CHAIN_ID = 1666;
    /** Aster's testnet signing chain id. */
    public static final long TESTNET_CHAIN_ID = 714;

    private static final Map<String, List<Eip712.Field>> TYPES =
            Map.of("Message", List.of(new Eip712.Field("msg", "string")));
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final EthKey key;
    private final Eip712.Domain domain;
    private final byte[] domainSeparator;

    public AsterSigner(EthKey key, long chainId) {
        this.key = Objects.requireNonNull(key, "key");
        this.domain = domain(chainId);
        this.domainSeparator = Eip712.domainSeparator(domain);
    }

    /** The documented domain for {@code chainId}. */
    public static Eip712.Domain domain(long chainId) {
        return new Eip712.Domain("AsterSignTransaction", "1", BigInteger.valueOf(chainId), ZERO_ADDRESS, null);
    }

    /** The typed data a wallet would be shown for {@code message}: for tests and for checking by hand. */
    public Eip712.TypedData typedData(String message) {
        return new Eip712.TypedData(domain, TYPES, "Message", Map.of("msg", message));
    }

    /** The API wallet's address: the request's {@code signer}. */
    public String signerAddress() {
        return key.checksumAddress();
    }

    /** The signature of {@code message} (the parameter string as sent). */
    public EthSignature sign(String message) {
        byte[] structHash = Eip712.hashStruct("Message", Map.of("msg", message), TYPES);
        return key.sign(Eip712.digest(domainSeparator, structHash));
    }

    @Override
    public String toString() {
        return "AsterSigner[" + key.address() + ", chain " + domain.chainId() + "]";
    }
}
