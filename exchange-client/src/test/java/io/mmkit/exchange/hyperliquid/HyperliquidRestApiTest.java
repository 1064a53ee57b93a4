package io.mmkit.exchange.hyperliquid;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.mmkit.exchange.hyperliquid.HyperliquidGatewayContractTest.exchange;
import static io.mmkit.exchange.hyperliquid.HyperliquidGatewayContractTest.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import io.mmkit.exchange.signing.EthKey;
import io.mmkit.exchange.signing.EthSignature;
import io.mmkit.exchange.signing.Hex;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The requests the gateway sends and how it reads the answers, against WireMock stubs answering with the
 * documented shapes (fixtures under {@code src/test/resources/hyperliquid}).
 */
class HyperliquidRestApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();
    private HyperliquidGateway gateway;

    @BeforeEach
    void openGateway() {
        venue.stub(info("metaAndAssetCtxs"), "hyperliquid/meta-and-asset-ctxs.json");
        gateway = HyperliquidTestVenue.gateway(venue.baseUrl());
    }

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    @Test
    void shouldSendAnOrderActionInTheSdksKeyOrderSignedByTheApiWallet() throws Exception {
        venue.stub(exchange("order"), "hyperliquid/exchange-order-resting.json");

        PlaceResult result = gateway.place(OrderRequest.postOnly("SOL", "7340035", Side.BUY, new BigDecimal("99.50"),
                new BigDecimal("1.20")));

        assertThat(result).isInstanceOfSatisfying(PlaceResult.Accepted.class,
                a -> assertThat(a.order().orderId()).isEqualTo("77738308"));
        JsonNode body = JSON.readTree(venue.only(postRequestedFor(urlPathEqualTo("/exchange"))).getBodyAsString());
        assertThat(fieldNames(body)).containsExactly("action", "nonce", "signature");
        JsonNode order = body.path("action").path("orders").get(0);
        assertThat(fieldNames(body.get("action"))).containsExactly("type", "orders", "grouping");
        assertThat(fieldNames(order)).containsExactly("a", "b", "p", "s", "r", "t", "c");
        assertThat(order.toString()).isEqualTo("{\"a\":5,\"b\":true,\"p\":\"99.5\",\"s\":\"1.2\",\"r\":false,"
                + "\"t\":{\"limit\":{\"tif\":\"Alo\"}},\"c\":\"0x6d6d6b69740000000000000000700003\"}");
        assertThat(body.get("nonce").asLong()).isEqualTo(TestVenues.START.toEpochMilli());
        assertThat(recoveredSigner(body)).isEqualTo(EthKey.fromHex(HyperliquidTestVenue.WALLET_KEY).address());
    }

    @Test
    void shouldGiveEveryActionANewNonceEvenWithinOneMillisecond() throws Exception {
        venue.stub(exchange("cancelByCloid"), "hyperliquid/exchange-cancel-success.json");

        gateway.cancel("SOL", "7340035");
        gateway.cancel("SOL", "7340036");

        List<Long> nonces = new ArrayList<>();
        for (var r : venue.findAll(postRequestedFor(urlPathEqualTo("/exchange")))) {
            nonces.add(JSON.readTree(r.getBodyAsString()).get("nonce").asLong());
        }
        assertThat(nonces).containsExactly(TestVenues.START.toEpochMilli(), TestVenues.START.toEpochMilli() + 1);
    }

    @Test
    void shouldReadAnOrderThatFilledAtOnceAsAcceptedAndFilled() {
        venue.stub(exchange("order"), "hyperliquid/exchange-order-filled.json");

        PlaceResult result = gateway.place(OrderRequest.limit("SOL", "7340037", Side.BUY, new BigDecimal("100.1"),
                new BigDecimal("0.02"), TimeInForce.IOC));

        assertThat(result).isInstanceOfSatisfying(PlaceResult.Accepted.class, a -> {
            assertThat(a.order().orderId()).isEqualTo("77747314");
            assertThat(a.order().filledQuantity()).isEqualByComparingTo("0.02");
        });
    }

    @Test
    void shouldRefuseAPriceOffHyperliquidsRulesWithoutSendingIt() {
        PlaceResult result = gateway.place(OrderRequest.postOnly("SOL", "7340038", Side.BUY, new BigDecimal("99.5051"),
                new BigDecimal("1")));

        assertThat(result).isInstanceOfSatisfying(PlaceResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectReason.INVALID_PRECISION);
            assertThat(r.detail()).contains("99.5051").contains("not sent");
        });
        venue.verify(0, postRequestedFor(urlPathEqualTo("/exchange")));
    }

    @Test
    void shouldSendAMarketOrderAsAnIocLimitFivePercentThroughTheTouch() throws Exception {
        venue.stub(info("l2Book"), "hyperliquid/l2book.json");
        venue.stub(exchange("order"), "hyperliquid/exchange-order-filled.json");

        gateway.place(OrderRequest.market("SOL", "7340039", Side.BUY, new BigDecimal("0.02")));

        JsonNode order = JSON.readTree(venue.only(postRequestedFor(urlPathEqualTo("/exchange"))).getBodyAsString())
                .path("action").path("orders").get(0);
        assertThat(order.path("p").asText()).isEqualTo("105.11");
        assertThat(order.path("t").path("limit").path("tif").asText()).isEqualTo("Ioc");
    }

    @Test
    void shouldLookALostPlacementUpByCloidAndNeverSendItTwice() {
        venue.stubFor(exchange("order").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        venue.stub(info("orderStatus"), "hyperliquid/order-status-filled.json");

        PlaceResult result = gateway.place(OrderRequest.postOnly("SOL", "7340035", Side.BUY, new BigDecimal("98"),
                new BigDecimal("2")));

        assertThat(result).isInstanceOfSatisfying(PlaceResult.Accepted.class, a -> {
            assertThat(a.order().orderId()).isEqualTo("9001");
            assertThat(a.order().filledQuantity()).isEqualByComparingTo("2");
        });
        venue.verify(1, postRequestedFor(urlPathEqualTo("/exchange")));
    }

    @Test
    void shouldNameTheReasonOfAnOrderTheVenueRejected() {
        assertThat(HyperliquidErrors.reason("badAloPxRejected")).isEqualTo(RejectReason.POST_ONLY_WOULD_CROSS);
        assertThat(HyperliquidErrors.reason("Insufficient margin to place order. asset=5"))
                .isEqualTo(RejectReason.INSUFFICIENT_FUNDS);
        assertThat(HyperliquidErrors.reason("Order must have minimum value of $10. asset=5"))
                .isEqualTo(RejectReason.BELOW_MIN_NOTIONAL);
        assertThat(HyperliquidErrors.reason("Order has invalid price. asset=5")).isEqualTo(RejectReason.INVALID_PRECISION);
        assertThat(HyperliquidErrors.reason("Reduce only order would increase position. asset=5"))
                .isEqualTo(RejectReason.REDUCE_ONLY_REJECTED);
        assertThat(HyperliquidErrors.reason("Order could not immediately match against any resting orders. asset=5"))
                .isEqualTo(RejectReason.NO_LIQUIDITY);
    }

    @Test
    void shouldMapAnUnknownApiWalletToAnAuthenticationFailure() {
        venue.stub(exchange("order"), "hyperliquid/exchange-err-wallet.json");

        assertThatThrownBy(() -> gateway.place(OrderRequest.postOnly("SOL", "7340040", Side.BUY,
                new BigDecimal("99"), new BigDecimal("1")))).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void shouldListTheCoinsOpenOrdersWithTheirClientIds() throws Exception {
        venue.stub(info("frontendOpenOrders"), "hyperliquid/frontend-open-orders.json");

        List<OpenOrder> open = gateway.openOrders("SOL");

        assertThat(open).hasSize(2);
        OpenOrder ours = open.get(0);
        assertThat(ours.clientOrderId()).isEqualTo("7340035");
        assertThat(ours.quantity()).isEqualByComparingTo("2.0");
        assertThat(ours.filledQuantity()).isEqualByComparingTo("0.5");
        assertThat(ours.timeInForce()).isEqualTo(TimeInForce.POST_ONLY);
        assertThat(open.get(1).clientOrderId()).isNull();
        JsonNode query = JSON.readTree(venue.only(postRequestedFor(urlPathEqualTo("/info"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.type",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("frontendOpenOrders"))))
                .getBodyAsString());
        assertThat(query.path("user").asText()).isEqualTo(HyperliquidTestVenue.ACCOUNT);
    }

    @Test
    void shouldCancelEveryOrderOnTheCoinByOid() throws Exception {
        venue.stub(info("frontendOpenOrders"), "hyperliquid/frontend-open-orders.json");
        venue.stubFor(exchange("cancel").willReturn(okJson(
                "{\"status\":\"ok\",\"response\":{\"type\":\"cancel\",\"data\":{\"statuses\":[\"success\",\"success\"]}}}")));

        int cancelled = gateway.cancelAll("SOL");

        assertThat(cancelled).isEqualTo(2);
        JsonNode action = JSON.readTree(venue.only(postRequestedFor(urlPathEqualTo("/exchange"))).getBodyAsString())
                .get("action");
        assertThat(action.toString()).isEqualTo("{\"type\":\"cancel\",\"cancels\":[{\"a\":5,\"o\":9001},{\"a\":5,\"o\":9002}]}");
    }

    @Test
    void shouldTellAFilledOrderAndAnUnknownOneByCloid() {
        venue.stubFor(info("orderStatus").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .matchingJsonPath("$.oid", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo("0x6d6d6b69740000000000000000700003")))
                .atPriority(1).willReturn(okJson(TestVenues.fixture("hyperliquid/order-status-filled.json"))));
        venue.stubFor(info("orderStatus").atPriority(5)
                .willReturn(okJson(TestVenues.fixture("hyperliquid/order-status-unknown.json"))));

        OrderState filled = gateway.order("SOL", "7340035").orElseThrow();

        assertThat(filled.status()).isEqualTo(OrderState.Status.FILLED);
        assertThat(filled.filledQuantity()).isEqualByComparingTo("2");
        assertThat(filled.orderId()).isEqualTo("9001");
        assertThat(gateway.order("SOL", "7340099")).isEmpty();
    }

    @Test
    void shouldReadTheCoinsFillsSinceAnInstant() throws Exception {
        venue.stub(info("userFillsByTime"), "hyperliquid/user-fills-by-time.json");

        List<Fill> fills = gateway.fillsSince("SOL", TestVenues.START);

        assertThat(fills).hasSize(2);
        Fill maker = fills.get(0);
        assertThat(maker.fillId()).isEqualTo("118906512037719-9001");
        assertThat(maker.clientOrderId()).isEqualTo("7340035");
        assertThat(maker.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(maker.fee()).isEqualByComparingTo("-0.0049");
        assertThat(maker.side()).isEqualTo(Side.BUY);
        assertThat(fills.get(1).liquidity()).isEqualTo(Liquidity.TAKER);
        assertThat(fills.get(1).side()).isEqualTo(Side.SELL);
        JsonNode query = JSON.readTree(venue.only(postRequestedFor(urlPathEqualTo("/info"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.type",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("userFillsByTime"))))
                .getBodyAsString());
        assertThat(query.path("startTime").asLong()).isEqualTo(TestVenues.START.toEpochMilli());
    }

    @Test
    void shouldReadPositionsAndTheMarginAccount() {
        venue.stub(info("clearinghouseState"), "hyperliquid/clearinghouse-state.json");
        venue.stub(info("spotClearinghouseState"), "hyperliquid/spot-clearinghouse-state.json");

        List<Position> positions = gateway.positions();
        List<Balance> balances = gateway.balances();

        assertThat(positions).hasSize(2);
        Position sol = positions.get(0);
        assertThat(sol.quantity()).isEqualByComparingTo("0.25");
        assertThat(sol.entryPrice()).isEqualByComparingTo("98");
        assertThat(sol.markPrice()).isEqualByComparingTo("100.05");
        assertThat(sol.fundingPaid()).isEqualByComparingTo("0.25");
        assertThat(positions.get(1).quantity()).isEqualByComparingTo("-0.5");
        assertThat(balances).anySatisfy(b -> {
            assertThat(b.asset()).isEqualTo("USDC");
            assertThat(b.free()).isEqualByComparingTo("1117.625485");
            assertThat(b.locked()).isEqualByComparingTo("97");
        });
        assertThat(balances).anySatisfy(b -> {
            assertThat(b.asset()).isEqualTo("PURR");
            assertThat(b.free()).isEqualByComparingTo("1900");
            assertThat(b.locked()).isEqualByComparingTo("100");
        });
    }

    @Test
    void shouldSetCrossLeverage() throws Exception {
        venue.stub(exchange("updateLeverage"), "hyperliquid/exchange-default.json");

        gateway.setLeverage("ETH", 7);

        JsonNode action = JSON.readTree(venue.only(postRequestedFor(urlPathEqualTo("/exchange"))).getBodyAsString())
                .get("action");
        assertThat(action.toString()).isEqualTo("{\"type\":\"updateLeverage\",\"asset\":1,\"isCross\":true,\"leverage\":7}");
    }

    /** The address the request's signature recovers to, over the action and nonce as sent. */
    private static String recoveredSigner(JsonNode body) {
        Map<String, Object> action = JSON.convertValue(body.get("action"), new TypeReference<LinkedHashMap<String, Object>>() { });
        long nonce = body.get("nonce").asLong();
        JsonNode sig = body.get("signature");
        EthSignature signature = new EthSignature(Hex.decode(sig.get("r").asText()), Hex.decode(sig.get("s").asText()),
                sig.get("v").asInt());
        HyperliquidSigner testnet = new HyperliquidSigner(EthKey.fromHex(HyperliquidTestVenue.WALLET_KEY), false);
        return EthKey.recoverAddress(testnet.agentDigest(HyperliquidSigner.connectionId(action, nonce, null)), signature);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
