package io.mmkit.exchange;

import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.exchange.aster.AsterGateway;
import io.mmkit.exchange.backpack.BackpackGateway;
import io.mmkit.exchange.binance.BinanceGateway;
import io.mmkit.exchange.http.Backoff;
import io.mmkit.exchange.http.HttpClients;
import io.mmkit.exchange.http.HttpSettings;
import io.mmkit.exchange.http.Redactor;
import io.mmkit.exchange.http.RestTransport;
import io.mmkit.exchange.http.ServerClock;
import io.mmkit.exchange.http.VenueErrors;
import io.mmkit.exchange.http.WeightRateLimiter;
import io.mmkit.exchange.ws.StreamSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

/** Keys, settings and fixtures the venue tests share. */
public final class TestVenues {
    /** RFC 8032 section 7.1, test 1: the secret key (seed). */
    public static final String RFC8032_SEED_HEX = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    /** RFC 8032 section 7.1, test 1: the public key. */
    public static final String RFC8032_PUBLIC_HEX = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    public static final String BACKPACK_SECRET =
            Base64.getEncoder().encodeToString(HexFormat.of().parseHex(RFC8032_SEED_HEX));
    public static final String BACKPACK_KEY =
            Base64.getEncoder().encodeToString(HexFormat.of().parseHex(RFC8032_PUBLIC_HEX));

    /** The key pair from Binance's signed-endpoint documentation. */
    public static final String BINANCE_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    public static final String BINANCE_SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    /** Aster v3's documented demonstration main account ({@code user}). */
    public static final String ASTER_USER = "0x63DD5aCC6b1aa0f563956C0e534DD30B6dcF7C4e";
    /** Aster v3's documented demonstration API wallet ({@code signer}) ... */
    public static final String ASTER_SIGNER = "0x21cF8Ae13Bb72632562c6Fff438652Ba1a151bb0";
    /** ... and its private key, as the v3 documentation publishes them. */
    public static final String ASTER_SIGNER_KEY = "0x4fd0a42218f3eae43a6ce26d22544e986139a01e5b34a62db53757ffca81bae1";
    /** The key pair from Aster v1's signed-endpoint documentation. */
    public static final String ASTER_V1_KEY = "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83";
    public static final String ASTER_V1_SECRET = "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9";

    /** A WebSocket root nothing listens on: for tests that never subscribe. */
    public static final String NO_SOCKET = "ws://127.0.0.1:9";

    /** Where simulated time starts in venue tests: 2025-01-01T00:00:00Z. */
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private TestVenues() {
    }

    /** Read timeout in tests: long enough for a cold WireMock on a busy machine, short enough for fault tests. */
    public static final int READ_TIMEOUT_MILLIS = 2_000;

    /** Short timeouts and quick retries, so fault tests stay fast. */
    public static HttpSettings fastHttp() {
        return new HttpSettings(Duration.ofSeconds(1), Duration.ofMillis(READ_TIMEOUT_MILLIS), Duration.ofSeconds(4), 3,
                Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));
    }

    public static StreamSettings fastStreams() {
        return new StreamSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofMillis(200));
    }

    public static VenueConfig backpack(String baseUrl, String wsUrl) {
        return new VenueConfig("backpack", MarketType.SPOT, baseUrl, wsUrl, BACKPACK_KEY, BACKPACK_SECRET, 5000,
                fastHttp(), fastStreams());
    }

    public static VenueConfig binance(MarketType market, String baseUrl, String wsUrl) {
        return new VenueConfig("binance", market, baseUrl, wsUrl, BINANCE_KEY, BINANCE_SECRET, 5000, fastHttp(),
                fastStreams());
    }

    /** Aster v3 (API wallet) on mainnet's chain id, with the documented demonstration wallet. */
    public static VenueConfig asterV3(String baseUrl, String wsUrl) {
        return new VenueConfig("aster", MarketType.PERPETUAL, baseUrl, wsUrl, ASTER_USER, ASTER_SIGNER_KEY, 5000,
                fastHttp(), fastStreams(), java.util.Map.of("auth", "v3", "chain_id", "1666"));
    }

    /** Aster v1 (HMAC) with the documented demonstration key pair. */
    public static VenueConfig asterV1(String baseUrl, String wsUrl) {
        return new VenueConfig("aster", MarketType.PERPETUAL, baseUrl, wsUrl, ASTER_V1_KEY, ASTER_V1_SECRET, 5000,
                fastHttp(), fastStreams(), java.util.Map.of("auth", "v1"));
    }

    /** An Aster v3 gateway on {@code baseUrl} in simulated time from {@link #START}, no streams. Caller closes. */
    public static BinanceGateway asterGateway(String baseUrl, long seed) {
        return AsterGateway.open(asterV3(baseUrl, NO_SOCKET), new SimulatedTimeSource(START), new Random(seed));
    }

    /** A Backpack gateway on {@code baseUrl} in simulated time from {@link #START}, no streams. Caller closes. */
    public static BackpackGateway backpackGateway(String baseUrl, long seed) {
        return BackpackGateway.open(backpack(baseUrl, NO_SOCKET), new SimulatedTimeSource(START), new Random(seed));
    }

    /** A Binance gateway on {@code baseUrl} in simulated time from {@link #START}, no streams. Caller closes. */
    public static BinanceGateway binanceGateway(MarketType market, String baseUrl, long seed) {
        return BinanceGateway.open(binance(market, baseUrl, NO_SOCKET), new SimulatedTimeSource(START),
                new Random(seed));
    }

    /**
     * A REST transport for endpoint tests below the gateway: {@link #fastHttp()}, simulated time from
     * {@link #START}, a limit of {@code weightPerMinute}, seeded jitter, nothing redacted.
     */
    public static RestTransport transport(String venue, VenueErrors errors, int weightPerMinute) {
        var time = new SimulatedTimeSource(START);
        HttpSettings http = fastHttp();
        return new RestTransport(venue, HttpClients.create(http, Duration.ofSeconds(5)), http, new ServerClock(time),
                new WeightRateLimiter(time, weightPerMinute, Duration.ofMinutes(1)),
                new Backoff(http.baseBackoff(), http.maxBackoff(), new Random(1)), errors, Redactor.none());
    }

    /** A file under {@code src/test/resources}. */
    public static String fixture(String path) {
        try (InputStream in = TestVenues.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
