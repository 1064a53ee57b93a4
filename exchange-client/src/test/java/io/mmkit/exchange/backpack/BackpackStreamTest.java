package io.mmkit.exchange.backpack;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import io.mmkit.exchange.ws.RecordingListener;
import io.mmkit.exchange.ws.RecordingVenueSocket;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Backpack's streams against a local WebSocket server (mockwebserver3) and WireMock REST snapshots. */
class BackpackStreamTest {
    private static final String SYMBOL = "SOL_USDC";
    private static final String DEPTH = "depth." + SYMBOL;
    private static final String ACCOUNT = "account.orderUpdate." + SYMBOL;
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final WireMockVenue rest = new WireMockVenue();
    private final MockWebServer ws = new MockWebServer();
    private final RecordingVenueSocket venueSockets = new RecordingVenueSocket();
    private final ObjectMapper mapper = new ObjectMapper();
    private BackpackGateway gateway;

    @BeforeEach
    void start() throws IOException {
        givenSnapshot(100, "180.10", "180.20");
        rest.stubFor(get(urlPathEqualTo("/wapi/v1/history/fills")).willReturn(okJson("[]")));
        ws.setDispatcher(venueSockets);
        ws.start();
        gateway = open("ws://127.0.0.1:" + ws.getPort());
    }

    @AfterEach
    void stop() {
        gateway.close();
        ws.close();
    }

    @Test
    void shouldApplyTheSnapshotThenTheDiffs() {
        gateway.subscribe(SYMBOL, new RecordingListener());
        awaitSubscribed(DEPTH, 1);

        send(DEPTH, depth(101, 101, "[[\"180.15\",\"3\"]]", "[]"));
        send(DEPTH, depth(102, 102, "[]", "[[\"180.20\",\"0\"],[\"180.25\",\"1\"]]"));

        await().atMost(WAIT).until(() -> bid().compareTo(new BigDecimal("180.15")) == 0
                && gateway.bookTop(SYMBOL).askPrice().compareTo(new BigDecimal("180.25")) == 0);
        assertThat(feedSnapshots()).isEqualTo(1);
    }

    @Test
    void shouldResyncBookAfterSequenceGap() {
        gateway.subscribe(SYMBOL, new RecordingListener());
        awaitSubscribed(DEPTH, 1);
        send(DEPTH, depth(101, 101, "[[\"180.15\",\"3\"]]", "[]"));
        await().atMost(WAIT).until(() -> bid().compareTo(new BigDecimal("180.15")) == 0);
        givenSnapshot(200, "179.00", "179.50");

        send(DEPTH, depth(150, 151, "[[\"180.16\",\"1\"]]", "[]"));

        await().atMost(WAIT).until(() -> feedSnapshots() == 2);
        await().atMost(WAIT).until(() -> bid().compareTo(new BigDecimal("179.00")) == 0);
        send(DEPTH, depth(201, 201, "[[\"179.10\",\"1\"]]", "[]"));
        await().atMost(WAIT).until(() -> bid().compareTo(new BigDecimal("179.10")) == 0);
    }

    @Test
    void shouldReconnectAndResubscribeAfterTheSocketDrops() throws Exception {
        RecordingListener listener = new RecordingListener();
        gateway.subscribe(SYMBOL, listener);
        awaitSubscribed(DEPTH, 1);
        awaitSubscribed(ACCOUNT, 1);
        send(DEPTH, depth(101, 101, "[[\"180.15\",\"3\"]]", "[]"));
        await().atMost(WAIT).until(() -> bid().compareTo(new BigDecimal("180.15")) == 0);

        venueSockets.latest(DEPTH).socket.close(1001, "going away");
        venueSockets.latest(ACCOUNT).socket.close(1001, "going away");

        awaitSubscribed(DEPTH, 2);
        awaitSubscribed(ACCOUNT, 2);
        JsonNode resubscribe = mapper.readTree(venueSockets.latest(ACCOUNT).received.get(0));
        String timestamp = resubscribe.get("signature").get(2).asText();
        assertThat(BackpackSignerTest.verify(TestVenues.BACKPACK_KEY,
                "instruction=subscribe&timestamp=" + timestamp + "&window=5000",
                resubscribe.get("signature").get(1).asText())).isTrue();
        await().atMost(WAIT).until(() -> listener.connectionStates.contains(false)
                && listener.connectionStates.get(listener.connectionStates.size() - 1));
        // The book was dropped with the socket: the next diff waits for a fresh snapshot.
        givenSnapshot(300, "181.00", "181.10");
        send(DEPTH, depth(301, 301, "[[\"181.05\",\"2\"]]", "[]"));
        await().atMost(WAIT).until(() -> bid().compareTo(new BigDecimal("181.05")) == 0);
        assertThat(feedSnapshots()).isEqualTo(2);
    }

    @Test
    void shouldNeverBlockTheSocketThreadOnASlowListener() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener slow = new RecordingListener() {
            @Override
            public void onBookTop(BookTop top) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onBookTop(top);
            }
        };
        gateway.subscribe(SYMBOL, slow);
        awaitSubscribed("bookTicker." + SYMBOL, 1);

        for (int i = 1; i <= 500; i++) {
            send("bookTicker." + SYMBOL, bookTicker(new BigDecimal("100").add(BigDecimal.valueOf(i, 2))));
        }

        // Every frame was read while the listener sat blocked on its first event.
        await().atMost(WAIT).until(() -> bid().compareTo(new BigDecimal("105.00")) == 0);
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(slow.tops).isEmpty();
        release.countDown();
        await().atMost(WAIT).until(() -> !slow.tops.isEmpty()
                && slow.tops.get(slow.tops.size() - 1).bidPrice().compareTo(new BigDecimal("105.00")) == 0);
        assertThat(slow.tops.size()).isLessThan(500);
    }

    @Test
    void shouldDeliverFillsFromTheSignedPrivateStream() {
        RecordingListener listener = new RecordingListener();
        gateway.subscribe(SYMBOL, listener);
        awaitSubscribed(ACCOUNT, 1);

        send(ACCOUNT, "{\"e\":\"orderFill\",\"E\":1735689605000000,\"s\":\"SOL_USDC\",\"c\":1048577,\"S\":\"Bid\","
                + "\"o\":\"LIMIT\",\"f\":\"GTC\",\"q\":\"1.5\",\"p\":\"180.10\",\"X\":\"PartiallyFilled\","
                + "\"i\":\"111051090663277568\",\"t\":4243,\"l\":\"0.5\",\"z\":\"0.5\",\"L\":\"180.10\",\"m\":true,"
                + "\"n\":\"0.0018\",\"N\":\"USDC\",\"T\":1735689605000000}");

        await().atMost(WAIT).until(() -> !listener.fills.isEmpty());
        assertThat(listener.fills.get(0).fillId()).isEqualTo("4243");
        assertThat(listener.fills.get(0).clientOrderId()).isEqualTo("1048577");
        assertThat(listener.fills.get(0).quantity()).isEqualByComparingTo("0.5");
    }

    @Test
    void shouldPollFillsOverRestWhileThePrivateStreamIsDown() {
        gateway.close();
        String recent = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC).toString();
        rest.stubFor(get(urlPathEqualTo("/wapi/v1/history/fills")).willReturn(okJson(
                TestVenues.fixture("backpack/fills.json").replace("2025-01-01T00:00:05.250", recent))));
        gateway = open("ws://127.0.0.1:1");
        RecordingListener listener = new RecordingListener();

        gateway.subscribe(SYMBOL, listener);

        await().atMost(WAIT).until(() -> !listener.fills.isEmpty());
        assertThat(listener.fills).extracting(f -> f.fillId()).containsExactly("4242");
        assertThat(listener.connectionStates).doesNotContain(true);
    }

    private BackpackGateway open(String wsUrl) {
        return BackpackGateway.open(TestVenues.backpack(rest.baseUrl(), wsUrl),
                new SystemTimeSource(), new Random(3));
    }

    private BigDecimal bid() {
        return gateway.bookTop(SYMBOL).bidPrice();
    }

    private int feedSnapshots() {
        return gateway.subscription(SYMBOL).orElseThrow().feed().snapshotsTaken();
    }

    private void awaitSubscribed(String stream, int times) {
        await().atMost(WAIT).until(() -> venueSockets.subscribedTo(stream).size() >= times);
    }

    private void send(String stream, String data) {
        String target = stream.startsWith("bookTicker") ? DEPTH : stream;
        venueSockets.latest(target).socket.send("{\"stream\":\"" + stream + "\",\"data\":" + data + "}");
    }

    private void givenSnapshot(long id, String bid, String ask) {
        rest.stubFor(get(urlPathEqualTo("/api/v1/depth")).willReturn(okJson(BackpackFrameFixtures.snapshot(id, bid,
                ask))));
    }

    private static String depth(long first, long last, String bids, String asks) {
        return BackpackFrameFixtures.depth(first, last, bids, asks);
    }

    private static String bookTicker(BigDecimal bid) {
        return String.format("{\"e\":\"bookTicker\",\"E\":1735689600000000,\"s\":\"SOL_USDC\",\"a\":\"200\","
                + "\"A\":\"1\",\"b\":\"%s\",\"B\":\"2\",\"u\":\"1\",\"T\":1735689600000000}", bid.toPlainString());
    }
}
