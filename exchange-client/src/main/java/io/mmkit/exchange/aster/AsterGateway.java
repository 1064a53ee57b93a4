package io.mmkit.exchange.aster;

import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.VenueObserver;
import io.mmkit.exchange.binance.BinanceAuth;
import io.mmkit.exchange.binance.BinanceGateway;
import io.mmkit.exchange.binance.BinanceHmacAuth;
import io.mmkit.exchange.binance.BinanceMarket;
import io.mmkit.exchange.binance.BinanceSigner;
import io.mmkit.exchange.signing.EthKey;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * Aster's USDⓈ-margined perpetuals behind the core port. Aster's futures API is Binance futures' API: the same
 * endpoints, parameters, payloads, error codes, streams and order-book sync, so the gateway <em>is</em> a
 * {@link BinanceGateway} on an Aster {@link BinanceMarket dialect}. What differs:
 * <ul>
 *   <li>roots: {@code https://fapi.asterdex.com}, {@code wss://fstream.asterdex.com};</li>
 *   <li>v1 ({@code "auth": "v1"}): Binance futures' paths and HMAC keys, unchanged;</li>
 *   <li>v3 ({@code "auth": "v3"}, the recommended one): every path under {@code /fapi/v3} (balance and position
 *       risk included, which Binance keeps under {@code /fapi/v2}), and no API key: each signed call carries
 *       {@code user}, {@code signer}, a microsecond {@code nonce} and an EIP-712 signature by the API wallet
 *       ({@link AsterWalletAuth}), listen key calls too.</li>
 * </ul>
 */
public final class AsterGateway {
    public static final String NAME = "aster";
    /** {@link VenueConfig#options()} key: {@code v1} or {@code v3}. */
    public static final String AUTH = "auth";
    /** {@link VenueConfig#options()} key: the EIP-712 chain id v3 signs with. */
    public static final String CHAIN_ID = "chain_id";

    private AsterGateway() {
    }

    /** Which of Aster's two signed APIs a config uses. */
    public enum Auth {
        V1(BinanceMarket.ASTER_V1), V3(BinanceMarket.ASTER_V3);

        private final BinanceMarket dialect;

        Auth(BinanceMarket dialect) {
            this.dialect = dialect;
        }

        public BinanceMarket dialect() {
            return dialect;
        }

        /** @throws IllegalArgumentException unless {@code text} is v1 or v3 */
        public static Auth parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "v1" -> V1;
                case "v3" -> V3;
                default -> throw new IllegalArgumentException("must be v1 (API key and HMAC secret) or v3 (API wallet),"
                        + " was \"" + text + "\"");
            };
        }
    }

    /**
     * Builds the gateway {@code config} describes: v1 with {@code apiKey}/{@code secret} as HMAC key and secret, v3
     * with {@code apiKey} as the main account ({@code user}) and {@code secret} as the API wallet's private key.
     * Does no I/O: the first call connects. The caller closes it.
     *
     * @throws IllegalArgumentException if the market is not perpetual or v3's key is not a secp256k1 key
     */
    public static BinanceGateway open(VenueConfig config, TimeSource time, RandomGenerator random) {
        return open(config, time, random, VenueObserver.NONE);
    }

    /** Like {@link #open(VenueConfig, TimeSource, RandomGenerator)}, reporting its traffic to {@code observer}. */
    public static BinanceGateway open(VenueConfig config, TimeSource time, RandomGenerator random,
                                      VenueObserver observer) {
        if (config.market() != MarketType.PERPETUAL) {
            throw new IllegalArgumentException("aster: only the perpetual market is supported");
        }
        Auth auth = Auth.parse(config.options().getOrDefault(AUTH, "v3"));
        return BinanceGateway.open(config, auth.dialect(), auth(config, auth), time, random, observer);
    }

    private static BinanceAuth auth(VenueConfig config, Auth auth) {
        if (auth == Auth.V1) {
            return new BinanceHmacAuth(config.apiKey(), new BinanceSigner(config.secret()), config.recvWindowMillis());
        }
        long chainId = Long.parseLong(config.options().getOrDefault(CHAIN_ID,
                Long.toString(AsterSigner.MAINNET_CHAIN_ID)));
        return new AsterWalletAuth(config.apiKey(), new AsterSigner(EthKey.fromHex(config.secret()), chainId));
    }
}
