package io.mmkit.exchange.binance;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.core.model.MarketType;
import io.mmkit.core.model.Side;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import io.mmkit.exchange.ws.RecordingListener;
import io.mmkit.exchange.ws.RecordingVenueSocket;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Random;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Binance USDⓈ-M streams: the documented snapshot + {@code pu} synchronisation, trades and the user data stream. */
class BinanceStreamTest {
    private static final String SYMBOL = "ETHUSDT";
    private static final String DEPTH = "ethusdt@depth@100ms";
    private static final String LISTEN_KEY = "pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final WireMockVenue rest = new WireMockVenue();
    private final MockWebServer ws = new MockWebServer();
    private final RecordingVenueSocket venueSockets = new RecordingVenueSocket();
    private BinanceGateway gateway;

    @BeforeEach
    void start() throws IOException {
        rest.stubFor(get(urlPathEqualTo("/fapi/v1/depth")).willReturn(okJson(
                "{\"lastUpdateId\":1000,\"E\":1,\"T\":1,\"bids\":[[\"3300.00\",\"1\"]],\"asks\":[[\"3300.50\",\"1\"]]}")));
        rest.stubFor(post(urlPathEqualTo("/fapi/v1/listenKey")).willReturn(okJson(
                TestVenues.fixture("binance/listen-key.json"))));
        rest.stubFor(get(urlPathEqualTo("/fapi/v1/userTrades")).willReturn(okJson("[]")));
        ws.setDispatcher(venueSockets);
        ws.start();
        gateway = BinanceGateway.open(TestVenues.binance(MarketType.PERPETUAL, rest.baseUrl(),
                "ws://127.0.0.1:" + ws.getPort()), new SystemTimeSource(), new Random(11));
    }

    @AfterEach
    void stop() {
        gateway.close();
        ws.close();
    }

    @Test
    void shouldSynchroniseFuturesDiffsByPreviousUpdateIdAndResyncOnAGap() {
        RecordingListener listener = new RecordingListener();
        gateway.subscribe(SYMBOL, listener);
        await().atMost(WAIT).until(() -> !venueSockets.subscribedTo(DEPTH).isEmpty());

        // Straddles the snapshot (U <= 1000 <= u), then continues with pu == previous u.
        market(diff(995, 1003, 990, "3300.10"));
        market(diff(1004, 1010, 1003, "3300.20"));
        // Read the streamed book itself: the gateway's bookTop would fetch a REST depth while the book is not yet
        // synchronised, and this test counts REST depth requests.
        await().atMost(WAIT).until(() -> gateway.subscription(SYMBOL).orElseThrow().feed()
                .freshTop(Duration.ofMinutes(1)).filter(t -> t.bidPrice().compareTo(new BigDecimal("3300.20")) == 0)
                .isPresent());

        market(diff(1020, 1025, 1015, "3300.30"));

        await().atMost(WAIT).until(() -> gateway.subscription(SYMBOL).orElseThrow().feed().snapshotsTaken() == 2);
        rest.verify(2, getRequestedFor(urlPathEqualTo("/fapi/v1/depth")));
    }

    @Test
    void shouldDeliverTradesAndUserStreamFillsOnTheListenKeySocket() {
        RecordingListener listener = new RecordingListener();
        gateway.subscribe(SYMBOL, listener);
        await().atMost(WAIT).until(() -> venueSockets.connections.stream()
                .anyMatch(c -> c.path.equals("/ws/" + LISTEN_KEY)));
        await().atMost(WAIT).until(() -> !venueSockets.subscribedTo("ethusdt@aggTrade").isEmpty());

        market("{\"e\":\"aggTrade\",\"E\":1,\"s\":\"ETHUSDT\",\"a\":5933014,\"p\":\"3300.25\",\"q\":\"0.5\","
                + "\"f\":100,\"l\":105,\"T\":1735689600000,\"m\":true}");
        venueSockets.connections.stream().filter(c -> c.path.equals("/ws/" + LISTEN_KEY)).findFirst().orElseThrow()
                .socket.send("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1735689600100,\"T\":1735689600100,\"o\":{"
                        + "\"s\":\"ETHUSDT\",\"c\":\"1048577\",\"S\":\"BUY\",\"o\":\"LIMIT\",\"f\":\"GTX\",\"q\":\"0.5\","
                        + "\"p\":\"3300\",\"x\":\"TRADE\",\"X\":\"PARTIALLY_FILLED\",\"i\":22542179,\"l\":\"0.2\","
                        + "\"z\":\"0.2\",\"L\":\"3300\",\"N\":\"USDT\",\"n\":\"0.132\",\"T\":1735689600100,"
                        + "\"t\":99001,\"m\":true,\"R\":false}}");

        await().atMost(WAIT).until(() -> !listener.trades.isEmpty() && !listener.fills.isEmpty());
        assertThat(listener.trades.get(0).aggressor()).isEqualTo(Side.SELL);
        assertThat(listener.fills.get(0).clientOrderId()).isEqualTo("1048577");
        assertThat(listener.fills.get(0).quantity()).isEqualByComparingTo("0.2");
        assertThat(listener.connectionStates).contains(true);
    }

    private BigDecimal bid() {
        return gateway.bookTop(SYMBOL).bidPrice();
    }

    private void market(String data) {
        venueSockets.latest(DEPTH).socket.send("{\"stream\":\"" + DEPTH + "\",\"data\":" + data + "}");
    }

    private static String diff(long first, long last, long previous, String bid) {
        return String.format("{\"e\":\"depthUpdate\",\"E\":1735689600000,\"T\":1735689600000,\"s\":\"ETHUSDT\","
                + "\"U\":%d,\"u\":%d,\"pu\":%d,\"b\":[[\"%s\",\"2\"]],\"a\":[]}", first, last, previous, bid);
    }
}
