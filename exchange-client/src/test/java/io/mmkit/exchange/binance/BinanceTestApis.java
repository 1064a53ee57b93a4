package io.mmkit.exchange.binance;

import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import io.mmkit.exchange.http.Json;
import okhttp3.HttpUrl;

/** A raw Binance REST API against a WireMock venue, for endpoint tests that go below the gateway. */
final class BinanceTestApis {
    private BinanceTestApis() {
    }

    static BinanceRestApi api(WireMockVenue venue, BinanceMarket market) {
        var mapper = Json.newMapper();
        var errors = new BinanceErrors(mapper);
        return new BinanceRestApi(TestVenues.transport("binance", errors, 1000), market, HttpUrl.get(venue.baseUrl()),
                TestVenues.BINANCE_KEY, new BinanceSigner(TestVenues.BINANCE_SECRET), 5000, mapper, errors);
    }
}
