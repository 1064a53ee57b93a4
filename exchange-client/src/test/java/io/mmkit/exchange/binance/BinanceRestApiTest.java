package io.mmkit.exchange.binance;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One WireMock test per Binance endpoint (spot and USDⓈ-M futures): the request sent and the parse. */
class BinanceRestApiTest {
    private static final long NOW = TestVenues.START.toEpochMilli();
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();
    private BinanceGateway spot;
    private BinanceGateway futures;

    @BeforeEach
    void start() {
        spot = TestVenues.binanceGateway(MarketType.SPOT, venue.baseUrl(), 1);
        futures = TestVenues.binanceGateway(MarketType.PERPETUAL, venue.baseUrl(), 1);
    }

    @AfterEach
    void stop() {
        spot.close();
        futures.close();
    }

    @Test
    void shouldReadSpotFiltersFromExchangeInfo() {
        venue.stub(get(urlPathEqualTo("/api/v3/exchangeInfo")), "binance/spot-exchange-info.json");

        Instrument btc = spot.instrument("BTCUSDT");

        assertThat(btc.type()).isEqualTo(MarketType.SPOT);
        assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
        assertThat(btc.stepSize()).isEqualByComparingTo("0.00001");
        assertThat(btc.minNotional()).isEqualByComparingTo("5");
        venue.verify(getRequestedFor(urlPathEqualTo("/api/v3/exchangeInfo")).withQueryParam("symbol", equalTo("BTCUSDT")));
    }

    @Test
    void shouldReadFuturesFiltersFromExchangeInfo() {
        venue.stub(get(urlPathEqualTo("/fapi/v1/exchangeInfo")), "binance/futures-exchange-info.json");

        Instrument eth = futures.instrument("ETHUSDT");

        assertThat(eth.type()).isEqualTo(MarketType.PERPETUAL);
        assertThat(eth.stepSize()).isEqualByComparingTo("0.001");
        assertThat(eth.minQuantity()).isEqualByComparingTo("0.001");
        assertThat(eth.minNotional()).isEqualByComparingTo("20");
    }

    @Test
    void shouldReadDepthSnapshotsWithTheirUpdateId() {
        venue.stub(get(urlPathEqualTo("/api/v3/depth")), "binance/spot-depth.json");
        venue.stub(get(urlPathEqualTo("/fapi/v1/depth")), "binance/futures-depth.json");

        OrderBook spotBook = spot.orderBook("BTCUSDT", 50);
        OrderBook futuresBook = futures.orderBook("ETHUSDT", 20);

        assertThat(spotBook.sequence()).isEqualTo(1027024L);
        assertThat(spotBook.bids().get(0).price()).isEqualByComparingTo("4");
        assertThat(spotBook.asks().get(0).price()).isEqualByComparingTo("4.000002");
        assertThat(futuresBook.time()).isEqualTo(Instant.ofEpochMilli(1589436922959L));
        venue.verify(getRequestedFor(urlPathEqualTo("/api/v3/depth")).withQueryParam("limit", equalTo("50")));
        venue.verify(getRequestedFor(urlPathEqualTo("/fapi/v1/depth")).withQueryParam("limit", equalTo("20")));
    }

    @Test
    void shouldSignAndSendASpotPostOnlyOrderAsLimitMaker() {
        venue.stub(post(urlPathEqualTo("/api/v3/order")), "binance/spot-order-result.json");

        PlaceResult result = spot.place(OrderRequest.postOnly("BTCUSDT", "1048577", Side.BUY, new BigDecimal("60000"),
                new BigDecimal("0.01")));

        assertThat(result).isInstanceOfSatisfying(PlaceResult.Accepted.class, a -> {
            assertThat(a.order().orderId()).isEqualTo("28");
            assertThat(a.order().timeInForce()).isEqualTo(TimeInForce.POST_ONLY);
            assertThat(a.order().quantity()).isEqualByComparingTo("0.01");
        });
        LoggedRequest sent = venue.only(postRequestedFor(urlPathEqualTo("/api/v3/order")));
        assertSignedQuery(sent, "symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.01&price=60000"
                + "&newClientOrderId=1048577&newOrderRespType=RESULT&recvWindow=5000&timestamp=" + NOW);
    }

    @Test
    void shouldSendFuturesPostOnlyAsGtxAndReduceOnlyAsAFlag() {
        venue.stub(post(urlPathEqualTo("/fapi/v1/order")), "binance/futures-order.json");

        PlaceResult result = futures.place(OrderRequest.postOnly("ETHUSDT", "1048577", Side.BUY,
                new BigDecimal("3300"), new BigDecimal("0.5")));
        futures.place(OrderRequest.limit("ETHUSDT", "12", Side.SELL, new BigDecimal("3301"), new BigDecimal("0.5"),
                TimeInForce.IOC).asReduceOnly());

        assertThat(result.isAccepted()).isTrue();
        List<LoggedRequest> sent = venue.findAll(postRequestedFor(urlPathEqualTo("/fapi/v1/order")));
        assertSignedQuery(sent.get(0), "symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTX&quantity=0.5&price=3300"
                + "&newClientOrderId=1048577&newOrderRespType=RESULT&recvWindow=5000&timestamp=" + NOW);
        assertSignedQuery(sent.get(1), "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=IOC&quantity=0.5&price=3301"
                + "&newClientOrderId=12&reduceOnly=true&newOrderRespType=RESULT&recvWindow=5000&timestamp=" + NOW);
    }

    @Test
    void shouldCancelByOriginalClientOrderId() {
        venue.stub(delete(urlPathEqualTo("/api/v3/order")), "binance/spot-order-result.json");

        assertThat(spot.cancel("BTCUSDT", "1048577")).isEqualTo(CancelResult.CANCELLED);

        assertSignedQuery(venue.only(deleteRequestedFor(urlPathEqualTo("/api/v3/order"))),
                "symbol=BTCUSDT&origClientOrderId=1048577&recvWindow=5000&timestamp=" + NOW);
    }

    @Test
    void shouldCancelAllOnSpotAndFutures() {
        venue.stub(get(urlPathEqualTo("/api/v3/openOrders")), "binance/spot-open-orders.json");
        venue.stubFor(delete(urlPathEqualTo("/api/v3/openOrders")).willReturn(okJson("[]")));
        venue.stubFor(get(urlPathEqualTo("/fapi/v1/openOrders")).willReturn(okJson(
                "[" + TestVenues.fixture("binance/futures-order.json") + "]")));
        venue.stubFor(delete(urlPathEqualTo("/fapi/v1/allOpenOrders")).willReturn(okJson(
                "{\"code\":200,\"msg\":\"The operation of cancel all open order is done.\"}")));

        assertThat(spot.cancelAll("BTCUSDT")).isEqualTo(1);
        assertThat(futures.cancelAll("ETHUSDT")).isEqualTo(1);

        assertSignedQuery(venue.only(deleteRequestedFor(urlPathEqualTo("/api/v3/openOrders"))),
                "symbol=BTCUSDT&recvWindow=5000&timestamp=" + NOW);
        assertSignedQuery(venue.only(deleteRequestedFor(urlPathEqualTo("/fapi/v1/allOpenOrders"))),
                "symbol=ETHUSDT&recvWindow=5000&timestamp=" + NOW);
    }

    @Test
    void shouldBatchCancelFuturesByClientIdTenAtATimeAndCountOnlyWhatWasCancelled() {
        venue.stub(delete(urlPathEqualTo("/fapi/v1/batchOrders")), "binance/futures-batch-cancel.json");
        List<String> ids = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> Long.toString(1048576L + i))
                .toList();

        int cancelled = futures.cancelOrders("ETHUSDT", ids);

        // Each answer holds one cancelled order and one "unknown order" (-2011): two requests, two cancelled.
        assertThat(cancelled).isEqualTo(2);
        List<LoggedRequest> sent = venue.findAll(deleteRequestedFor(urlPathEqualTo("/fapi/v1/batchOrders")));
        assertThat(sent).hasSize(2);
        String firstTen = ids.subList(0, 10).stream().map(id -> "%22" + id + "%22")
                .collect(java.util.stream.Collectors.joining("%2C", "%5B", "%5D"));
        assertSignedQuery(sent.get(0), "symbol=ETHUSDT&origClientOrderIdList=" + firstTen
                + "&recvWindow=5000&timestamp=" + NOW);
        assertThat(sent.get(1).getUrl()).contains("origClientOrderIdList=%5B%221048587%22%2C%221048588%22%5D");
    }

    @Test
    void shouldCancelSpotOrdersOneByOneForWantOfABatchCancel() {
        venue.stub(delete(urlPathEqualTo("/api/v3/order")), "binance/spot-order-result.json");

        assertThat(spot.cancelOrders("BTCUSDT", List.of("1048577", "1048578"))).isEqualTo(2);

        assertThat(venue.findAll(deleteRequestedFor(urlPathEqualTo("/api/v3/order")))).hasSize(2);
    }

    @Test
    void shouldListOpenOrders() {
        venue.stub(get(urlPathEqualTo("/api/v3/openOrders")), "binance/spot-open-orders.json");

        List<OpenOrder> open = spot.openOrders("BTCUSDT");

        assertThat(open).singleElement().satisfies(o -> {
            assertThat(o.clientOrderId()).isEqualTo("1048577");
            assertThat(o.filledQuantity()).isEqualByComparingTo("0.004");
            assertThat(o.remainingQuantity()).isEqualByComparingTo("0.006");
            assertThat(o.createdAt()).isEqualTo(Instant.ofEpochMilli(1499827319559L));
        });
        assertSignedQuery(venue.only(getRequestedFor(urlPathEqualTo("/api/v3/openOrders"))),
                "symbol=BTCUSDT&recvWindow=5000&timestamp=" + NOW);
    }

    @Test
    void shouldReadSpotAccountAndFuturesBalances() {
        venue.stub(get(urlPathEqualTo("/api/v3/account")), "binance/spot-account.json");
        venue.stub(get(urlPathEqualTo("/fapi/v2/balance")), "binance/futures-balance.json");

        List<Balance> spotBalances = spot.balances();
        List<Balance> futuresBalances = futures.balances();

        assertThat(spotBalances).extracting(Balance::asset).containsExactly("BTC", "USDT");
        assertThat(spotBalances.get(1).locked()).isEqualByComparingTo("600");
        assertThat(futuresBalances).singleElement().satisfies(b -> {
            assertThat(b.free()).isEqualByComparingTo("23.72469206");
            assertThat(b.total()).isEqualByComparingTo("122607.35137903");
        });
        assertSignedQuery(venue.only(getRequestedFor(urlPathEqualTo("/api/v3/account"))),
                "recvWindow=5000&timestamp=" + NOW);
    }

    @Test
    void shouldReadOpenPositionsFromPositionRisk() {
        venue.stub(get(urlPathEqualTo("/fapi/v2/positionRisk")), "binance/futures-position-risk.json");

        List<Position> positions = futures.positions();

        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo("ETHUSDT");
            assertThat(p.quantity()).isEqualByComparingTo("0.5");
            assertThat(p.markPrice()).isEqualByComparingTo("3300.15");
            assertThat(p.unrealizedPnl()).isEqualByComparingTo("4.825");
        });
        assertThat(spot.positions()).isEmpty();
    }

    @Test
    void shouldReadUserTradesAsFills() {
        venue.stub(get(urlPathEqualTo("/api/v3/myTrades")), "binance/spot-my-trades.json");
        venue.stub(get(urlPathEqualTo("/fapi/v1/userTrades")), "binance/futures-user-trades.json");

        List<Fill> spotFills = spot.fillsSince("BTCUSDT", TestVenues.START);
        List<Fill> futuresFills = futures.fillsSince("ETHUSDT", TestVenues.START);

        assertThat(spotFills).singleElement().satisfies(f -> {
            assertThat(f.fillId()).isEqualTo("28457");
            assertThat(f.side()).isEqualTo(Side.BUY);
            assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(f.feeAsset()).isEqualTo("BTC");
        });
        assertThat(futuresFills).singleElement().satisfies(f -> {
            assertThat(f.side()).isEqualTo(Side.SELL);
            assertThat(f.fee()).isEqualByComparingTo("-0.0781901");
        });
        assertSignedQuery(venue.only(getRequestedFor(urlPathEqualTo("/api/v3/myTrades"))),
                "symbol=BTCUSDT&startTime=" + NOW + "&limit=1000&recvWindow=5000&timestamp=" + NOW);
    }

    @Test
    void shouldSetFuturesLeverage() {
        venue.stub(post(urlPathEqualTo("/fapi/v1/leverage")), "binance/futures-leverage.json");

        futures.setLeverage("ETHUSDT", 5);

        assertSignedQuery(venue.only(postRequestedFor(urlPathEqualTo("/fapi/v1/leverage"))),
                "symbol=ETHUSDT&leverage=5&recvWindow=5000&timestamp=" + NOW);
    }

    @Test
    void shouldRefuseLeverageOnSpotWithAVenueErrorAndSendNothing() {
        assertThatThrownBy(() -> spot.setLeverage("BTCUSDT", 5)).isExactlyInstanceOf(ExchangeException.class)
                .hasMessage("binance: spot has no leverage setting");

        venue.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void shouldCreateAndKeepAliveAListenKeyWithTheApiKeyOnly() {
        venue.stub(post(urlPathEqualTo("/fapi/v1/listenKey")), "binance/listen-key.json");
        venue.stubFor(put(urlPathEqualTo("/fapi/v1/listenKey")).willReturn(okJson("{}")));
        venue.stubFor(put(urlPathEqualTo("/api/v3/userDataStream")).willReturn(okJson("{}")));
        BinanceRestApi api = BinanceTestApis.api(venue, BinanceMarket.FUTURES);

        String key = api.createListenKey();
        api.keepAliveListenKey(key);
        BinanceTestApis.api(venue, BinanceMarket.SPOT).keepAliveListenKey(key);

        assertThat(key).startsWith("pqia91ma19a5");
        venue.verify(postRequestedFor(urlPathEqualTo("/fapi/v1/listenKey"))
                .withHeader("X-MBX-APIKEY", equalTo(TestVenues.BINANCE_KEY)).withoutQueryParam("signature"));
        venue.verify(putRequestedFor(urlPathEqualTo("/api/v3/userDataStream")).withQueryParam("listenKey", equalTo(key)));
    }

    @Test
    void shouldLearnTheClockOffsetFromServerTime() {
        venue.stubFor(get(urlPathEqualTo("/api/v3/time")).willReturn(okJson("{\"serverTime\":" + (NOW + 1500) + "}")));
        venue.stub(get(urlPathEqualTo("/api/v3/account")), "binance/spot-account.json");

        spot.syncTime();
        spot.balances();

        assertThat(venue.only(getRequestedFor(urlPathEqualTo("/api/v3/account")))
                .queryParameter("timestamp").firstValue())
                .isEqualTo(Long.toString(NOW + 1500));
    }

    /** The exact query sent before {@code &signature=}, its HMAC, and the API key header. */
    static void assertSignedQuery(LoggedRequest request, String expectedQuery) {
        String url = request.getUrl();
        String query = url.substring(url.indexOf('?') + 1);
        int cut = query.lastIndexOf("&signature=");
        assertThat(query.substring(0, cut)).isEqualTo(expectedQuery);
        assertThat(query.substring(cut + "&signature=".length()))
                .isEqualTo(new BinanceSigner(TestVenues.BINANCE_SECRET).sign(expectedQuery));
        assertThat(request.getHeader("X-MBX-APIKEY")).isEqualTo(TestVenues.BINANCE_KEY);
    }
}
