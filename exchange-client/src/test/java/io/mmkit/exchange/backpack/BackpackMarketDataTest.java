package io.mmkit.exchange.backpack;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.Trade;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.exchange.PublicMarketData;
import io.mmkit.exchange.WireMockVenue;
import io.mmkit.exchange.ws.RecordingVenueSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Paper trading's Backpack market data, opened from a config section with no keys, against loopback stand-ins in
 * Backpack's documented shapes: WireMock for {@code /api/v1/markets} and {@code /api/v1/depth}, a mockwebserver3
 * WebSocket for the {@code depth.<symbol>} and {@code trade.<symbol>} streams.
 */
class BackpackMarketDataTest {
    private static final String SYMBOL = "SOL_USDC";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final WireMockVenue rest = new WireMockVenue();
    private final MockWebServer ws = new MockWebServer();
    private final RecordingVenueSocket sockets = new RecordingVenueSocket();
    private final List<OrderBook> books = new CopyOnWriteArrayList<>();
    private final List<Trade> trades = new CopyOnWriteArrayList<>();
    private PublicMarketData data;

    @BeforeEach
    void start() throws IOException {
        rest.stub(get(urlPathEqualTo("/api/v1/markets")), "backpack/markets.json");
        givenSnapshot(100, "180.10", "180.20");
        ws.setDispatcher(sockets);
        ws.start(java.net.InetAddress.getLoopbackAddress(), 0);
        data = PublicMarketData.open("exchange.market_data", section(), new SystemTimeSource());
    }

    @AfterEach
    void stop() {
        data.close();
        ws.close();
    }

    @Test
    void shouldReadTheInstrumentFromThePublicMarketsWithoutAnyKey() {
        Instrument instrument = data.instrument(SYMBOL);

        assertThat(data.venue()).isEqualTo("backpack");
        assertThat(instrument.tickSize()).isEqualByComparingTo("0.01");
        assertThat(instrument.stepSize()).isEqualByComparingTo("0.01");
        assertThatThrownBy(() -> data.instrument("NOPE_USDC")).hasMessageContaining("unknown market NOPE_USDC");
    }

    @Test
    void shouldSubscribeToDepthAndTradesAndHandOnTheSyncedBookAndEachTrade() {
        subscribe();

        send("depth." + SYMBOL, depth(101, 101, "[[\"180.15\",\"3\"]]", "[]"));
        send("trade." + SYMBOL, trade("180.15", "1", true, 1_735_689_600_250_000L));
        send("depth." + SYMBOL, depth(102, 103, "[]", "[[\"180.20\",\"0\"],[\"180.25\",\"1\"]]"));
        send("trade." + SYMBOL, trade("180.25", "0.5", false, 1_735_689_600_500_000L));

        await().atMost(WAIT).until(() -> trades.size() == 2 && !books.isEmpty()
                && lastBook().asks().get(0).price().compareTo(new java.math.BigDecimal("180.25")) == 0);
        assertThat(sockets.connections.get(0).received.get(0))
                .isEqualTo("{\"method\":\"SUBSCRIBE\",\"params\":[\"depth.SOL_USDC\",\"trade.SOL_USDC\"]}");
        OrderBook book = lastBook();
        assertThat(book.bids()).extracting(l -> l.price().toPlainString() + " x " + l.quantity().toPlainString())
                .containsExactly("180.15 x 3", "180.1 x 5");
        assertThat(book.asks()).extracting(l -> l.price().toPlainString() + " x " + l.quantity().toPlainString())
                .containsExactly("180.25 x 1");
        // m = true: the buyer was the maker, so the seller took; trade times are microseconds
        assertThat(trades).extracting(t -> t.aggressor() + " " + t.price().toPlainString() + " x "
                + t.quantity().toPlainString() + " @" + t.time())
                .containsExactly("SELL 180.15 x 1 @2025-01-01T00:00:00.250Z",
                        "BUY 180.25 x 0.5 @2025-01-01T00:00:00.500Z");
        rest.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/depth")));
    }

    @Test
    void shouldResyncFromTheRestSnapshotAfterAGapInTheDiffs() {
        subscribe();
        send("depth." + SYMBOL, depth(101, 101, "[[\"180.15\",\"3\"]]", "[]"));
        await().atMost(WAIT).until(() -> !books.isEmpty()
                && lastBook().bids().get(0).price().compareTo(new java.math.BigDecimal("180.15")) == 0);
        givenSnapshot(200, "179.00", "179.50");

        send("depth." + SYMBOL, depth(150, 151, "[[\"180.16\",\"1\"]]", "[]"));
        send("depth." + SYMBOL, depth(201, 201, "[[\"179.10\",\"1\"]]", "[]"));

        await().atMost(WAIT).until(() -> lastBook().bids().get(0).price()
                .compareTo(new java.math.BigDecimal("179.10")) == 0);
        assertThat(lastBook().asks().get(0).price()).isEqualByComparingTo("179.50");
        assertThat(books).noneMatch(b -> b.bids().stream().anyMatch(l -> l.price().toPlainString().equals("180.16")));
        rest.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/depth")));
    }

    @Test
    void shouldValidateABackpackSectionWithoutKeysAndRefuseOtherVenuesByName() {
        PublicMarketData.validate("exchange.market_data", new ObjectMapper().createObjectNode()
                .put("name", "backpack"));

        assertThatThrownBy(() -> PublicMarketData.validate("markets.hedge.exchange.market_data",
                new ObjectMapper().createObjectNode().put("name", "backpack").put("ws_url", "nowhere")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("markets.hedge.exchange.market_data.ws_url: not a URL");
        assertThatThrownBy(() -> PublicMarketData.validate("exchange.market_data",
                new ObjectMapper().createObjectNode().put("name", "backpack").put("streams", false)))
                .hasMessageStartingWith("exchange.market_data.streams:");
    }

    private void subscribe() {
        data.subscribe(SYMBOL, new PublicMarketData.Listener() {
            @Override
            public void onBook(OrderBook book) {
                books.add(book);
            }

            @Override
            public void onTrade(Trade trade) {
                trades.add(trade);
            }
        });
        await().atMost(WAIT).until(() -> !sockets.subscribedTo("trade." + SYMBOL).isEmpty());
    }

    private OrderBook lastBook() {
        return books.get(books.size() - 1);
    }

    private ObjectNode section() {
        return new ObjectMapper().createObjectNode().put("name", "backpack").put("base_url", rest.baseUrl())
                .put("ws_url", "ws://127.0.0.1:" + ws.getPort());
    }

    private void send(String stream, String payload) {
        sockets.latest("depth." + SYMBOL).socket.send("{\"stream\":\"" + stream + "\",\"data\":" + payload + "}");
    }

    private void givenSnapshot(long id, String bid, String ask) {
        rest.stubFor(get(urlPathEqualTo("/api/v1/depth")).willReturn(okJson(BackpackFrameFixtures.snapshot(id, bid,
                ask))));
    }

    private static String depth(long first, long last, String bids, String asks) {
        return BackpackFrameFixtures.depth(first, last, bids, asks);
    }

    private static String trade(String price, String quantity, boolean buyerMaker, long micros) {
        return String.format("{\"e\":\"trade\",\"E\":%d,\"s\":\"SOL_USDC\",\"p\":\"%s\",\"q\":\"%s\",\"b\":\"111\","
                + "\"a\":\"222\",\"t\":7,\"T\":%d,\"m\":%s}", micros, price, quantity, micros, buyerMaker);
    }
}
