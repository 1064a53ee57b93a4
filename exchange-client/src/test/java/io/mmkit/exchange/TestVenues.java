package io.mmkit.exchange;

import io.mmkit.core.model.MarketType;
import io.mmkit.exchange.http.HttpSettings;
import io.mmkit.exchange.ws.StreamSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Base64;

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
