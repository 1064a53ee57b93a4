package io.mmkit.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.exchange.backpack.BackpackGateway;
import io.mmkit.exchange.binance.BinanceGateway;
import io.mmkit.exchange.ws.RecordingListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code "streams": false}: subscribing opens no socket and starts no thread, says the private stream is down
 * (so the engine polls fills), and the book comes from REST. With {@code "rate_limit": false} no call waits on
 * the (simulated) clock.
 */
class RestOnlyModeTest {
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();
    private final SimulatedTimeSource time = new SimulatedTimeSource(TestVenues.START);

    @Test
    void shouldReportTheStreamDownAndReadTheBookOverRestWhenBackpackStreamsAreOff() {
        venue.stubFor(get(urlPathEqualTo("/api/v1/depth"))
                .willReturn(okJson(TestVenues.fixture("backpack/depth.json"))));
        VenueConfig base = TestVenues.backpack(venue.baseUrl(), TestVenues.NO_SOCKET);
        VenueConfig config = new VenueConfig(base.name(), base.market(), base.baseUrl(), base.wsUrl(), base.apiKey(),
                base.secret(), base.recvWindowMillis(), base.http().withRateLimited(false)
                        // No fault is tested here: generous timeouts, so a slow answer on a loaded box is no retry
                        // (whose backoff would wait on the simulated clock and look like a rate-limit wait).
                        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)),
                base.streams().withEnabled(false));
        RecordingListener listener = new RecordingListener();

        try (BackpackGateway gateway = BackpackGateway.open(config, time, new Random(1))) {
            gateway.subscribe("SOL_USDC", listener);

            assertThat(listener.connectionStates).containsExactly(false);
            assertThat(gateway.subscription("SOL_USDC")).isEmpty();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .as("no dispatcher, poller or socket thread").noneMatch(n -> n.startsWith("backpack-"));
            Instant before = time.now();
            for (int i = 0; i < 50; i++) {
                BookTop top = gateway.bookTop("SOL_USDC");
                assertThat(top.bidPrice()).isPositive();
            }
            assertThat(time.now()).as("no call waited on the simulated clock").isEqualTo(before);
        }
    }

    @Test
    void shouldCreateNoListenKeyWhenBinanceStreamsAreOff() {
        VenueConfig base = TestVenues.binance(MarketType.SPOT, venue.baseUrl(), TestVenues.NO_SOCKET);
        VenueConfig config = new VenueConfig(base.name(), base.market(), base.baseUrl(), base.wsUrl(), base.apiKey(),
                base.secret(), base.recvWindowMillis(), base.http(), base.streams().withEnabled(false));
        RecordingListener listener = new RecordingListener();

        try (BinanceGateway gateway = BinanceGateway.open(config, time, new Random(1))) {
            gateway.subscribe("BTCUSDT", listener);

            assertThat(listener.connectionStates).containsExactly(false);
            assertThat(gateway.subscription("BTCUSDT")).isEmpty();
        }
        venue.verify(0, anyRequestedFor(anyUrl()));
    }
}
