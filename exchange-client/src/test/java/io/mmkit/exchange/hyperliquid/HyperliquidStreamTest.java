package io.mmkit.exchange.hyperliquid;

import static io.mmkit.exchange.hyperliquid.HyperliquidGatewayContractTest.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.model.Side;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.exchange.WireMockVenue;
import io.mmkit.exchange.ws.RecordingListener;
import io.mmkit.exchange.ws.RecordingVenueSocket;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Hyperliquid's streams against a local WebSocket server (mockwebserver3), REST on WireMock. */
class HyperliquidStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final WireMockVenue rest = new WireMockVenue();
    private final MockWebServer ws = new MockWebServer();
    private final RecordingVenueSocket venueSockets = new RecordingVenueSocket();
    private final ObjectMapper mapper = new ObjectMapper();
    private HyperliquidGateway gateway;

    @BeforeEach
    void start() throws IOException {
        rest.stub(info("metaAndAssetCtxs"), "hyperliquid/meta-and-asset-ctxs.json");
        rest.stub(info("l2Book"), "hyperliquid/l2book.json");
        rest.stubFor(info("userFillsByTime").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson("[]")));
        ws.setDispatcher(venueSockets);
        ws.start();
        gateway = HyperliquidGateway.open(HyperliquidTestVenue.config(rest.baseUrl(), "ws://127.0.0.1:" + ws.getPort()),
                new SystemTimeSource(), new Random(3));
    }

    @AfterEach
    void stop() {
        gateway.close();
        ws.close();
    }

    @Test
    void shouldSubscribeToTheCoinsBookAndTradesAndTheAccountsOrdersAndFills() throws Exception {
        gateway.subscribe("SOL", new RecordingListener());

        awaitSubscribed("userFills");
        awaitSubscribed("orderUpdates");
        awaitSubscribed("l2Book");
        awaitSubscribed("trades");
        List<JsonNode> frames = new ArrayList<>();
        for (RecordingVenueSocket.Connection c : venueSockets.connections) {
            for (String f : c.received) {
                frames.add(mapper.readTree(f));
            }
        }
        assertThat(frames).anySatisfy(f -> assertThat(f.toString()).isEqualTo(
                "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"SOL\"}}"));
        assertThat(frames).anySatisfy(f -> assertThat(f.toString()).isEqualTo(
                "{\"method\":\"subscribe\",\"subscription\":{\"type\":\"userFills\",\"user\":\""
                        + HyperliquidTestVenue.ACCOUNT + "\"}}"));
    }

    @Test
    void shouldTakeTheBookTopFromTheStreamedSnapshot() {
        gateway.subscribe("SOL", new RecordingListener());
        awaitSubscribed("l2Book");

        send("l2Book", "{\"channel\":\"l2Book\",\"data\":{\"coin\":\"SOL\",\"time\":" + System.currentTimeMillis()
                + ",\"levels\":[[{\"px\":\"101.5\",\"sz\":\"2\",\"n\":1}],[{\"px\":\"101.7\",\"sz\":\"3\",\"n\":2}]]}}");

        await().atMost(WAIT).until(() -> gateway.bookTop("SOL").bidPrice().compareTo(new BigDecimal("101.5")) == 0);
        assertThat(gateway.bookTop("SOL").askQuantity()).isEqualByComparingTo("3");
    }

    @Test
    void shouldDeliverTradesOfTheCoin() {
        RecordingListener listener = new RecordingListener();
        gateway.subscribe("SOL", listener);
        awaitSubscribed("trades");

        send("trades", "{\"channel\":\"trades\",\"data\":[{\"coin\":\"SOL\",\"side\":\"A\",\"px\":\"100.02\","
                + "\"sz\":\"1.5\",\"hash\":\"0xabc\",\"time\":1735689600000,\"tid\":77,\"users\":[\"0x1\",\"0x2\"]}]}");

        await().atMost(WAIT).until(() -> !listener.trades.isEmpty());
        assertThat(listener.trades.get(0).aggressor()).isEqualTo(Side.SELL);
        assertThat(listener.trades.get(0).price()).isEqualByComparingTo("100.02");
    }

    @Test
    void shouldDeliverNewFillsOfTheCoinAndSkipTheSnapshot() {
        RecordingListener listener = new RecordingListener();
        gateway.subscribe("SOL", listener);
        awaitSubscribed("userFills");
        String user = HyperliquidTestVenue.ACCOUNT;

        send("userFills", "{\"channel\":\"userFills\",\"data\":{\"user\":\"" + user + "\",\"isSnapshot\":true,"
                + "\"fills\":[" + fill("SOL", 1) + "]}}");
        send("userFills", "{\"channel\":\"userFills\",\"data\":{\"user\":\"" + user + "\",\"fills\":["
                + fill("ETH", 2) + "," + fill("SOL", 3) + "]}}");

        await().atMost(WAIT).until(() -> !listener.fills.isEmpty());
        assertThat(listener.fills).extracting(f -> f.fillId()).containsExactly("3-9001");
        assertThat(listener.fills.get(0).clientOrderId()).isEqualTo("7340035");
    }

    private static String fill(String coin, long tid) {
        return "{\"coin\":\"" + coin + "\",\"px\":\"98.0\",\"sz\":\"0.5\",\"side\":\"B\",\"time\":1735689650000,"
                + "\"startPosition\":\"0.0\",\"dir\":\"Open Long\",\"closedPnl\":\"0.0\",\"hash\":\"0xdef\","
                + "\"oid\":9001,\"crossed\":false,\"fee\":\"0.01\",\"tid\":" + tid + ",\"feeToken\":\"USDC\","
                + "\"cloid\":\"0x6d6d6b69740000000000000000700003\"}";
    }

    private void awaitSubscribed(String type) {
        await().atMost(WAIT).until(() -> !venueSockets.subscribedTo(type).isEmpty());
    }

    private void send(String type, String frame) {
        venueSockets.latest(type).socket.send(frame);
    }
}
