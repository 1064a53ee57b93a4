package io.mmkit.exchange.hyperliquid;

import io.mmkit.exchange.signing.Eip712;
import io.mmkit.exchange.signing.EthKey;
import io.mmkit.exchange.signing.EthSignature;
import io.mmkit.exchange.signing.Hex;
import io.mmkit.exchange.signing.Keccak256;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hyperliquid's L1 action signature, made with an API wallet's key: the action is msgpacked, the nonce (8 bytes
 * big-endian) and the vault flag (0, or 1 and the vault's 20 bytes) are appended, and the keccak-256 of that is the
 * {@code connectionId} of a "phantom agent" {@code Agent {source, connectionId}}, signed as EIP-712 typed data in
 * the domain {@code {name "Exchange", version "1", chainId 1337, verifyingContract 0x0}}. {@code source} is
 * {@code "a"} on mainnet and {@code "b"} on testnet.
 *
 * <p>Holds the key only inside its {@link EthKey}; {@link #toString()} shows the wallet's address. Immutable and
 * thread-safe; signing is pure computation.
 */
public final class HyperliquidSigner {
    private static final Eip712.Domain DOMAIN =
            new Eip712.Domain("Exchange", "1", 1337, "0x0000000000000000000000000000000000000000");
    private static final Map<String, List<Eip712.Field>> TYPES = Map.of("Agent",
            List.of(new Eip712.Field("source", "string"), new Eip712.Field("connectionId", "bytes32")));

    private final EthKey key;
    private final boolean mainnet;

    /** @param mainnet whether actions are for mainnet (source {@code "a"}) or testnet ({@code "b"}) */
    public HyperliquidSigner(EthKey key, boolean mainnet) {
        this.key = Objects.requireNonNull(key, "key");
        this.mainnet = mainnet;
    }

    /** The API wallet's address, {@code 0x} and 40 lowercase hex digits. */
    public String address() {
        return key.address();
    }

    public boolean isMainnet() {
        return mainnet;
    }

    /**
     * The action hash: {@code keccak256(msgpack(action) || nonce (8 bytes, big-endian) || vault flag [|| vault])}.
     *
     * @param vaultAddress the vault or sub-account traded for, or {@code null} for the account itself
     */
    public static byte[] connectionId(Map<String, Object> action, long nonce, String vaultAddress) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(HyperliquidMsgpack.pack(action));
        for (int shift = 56; shift >= 0; shift -= 8) {
            data.write((int) (nonce >>> shift) & 0xFF);
        }
        if (vaultAddress == null) {
            data.write(0);
        } else {
            byte[] vault = Hex.decode(vaultAddress);
            if (vault.length != 20) {
                throw new IllegalArgumentException("a vault address is 20 bytes, was " + vault.length);
            }
            data.write(1);
            data.writeBytes(vault);
        }
        return Keccak256.hash(data.toByteArray());
    }

    /** The EIP-712 digest of the phantom agent for {@code connectionId}. */
    public byte[] agentDigest(byte[] connectionId) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("source", mainnet ? "a" : "b");
        agent.put("connectionId", connectionId);
        return new Eip712.TypedData(DOMAIN, TYPES, "Agent", agent).digest();
    }

    /** Signs an action for {@code /exchange}. Pure computation. */
    public EthSignature sign(Map<String, Object> action, long nonce, String vaultAddress) {
        return key.sign(agentDigest(connectionId(action, nonce, vaultAddress)));
    }

    /** The signature as the request body carries it: {@code {"r": "0x…", "s": "0x…", "v": 27}}. */
    public static Map<String, Object> wire(EthSignature signature) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("r", Hex.encode(signature.r()));
        out.put("s", Hex.encode(signature.s()));
        out.put("v", signature.v());
        return out;
    }

    @Override
    public String toString() {
        return "HyperliquidSigner[wallet=" + key.address() + ", " + (mainnet ? "mainnet" : "testnet") + "]";
    }
}
