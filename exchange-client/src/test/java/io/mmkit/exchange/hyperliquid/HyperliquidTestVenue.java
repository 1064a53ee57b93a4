package io.mmkit.exchange.hyperliquid;

import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.VenueConfig;
import java.util.Random;

/** Keys and a gateway factory for the Hyperliquid tests. */
final class HyperliquidTestVenue {
    /** The Python SDK's test key (tests/signing_test.py), used here as the API wallet. */
    static final String WALLET_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    /** A master account address (the one the SDK's info tests query). */
    static final String ACCOUNT = "0x5e9ee1089755c3435139848e47e6635505d5a13a";

    private HyperliquidTestVenue() {
    }

    static VenueConfig config(String baseUrl, String wsUrl) {
        return new VenueConfig("hyperliquid", MarketType.PERPETUAL, baseUrl, wsUrl, ACCOUNT, WALLET_KEY, 5000,
                TestVenues.fastHttp(), TestVenues.fastStreams());
    }

    /** A gateway on {@code baseUrl} in simulated time from {@link TestVenues#START}, no streams. Caller closes. */
    static HyperliquidGateway gateway(String baseUrl) {
        return HyperliquidGateway.open(config(baseUrl, TestVenues.NO_SOCKET), new SimulatedTimeSource(TestVenues.START),
                new Random(1));
    }
}
