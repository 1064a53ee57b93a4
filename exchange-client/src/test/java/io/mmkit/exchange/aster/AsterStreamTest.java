package io.mmkit.exchange.aster;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mmkit.core.model.Side;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import io.mmkit.exchange.binance.BinanceGateway;
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

/**
 * Aster's streams, which are Binance futures' streams: the {@code /fapi/v3/depth} snapshot with {@code pu}
 * synchronisation, {@code aggTrade}s, and the user data stream on {@code /ws/<listenKey>}, whose key v3 creates with
 * a wallet-signed {@code POST /fapi/v3/listenKey}.
 */
class AsterStreamTest {
    private static final String SYMBOL = "ASTERUSDT";
    private static final String DEPTH = "asterusdt@depth@100ms";
    private static final String LISTEN_KEY = "pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final WireMockVenue rest = new WireMockVenue();
    private final MockWebServer ws = new MockWebServer();
    private final RecordingVenueSocket venueSockets = new RecordingVenueSocket();
    private BinanceGateway gateway;

    @BeforeEach
    void start() throws IOException {
        rest.stubFor(get(urlPathEqualTo("/fapi/v3/depth")).willReturn(okJson(
                "{\"lastUpdateId\":1000,\"E\":1,\"T\":1,\"bids\":[[\"0.4990\",\"100\"]],\"asks\":[[\"0.5010\",\"100\"]]}")));
        rest.stub(post(urlPathEqualTo("/fapi/v3/listenKey")), "aster/listen-key.json");
        rest.stubFor(get(urlPathEqualTo("/fapi/v3/userTrades")).willReturn(okJson("[]")));
        ws.setDispatcher(venueSockets);
        ws.start();
        gateway = AsterGateway.open(TestVenues.asterV3(rest.baseUrl(), "ws://127.0.0.1:" + ws.getPort()),
                new SystemTimeSource(), new Random(11));
    }

    @AfterEach
    void stop() {
        gateway.close();
        ws.close();
    }

    @Test
    void shouldSynchroniseTheBookFromTheV3SnapshotAndItsDiffs() {
        gateway.subscribe(SYMBOL, new RecordingListener());
        await().atMost(WAIT).until(() -> !venueSockets.subscribedTo(DEPTH).isEmpty());

        market(diff(995, 1003, 990, "0.4995"));
        market(diff(1004, 1010, 1003, "0.4996"));

        await().atMost(WAIT).until(() -> gateway.subscription(SYMBOL).orElseThrow().feed()
                .freshTop(Duration.ofMinutes(1)).filter(t -> t.bidPrice().compareTo(new BigDecimal("0.4996")) == 0)
                .isPresent());
        rest.verify(getRequestedFor(urlPathEqualTo("/fapi/v3/depth")));
    }

    @Test
    void shouldOpenTheUserStreamWithAWalletSignedListenKeyAndDeliverFills() {
        RecordingListener listener = new RecordingListener();
        gateway.subscribe(SYMBOL, listener);
        await().atMost(WAIT).until(() -> venueSockets.connections.stream()
                .anyMatch(c -> c.path.equals("/ws/" + LISTEN_KEY)));
        await().atMost(WAIT).until(() -> !venueSockets.subscribedTo("asterusdt@aggTrade").isEmpty());

        market("{\"e\":\"aggTrade\",\"E\":1,\"s\":\"ASTERUSDT\",\"a\":5933014,\"p\":\"0.5001\",\"q\":\"40\","
                + "\"f\":100,\"l\":105,\"T\":1735689600000,\"m\":false}");
        venueSockets.connections.stream().filter(c -> c.path.equals("/ws/" + LISTEN_KEY)).findFirst().orElseThrow()
                .socket.send("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1735689600100,\"T\":1735689600100,\"o\":{"
                        + "\"s\":\"ASTERUSDT\",\"c\":\"1048577\",\"S\":\"SELL\",\"o\":\"LIMIT\",\"f\":\"GTX\","
                        + "\"q\":\"40\",\"p\":\"0.5010\",\"ap\":\"0.5010\",\"sp\":\"0\",\"x\":\"TRADE\","
                        + "\"X\":\"PARTIALLY_FILLED\",\"i\":8886774,\"l\":\"10\",\"z\":\"10\",\"L\":\"0.5010\","
                        + "\"N\":\"USDT\",\"n\":\"0.001\",\"T\":1735689600100,\"t\":99001,\"b\":\"0\",\"a\":\"9.91\","
                        + "\"m\":true,\"R\":false,\"wt\":\"CONTRACT_PRICE\",\"ot\":\"LIMIT\",\"ps\":\"BOTH\","
                        + "\"cp\":false,\"rp\":\"0\"}}");

        await().atMost(WAIT).until(() -> !listener.trades.isEmpty() && !listener.fills.isEmpty());
        assertThat(listener.trades.get(0).aggressor()).isEqualTo(Side.BUY);
        assertThat(listener.fills.get(0).clientOrderId()).isEqualTo("1048577");
        assertThat(listener.fills.get(0).quantity()).isEqualByComparingTo("10");
        LoggedRequest created = rest.findAll(postRequestedFor(urlPathEqualTo("/fapi/v3/listenKey"))).get(0);
        String url = created.getUrl();
        String signed = url.substring(url.indexOf('?') + 1, url.lastIndexOf("&signature="));
        assertThat(signed).startsWith("nonce=").contains("&" + AsterRequests.signer() + "&" + AsterRequests.user());
        AsterRequests.assertWalletSigned(created, signed);
    }

    private void market(String data) {
        venueSockets.latest(DEPTH).socket.send("{\"stream\":\"" + DEPTH + "\",\"data\":" + data + "}");
    }

    private static String diff(long first, long last, long previous, String bid) {
        return String.format("{\"e\":\"depthUpdate\",\"E\":1735689600000,\"T\":1735689600000,\"s\":\"ASTERUSDT\","
                + "\"U\":%d,\"u\":%d,\"pu\":%d,\"b\":[[\"%s\",\"200\"]],\"a\":[]}", first, last, previous, bid);
    }
}
