package io.mmkit.exchange.backpack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.RejectReason;
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

/** One WireMock test per Backpack endpoint: the request sent (path, query, body, headers, signature) and the parse. */
class BackpackRestApiTest {
    private static final long NOW = TestVenues.START.toEpochMilli();
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();
    private BackpackGateway gateway;

    @BeforeEach
    void start() {
        gateway = TestVenues.backpackGateway(venue.baseUrl(), 1);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void shouldReadMarketRulesForSpotAndPerpetual() {
        venue.stub(get(urlPathEqualTo("/api/v1/markets")), "backpack/markets.json");

        Instrument perp = gateway.instrument("SOL_USDC_PERP");

        assertThat(perp.type()).isEqualTo(MarketType.PERPETUAL);
        assertThat(perp.tickSize()).isEqualByComparingTo("0.01");
        assertThat(perp.stepSize()).isEqualByComparingTo("0.1");
        assertThat(perp.minQuantity()).isEqualByComparingTo("0.1");
        assertThat(gateway.instrument("SOL_USDC").type()).isEqualTo(MarketType.SPOT);
        venue.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/markets")).withoutHeader("X-SIGNATURE"));
    }

    @Test
    void shouldOrderDepthBestFirstOnBothSides() {
        venue.stub(get(urlPathEqualTo("/api/v1/depth")), "backpack/depth.json");

        OrderBook book = gateway.orderBook("SOL_USDC", 2);

        assertThat(book.sequence()).isEqualTo(1234567890L);
        assertThat(book.bids()).hasSize(2);
        assertThat(book.bids().get(0).price()).isEqualByComparingTo("180.50");
        assertThat(book.asks().get(0).price()).isEqualByComparingTo("180.51");
        assertThat(gateway.bookTop("SOL_USDC").bidQuantity()).isEqualByComparingTo("15.20");
        venue.verify(getRequestedFor(urlPathEqualTo("/api/v1/depth")).withQueryParam("symbol", equalTo("SOL_USDC")));
    }

    @Test
    void shouldReadTheTicker() {
        venue.stub(get(urlPathEqualTo("/api/v1/ticker")), "backpack/ticker.json");

        BackpackDtos.Ticker ticker = gateway.ticker("SOL_USDC");

        assertThat(ticker.lastPrice()).isEqualByComparingTo("180.50");
        assertThat(ticker.trades()).isEqualTo(98765L);
        venue.verify(getRequestedFor(urlPathEqualTo("/api/v1/ticker")).withQueryParam("symbol", equalTo("SOL_USDC")));
    }

    @Test
    void shouldSignAndSendAPostOnlyLimitOrder() throws Exception {
        venue.stub(post(urlPathEqualTo("/api/v1/order")), "backpack/order-new.json");

        PlaceResult result = gateway.place(OrderRequest.postOnly("SOL_USDC", "1048577", Side.BUY,
                new BigDecimal("180.10"), new BigDecimal("1.5")));

        assertThat(result).isInstanceOfSatisfying(PlaceResult.Accepted.class, a -> {
            assertThat(a.order().orderId()).isEqualTo("111051090663277568");
            assertThat(a.order().clientOrderId()).isEqualTo("1048577");
            assertThat(a.order().timeInForce()).isEqualTo(TimeInForce.POST_ONLY);
            assertThat(a.order().price()).isEqualByComparingTo("180.10");
        });
        LoggedRequest sent = venue.only(postRequestedFor(urlPathEqualTo("/api/v1/order")).withRequestBody(equalToJson(
                "{\"symbol\":\"SOL_USDC\",\"side\":\"Bid\",\"orderType\":\"Limit\",\"quantity\":\"1.5\","
                        + "\"clientId\":1048577,\"price\":\"180.1\",\"postOnly\":true}")));
        assertSigned(sent, "instruction=orderExecute&clientId=1048577&orderType=Limit&postOnly=true&price=180.1"
                + "&quantity=1.5&side=Bid&symbol=SOL_USDC&timestamp=" + NOW + "&window=5000");
    }

    @Test
    void shouldSendIocAndReduceOnlyMarketOrdersInTheDocumentedShape() throws Exception {
        venue.stub(post(urlPathEqualTo("/api/v1/order")), "backpack/order-new.json");

        gateway.place(OrderRequest.limit("SOL_USDC_PERP", "7", Side.SELL, new BigDecimal("181"), BigDecimal.ONE,
                TimeInForce.IOC));
        gateway.place(OrderRequest.market("SOL_USDC_PERP", "8", Side.SELL, new BigDecimal("2")).asReduceOnly());

        venue.only(postRequestedFor(urlPathEqualTo("/api/v1/order")).withRequestBody(equalToJson(
                "{\"symbol\":\"SOL_USDC_PERP\",\"side\":\"Ask\",\"orderType\":\"Limit\",\"quantity\":\"1\","
                        + "\"clientId\":7,\"price\":\"181\",\"timeInForce\":\"IOC\"}")));
        LoggedRequest market = venue.only(postRequestedFor(urlPathEqualTo("/api/v1/order")).withRequestBody(equalToJson(
                "{\"symbol\":\"SOL_USDC_PERP\",\"side\":\"Ask\",\"orderType\":\"Market\",\"quantity\":\"2\","
                        + "\"clientId\":8,\"reduceOnly\":true}")));
        assertSigned(market, "instruction=orderExecute&clientId=8&orderType=Market&quantity=2&reduceOnly=true"
                + "&side=Ask&symbol=SOL_USDC_PERP&timestamp=" + NOW + "&window=5000");
    }

    @Test
    void shouldReturnAPostOnlyCrossAsARejection() {
        venue.stubFor(post(urlPathEqualTo("/api/v1/order")).willReturn(aResponse().withStatus(400)
                .withBody(TestVenues.fixture("backpack/order-post-only-reject.json"))));

        PlaceResult result = gateway.place(OrderRequest.postOnly("SOL_USDC", "9", Side.BUY, new BigDecimal("181"),
                BigDecimal.ONE));

        assertThat(result).isInstanceOfSatisfying(PlaceResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.POST_ONLY_WOULD_CROSS);
            assertThat(r.detail()).contains("immediately match");
        });
    }

    @Test
    void shouldSignABatchWithOneInstructionPerOrder() throws Exception {
        venue.stubFor(post(urlPathEqualTo("/api/v1/orders")).willReturn(okJson(
                "[" + TestVenues.fixture("backpack/order-new.json") + "]")));
        BackpackRestApi api = api();

        List<BackpackDtos.Order> placed = api.executeBatch(List.of(
                OrderRequest.postOnly("SOL_USDC", "1", Side.BUY, new BigDecimal("180"), BigDecimal.ONE),
                OrderRequest.postOnly("SOL_USDC", "2", Side.SELL, new BigDecimal("181"), BigDecimal.ONE)));

        assertThat(placed).hasSize(1);
        LoggedRequest sent = venue.only(postRequestedFor(urlPathEqualTo("/api/v1/orders")));
        assertSigned(sent, "instruction=orderExecute&clientId=1&orderType=Limit&postOnly=true&price=180&quantity=1"
                + "&side=Bid&symbol=SOL_USDC&instruction=orderExecute&clientId=2&orderType=Limit&postOnly=true"
                + "&price=181&quantity=1&side=Ask&symbol=SOL_USDC&timestamp=" + NOW + "&window=5000");
    }

    @Test
    void shouldCancelByClientId() throws Exception {
        venue.stub(delete(urlPathEqualTo("/api/v1/order")), "backpack/order-new.json");

        assertThat(gateway.cancel("SOL_USDC", "1048577")).isEqualTo(io.mmkit.core.model.CancelResult.CANCELLED);

        LoggedRequest sent = venue.only(deleteRequestedFor(urlPathEqualTo("/api/v1/order"))
                .withRequestBody(equalToJson("{\"clientId\":1048577,\"symbol\":\"SOL_USDC\"}")));
        assertSigned(sent, "instruction=orderCancel&clientId=1048577&symbol=SOL_USDC&timestamp=" + NOW + "&window=5000");
    }

    @Test
    void shouldCancelAllAndCountWhatWasCancelled() throws Exception {
        venue.stub(delete(urlPathEqualTo("/api/v1/orders")), "backpack/cancel-all.json");

        assertThat(gateway.cancelAll("SOL_USDC")).isEqualTo(2);

        LoggedRequest sent = venue.only(deleteRequestedFor(urlPathEqualTo("/api/v1/orders"))
                .withRequestBody(equalToJson("{\"symbol\":\"SOL_USDC\"}")));
        assertSigned(sent, "instruction=orderCancelAll&symbol=SOL_USDC&timestamp=" + NOW + "&window=5000");
    }

    @Test
    void shouldListOpenOrders() throws Exception {
        venue.stub(get(urlPathEqualTo("/api/v1/orders")), "backpack/orders-open.json");

        List<OpenOrder> open = gateway.openOrders("SOL_USDC");

        assertThat(open).hasSize(2);
        assertThat(open.get(0).filledQuantity()).isEqualByComparingTo("0.5");
        assertThat(open.get(0).createdAt()).isEqualTo(Instant.ofEpochMilli(1735689600123L));
        assertThat(open.get(1).side()).isEqualTo(Side.SELL);
        assertThat(open.get(1).timeInForce()).isEqualTo(TimeInForce.GTC);
        LoggedRequest sent = venue.only(getRequestedFor(urlPathEqualTo("/api/v1/orders"))
                .withQueryParam("symbol", equalTo("SOL_USDC")));
        assertSigned(sent, "instruction=orderQueryAll&symbol=SOL_USDC&timestamp=" + NOW + "&window=5000");
    }

    @Test
    void shouldReadBalances() throws Exception {
        venue.stub(get(urlPathEqualTo("/api/v1/capital")), "backpack/capital.json");

        List<Balance> balances = gateway.balances();

        assertThat(balances).extracting(Balance::asset).containsExactly("SOL", "USDC");
        assertThat(balances.get(1).free()).isEqualByComparingTo("1000.25");
        assertThat(balances.get(1).locked()).isEqualByComparingTo("270.15");
        assertSigned(venue.only(getRequestedFor(urlPathEqualTo("/api/v1/capital"))),
                "instruction=balanceQuery&timestamp=" + NOW + "&window=5000");
    }

    @Test
    void shouldReadCollateral() throws Exception {
        venue.stub(get(urlPathEqualTo("/api/v1/capital/collateral")), "backpack/collateral.json");

        BackpackDtos.Collateral collateral = gateway.collateral();

        assertThat(collateral.netEquity()).isEqualByComparingTo("3301.025");
        assertThat(collateral.collateral()).hasSize(2);
        assertThat(collateral.collateral().get(1).collateralWeight()).isEqualByComparingTo("0.9");
        assertSigned(venue.only(getRequestedFor(urlPathEqualTo("/api/v1/capital/collateral"))),
                "instruction=collateralQuery&timestamp=" + NOW + "&window=5000");
    }

    @Test
    void shouldReadPerpetualPositions() throws Exception {
        venue.stub(get(urlPathEqualTo("/api/v1/position")), "backpack/positions.json");

        List<Position> positions = gateway.positions();

        assertThat(positions).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo("SOL_USDC_PERP");
            assertThat(p.quantity()).isEqualByComparingTo("-2");
            assertThat(p.entryPrice()).isEqualByComparingTo("179.80");
            assertThat(p.unrealizedPnl()).isEqualByComparingTo("-1.40");
            assertThat(p.fundingPaid()).isEqualByComparingTo("0.35");
        });
        assertSigned(venue.only(getRequestedFor(urlPathEqualTo("/api/v1/position"))),
                "instruction=positionQuery&timestamp=" + NOW + "&window=5000");
    }

    @Test
    void shouldReadFillHistorySince() throws Exception {
        venue.stub(get(urlPathEqualTo("/wapi/v1/history/fills")), "backpack/fills.json");

        List<Fill> fills = gateway.fillsSince("SOL_USDC", TestVenues.START);

        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.fillId()).isEqualTo("4242");
            assertThat(f.clientOrderId()).isEqualTo("1048577");
            assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(f.fee()).isEqualByComparingTo("0.0018");
            assertThat(f.time()).isEqualTo(Instant.parse("2025-01-01T00:00:05.250Z"));
        });
        LoggedRequest sent = venue.only(getRequestedFor(urlPathEqualTo("/wapi/v1/history/fills"))
                .withQueryParam("from", equalTo(Long.toString(NOW))).withQueryParam("symbol", equalTo("SOL_USDC")));
        assertSigned(sent, "instruction=fillHistoryQueryAll&from=" + NOW + "&limit=1000&symbol=SOL_USDC&timestamp="
                + NOW + "&window=5000");
    }

    @Test
    void shouldLearnTheClockOffsetFromServerTime() {
        venue.stubFor(get(urlPathEqualTo("/api/v1/time")).willReturn(aResponse().withBody(Long.toString(NOW + 2500))));

        gateway.syncTime();
        venue.stub(get(urlPathEqualTo("/api/v1/capital")), "backpack/capital.json");
        gateway.balances();

        assertThat(venue.only(getRequestedFor(urlPathEqualTo("/api/v1/capital"))).getHeader("X-TIMESTAMP"))
                .isEqualTo(Long.toString(NOW + 2500));
    }

    private BackpackRestApi api() {
        var mapper = io.mmkit.exchange.http.Json.newMapper();
        var errors = new BackpackErrors(mapper);
        return new BackpackRestApi(TestVenues.transport("backpack", errors, 100), okhttp3.HttpUrl.get(venue.baseUrl()),
                TestVenues.BACKPACK_KEY, BackpackSigner.fromBase64Seed(TestVenues.BACKPACK_SECRET), 5000, mapper,
                errors);
    }

    /** The headers Backpack requires, and a signature of exactly {@code message} by our key. */
    static void assertSigned(LoggedRequest request, String message) throws Exception {
        assertThat(request.getHeader("X-API-KEY")).isEqualTo(TestVenues.BACKPACK_KEY);
        assertThat(request.getHeader("X-WINDOW")).isEqualTo("5000");
        assertThat(message).contains("timestamp=" + request.getHeader("X-TIMESTAMP"));
        assertThat(BackpackSignerTest.verify(TestVenues.BACKPACK_KEY, message, request.getHeader("X-SIGNATURE")))
                .as("X-SIGNATURE signs %s", message).isTrue();
    }
}
