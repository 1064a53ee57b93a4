package io.mmkit.exchange.aster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.mmkit.exchange.aster.AsterRequests.assertWalletSigned;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import io.mmkit.exchange.binance.BinanceGateway;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One WireMock test per Aster v3 futures endpoint the gateway uses, answered with the documented response shapes
 * (fixtures under {@code aster/}): the exact request sent, its API-wallet signature, and the parse.
 */
class AsterRestApiTest {
    private static final String SYMBOL = "ASTERUSDT";
    /** Simulated time stands still at {@link TestVenues#START}: nonces are its microseconds, then +1 per call. */
    private static final long NONCE = TestVenues.START.toEpochMilli() * 1000;
    private static final String AUTH = "&" + AsterRequests.signer() + "&symbol=" + SYMBOL;

    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();
    private BinanceGateway aster;

    @BeforeEach
    void start() {
        aster = TestVenues.asterGateway(venue.baseUrl(), 1);
    }

    @AfterEach
    void stop() {
        aster.close();
    }

    @Test
    void shouldReadTickLotAndNotionalRulesFromV3ExchangeInfo() {
        venue.stub(get(urlPathEqualTo("/fapi/v3/exchangeInfo")), "aster/exchange-info.json");

        Instrument instrument = aster.instrument(SYMBOL);

        assertThat(instrument.type()).isEqualTo(MarketType.PERPETUAL);
        assertThat(instrument.baseAsset()).isEqualTo("ASTER");
        assertThat(instrument.tickSize()).isEqualByComparingTo("0.0001");
        assertThat(instrument.stepSize()).isEqualByComparingTo("1");
        assertThat(instrument.minNotional()).isEqualByComparingTo("5");
        assertThat(aster.venue()).isEqualTo("aster");
    }

    @Test
    void shouldReadV3DepthSnapshots() {
        venue.stub(get(urlPathEqualTo("/fapi/v3/depth")), "aster/depth.json");

        OrderBook book = aster.orderBook(SYMBOL, 20);

        assertThat(book.sequence()).isEqualTo(1027024L);
        assertThat(book.bids().get(0).price()).isEqualByComparingTo("0.4990");
        assertThat(book.asks().get(0).price()).isEqualByComparingTo("0.5010");
        assertThat(book.time()).isEqualTo(Instant.ofEpochMilli(1589436922959L));
        venue.verify(getRequestedFor(urlPathEqualTo("/fapi/v3/depth")).withQueryParam("limit", equalTo("20")));
    }

    @Test
    void shouldPlaceAPostOnlyOrderAsGtxSignedByTheApiWallet() {
        venue.stub(post(urlPathEqualTo("/fapi/v3/order")), "aster/order.json");

        PlaceResult result = aster.place(OrderRequest.postOnly(SYMBOL, "1048577", Side.BUY, new BigDecimal("0.5"),
                new BigDecimal("20")));

        assertThat(result).isInstanceOfSatisfying(PlaceResult.Accepted.class, a -> {
            assertThat(a.order().orderId()).isEqualTo("22542179");
            assertThat(a.order().price()).isEqualByComparingTo("0.5");
        });
        assertWalletSigned(venue.only(postRequestedFor(urlPathEqualTo("/fapi/v3/order"))),
                "newClientOrderId=1048577&newOrderRespType=RESULT&nonce=" + NONCE + "&price=0.5&quantity=20"
                        + "&side=BUY&" + AsterRequests.signer() + "&symbol=ASTERUSDT&timeInForce=GTX&type=LIMIT&"
                        + AsterRequests.user());
    }

    @Test
    void shouldTurnAnExpiredPostOnlyOrderIntoAWouldCrossRejection() {
        venue.stub(post(urlPathEqualTo("/fapi/v3/order")), "aster/order-expired.json");

        PlaceResult result = aster.place(OrderRequest.postOnly(SYMBOL, "1048578", Side.BUY, new BigDecimal("0.502"),
                new BigDecimal("20")));

        assertThat(result).isInstanceOfSatisfying(PlaceResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.POST_ONLY_WOULD_CROSS));
    }

    @Test
    void shouldPlaceABatchAndAnswerEachOrderInOrder() throws Exception {
        venue.stub(post(urlPathEqualTo("/fapi/v3/batchOrders")), "aster/batch-orders.json");

        List<PlaceResult> results = aster.placeBatch(List.of(
                OrderRequest.postOnly(SYMBOL, "1048577", Side.BUY, new BigDecimal("0.49"), new BigDecimal("20")),
                OrderRequest.postOnly(SYMBOL, "1048578", Side.SELL, new BigDecimal("0.51"), new BigDecimal("20"))
                        .asReduceOnly()));

        assertThat(results).hasSize(2);
        assertThat(results.get(0).isAccepted()).isTrue();
        assertThat(results.get(1)).isInstanceOfSatisfying(PlaceResult.Rejected.class, r -> {
            assertThat(r.clientOrderId()).isEqualTo("1048578");
            assertThat(r.reason()).isEqualTo(RejectReason.REDUCE_ONLY_REJECTED);
        });
        LoggedRequest sent = venue.only(postRequestedFor(urlPathEqualTo("/fapi/v3/batchOrders")));
        String batch = URLDecoder.decode(sent.queryParameter("batchOrders").firstValue(), StandardCharsets.UTF_8);
        JsonNode orders = new ObjectMapper().readTree(batch);
        assertThat(orders).hasSize(2);
        assertThat(orders.get(0).path("timeInForce").asText()).isEqualTo("GTX");
        assertThat(orders.get(1).path("reduceOnly").asText()).isEqualTo("true");
        assertThat(orders.get(1).path("newClientOrderId").asText()).isEqualTo("1048578");
        String url = sent.getUrl();
        assertWalletSigned(sent, url.substring(url.indexOf('?') + 1, url.lastIndexOf("&signature=")));
    }

    @Test
    void shouldCancelByClientIdAndAnswerNotFoundForAnUnknownOne() {
        venue.stubFor(delete(urlPathEqualTo("/fapi/v3/order")).withQueryParam("origClientOrderId", equalTo("1048577"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        TestVenues.fixture("aster/cancel-order.json"))));
        venue.stubFor(delete(urlPathEqualTo("/fapi/v3/order")).withQueryParam("origClientOrderId", equalTo("9"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2011,\"msg\":\"Unknown order sent.\"}")));

        assertThat(aster.cancel(SYMBOL, "1048577")).isEqualTo(CancelResult.CANCELLED);
        assertThat(aster.cancel(SYMBOL, "9")).isEqualTo(CancelResult.NOT_FOUND);

        List<LoggedRequest> sent = venue.findAll(deleteRequestedFor(urlPathEqualTo("/fapi/v3/order")));
        assertWalletSigned(sent.get(0), "nonce=" + NONCE + "&origClientOrderId=1048577" + AUTH + "&"
                + AsterRequests.user());
        assertWalletSigned(sent.get(1), "nonce=" + (NONCE + 1) + "&origClientOrderId=9" + AUTH + "&"
                + AsterRequests.user());
    }

    @Test
    void shouldBatchCancelTenClientIdsARequestAndCountOnlyThoseCancelled() {
        venue.stub(delete(urlPathEqualTo("/fapi/v3/batchOrders")), "aster/batch-cancel.json");
        List<String> ids = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(i -> Long.toString(1048576L + i))
                .toList();

        int cancelled = aster.cancelOrders(SYMBOL, ids);

        assertThat(cancelled).isEqualTo(2);
        assertThat(aster.cancelBatchSize()).isEqualTo(10);
        List<LoggedRequest> sent = venue.findAll(deleteRequestedFor(urlPathEqualTo("/fapi/v3/batchOrders")));
        assertThat(sent).hasSize(2);
        String lastTwo = "%5B%221048587%22%2C%221048588%22%5D";
        assertWalletSigned(sent.get(1), "nonce=" + (NONCE + 1) + "&origClientOrderIdList=" + lastTwo + AUTH + "&"
                + AsterRequests.user());
    }

    @Test
    void shouldCountOpenOrdersThenCancelAllOnTheSymbol() {
        venue.stub(get(urlPathEqualTo("/fapi/v3/openOrders")), "aster/open-orders.json");
        venue.stub(delete(urlPathEqualTo("/fapi/v3/allOpenOrders")), "aster/cancel-all.json");

        assertThat(aster.cancelAll(SYMBOL)).isEqualTo(1);

        assertWalletSigned(venue.only(deleteRequestedFor(urlPathEqualTo("/fapi/v3/allOpenOrders"))),
                "nonce=" + (NONCE + 1) + AUTH + "&" + AsterRequests.user());
    }

    @Test
    void shouldListOpenOrdersWithTheirFills() {
        venue.stub(get(urlPathEqualTo("/fapi/v3/openOrders")), "aster/open-orders.json");

        List<OpenOrder> open = aster.openOrders(SYMBOL);

        assertThat(open).singleElement().satisfies(o -> {
            assertThat(o.clientOrderId()).isEqualTo("1048577");
            assertThat(o.filledQuantity()).isEqualByComparingTo("5");
            assertThat(o.remainingQuantity()).isEqualByComparingTo("15");
            assertThat(o.createdAt()).isEqualTo(Instant.ofEpochMilli(1579276756075L));
        });
        assertWalletSigned(venue.only(getRequestedFor(urlPathEqualTo("/fapi/v3/openOrders"))),
                "nonce=" + NONCE + AUTH + "&" + AsterRequests.user());
    }

    @Test
    void shouldLookUpAnOrderByClientIdForItsState() {
        venue.stub(get(urlPathEqualTo("/fapi/v3/order")), "aster/query-order.json");

        OrderState state = aster.order(SYMBOL, "1048577").orElseThrow();

        assertThat(state.status()).isEqualTo(OrderState.Status.FILLED);
        assertThat(state.filledQuantity()).isEqualByComparingTo("20");
    }

    @Test
    void shouldReadV3BalancesAndOpenPositions() {
        venue.stub(get(urlPathEqualTo("/fapi/v3/balance")), "aster/balance.json");
        venue.stub(get(urlPathEqualTo("/fapi/v3/positionRisk")), "aster/position-risk.json");

        List<Balance> balances = aster.balances();
        List<Position> positions = aster.positions();

        assertThat(balances).singleElement().satisfies(b -> {
            assertThat(b.asset()).isEqualTo("USDT");
            assertThat(b.free()).isEqualByComparingTo("23.72469206");
            assertThat(b.total()).isEqualByComparingTo("122607.35137903");
        });
        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo(SYMBOL);
            assertThat(p.quantity()).isEqualByComparingTo("-40");
            assertThat(p.entryPrice()).isEqualByComparingTo("0.485");
        });
        assertWalletSigned(venue.only(getRequestedFor(urlPathEqualTo("/fapi/v3/balance"))),
                "nonce=" + NONCE + "&" + AsterRequests.signer() + "&" + AsterRequests.user());
    }

    @Test
    void shouldReadUserTradesAsFillsFromTheStartTime() {
        venue.stub(get(urlPathEqualTo("/fapi/v3/userTrades")), "aster/user-trades.json");

        List<Fill> fills = aster.fillsSince(SYMBOL, TestVenues.START);

        assertThat(fills).hasSize(2);
        assertThat(fills.get(0).side()).isEqualTo(Side.SELL);
        assertThat(fills.get(0).liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(fills.get(1).side()).isEqualTo(Side.BUY);
        assertThat(fills.get(1).liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(fills.get(1).orderId()).isEqualTo("22542179");
        long start = TestVenues.START.toEpochMilli();
        assertWalletSigned(venue.only(getRequestedFor(urlPathEqualTo("/fapi/v3/userTrades"))),
                "limit=1000&nonce=" + NONCE + "&" + AsterRequests.signer() + "&startTime=" + start + "&symbol=" + SYMBOL
                        + "&" + AsterRequests.user());
    }

    @Test
    void shouldTieHistoryTradesToClientIdsByLookingTheirOrdersUpOnce() {
        venue.stub(get(urlPathEqualTo("/fapi/v3/userTrades")), "aster/user-trades.json");
        venue.stubFor(get(urlPathEqualTo("/fapi/v3/order")).withQueryParam("orderId", equalTo("22542179"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        TestVenues.fixture("aster/query-order.json"))));
        venue.stubFor(get(urlPathEqualTo("/fapi/v3/order")).withQueryParam("orderId", equalTo("25851813"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2013,\"msg\":\"Order does not exist.\"}")));

        List<Fill> first = aster.fillsSince(SYMBOL, TestVenues.START);
        List<Fill> again = aster.fillsSince(SYMBOL, TestVenues.START);

        assertThat(first).extracting(Fill::clientOrderId).containsExactly(null, "1048577");
        assertThat(again).isEqualTo(first);
        venue.verify(2, getRequestedFor(urlPathEqualTo("/fapi/v3/order")));
    }

    @Test
    void shouldTieTradesOfOrdersItPlacedWithoutALookup() {
        venue.stub(post(urlPathEqualTo("/fapi/v3/order")), "aster/order.json");
        venue.stub(get(urlPathEqualTo("/fapi/v3/userTrades")), "aster/user-trades.json");
        aster.place(OrderRequest.postOnly(SYMBOL, "1048577", Side.BUY, new BigDecimal("0.5"), new BigDecimal("20")));

        List<Fill> fills = aster.fillsSince(SYMBOL, TestVenues.START);

        assertThat(fills.get(1).clientOrderId()).isEqualTo("1048577");
        venue.verify(1, getRequestedFor(urlPathEqualTo("/fapi/v3/order")));
    }

    @Test
    void shouldSetLeverageOnV3() {
        venue.stub(post(urlPathEqualTo("/fapi/v3/leverage")), "aster/leverage.json");

        aster.setLeverage(SYMBOL, 5);

        assertWalletSigned(venue.only(postRequestedFor(urlPathEqualTo("/fapi/v3/leverage"))),
                "leverage=5&nonce=" + NONCE + AUTH + "&" + AsterRequests.user());
    }
}
