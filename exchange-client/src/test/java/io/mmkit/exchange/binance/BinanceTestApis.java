package io.mmkit.exchange.binance;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.http.Backoff;
import io.mmkit.exchange.http.HttpClients;
import io.mmkit.exchange.http.HttpSettings;
import io.mmkit.exchange.http.Json;
import io.mmkit.exchange.http.Redactor;
import io.mmkit.exchange.http.RestTransport;
import io.mmkit.exchange.http.ServerClock;
import io.mmkit.exchange.http.WeightRateLimiter;
import java.time.Duration;
import java.util.Random;
import okhttp3.HttpUrl;

/** A raw Binance REST API against a WireMock server, for endpoint tests that go below the gateway. */
final class BinanceTestApis {
    private BinanceTestApis() {
    }

    static BinanceRestApi api(WireMockServer venue, BinanceMarket market) {
        var mapper = Json.newMapper();
        var errors = new BinanceErrors(mapper);
        var time = new SimulatedTimeSource(TestVenues.START);
        HttpSettings http = TestVenues.fastHttp();
        var transport = new RestTransport("binance", HttpClients.create(http, Duration.ofSeconds(5)), http,
                new ServerClock(time), new WeightRateLimiter(time, 1000, Duration.ofMinutes(1)),
                new Backoff(http.baseBackoff(), http.maxBackoff(), new Random(1)), errors, Redactor.none());
        return new BinanceRestApi(transport, market, HttpUrl.get("http://127.0.0.1:" + venue.port()),
                TestVenues.BINANCE_KEY, new BinanceSigner(TestVenues.BINANCE_SECRET), 5000, mapper, errors);
    }
}
