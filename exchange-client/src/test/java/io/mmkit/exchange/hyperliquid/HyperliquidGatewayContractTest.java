package io.mmkit.exchange.hyperliquid;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeGatewayContract;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import java.math.BigDecimal;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway contract against WireMock stubs shaped like Hyperliquid's documented {@code /info} and {@code /exchange}. */
class HyperliquidGatewayContractTest extends ExchangeGatewayContract {
    private static final String SYMBOL = "SOL";
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();

    @Override
    protected ExchangeGateway createGateway() {
        venue.stub(info("metaAndAssetCtxs"), "hyperliquid/meta-and-asset-ctxs.json");
        venue.stubFor(exchange("cancelByCloid").atPriority(10)
                .willReturn(okJson(TestVenues.fixture("hyperliquid/exchange-cancel-not-resting.json"))));
        venue.stub(info("clearinghouseState"), "hyperliquid/clearinghouse-state.json");
        return HyperliquidTestVenue.gateway(venue.baseUrl());
    }

    @Override
    protected String symbol() {
        return SYMBOL;
    }

    @Override
    protected Instrument expectedInstrument() {
        return Instrument.perpetual(SYMBOL, SYMBOL, "USDC", "0.01", "0.01");
    }

    @Override
    protected void givenBookTop(BigDecimal bid, BigDecimal bidQty, BigDecimal ask, BigDecimal askQty) {
        venue.stubFor(info("l2Book").withRequestBody(matchingJsonPath("$.coin", equalTo(SYMBOL)))
                .willReturn(okJson(String.format("{\"coin\":\"SOL\",\"time\":1735689600000,\"levels\":["
                        + "[{\"px\":\"%s\",\"sz\":\"%s\",\"n\":1}],[{\"px\":\"%s\",\"sz\":\"%s\",\"n\":1}]]}",
                        bid, bidQty, ask, askQty))));
    }

    @Override
    protected void givenOpenOrder(OpenOrder o) {
        String cloid = HyperliquidCloids.toCloid(o.clientOrderId());
        venue.stubFor(info("frontendOpenOrders").willReturn(okJson(String.format(
                "[{\"coin\":\"SOL\",\"side\":\"%s\",\"limitPx\":\"%s\",\"sz\":\"%s\",\"oid\":%s,\"timestamp\":1735689600000,"
                        + "\"reduceOnly\":false,\"orderType\":\"Limit\",\"origSz\":\"%s\",\"tif\":\"Alo\",\"cloid\":\"%s\"}]",
                o.side() == Side.BUY ? "B" : "A", o.price().toPlainString(), o.remainingQuantity().toPlainString(),
                o.orderId(), o.quantity().toPlainString(), cloid))));
        venue.stubFor(exchange("cancelByCloid").atPriority(1)
                .withRequestBody(matchingJsonPath("$.action.cancels[0].cloid", equalTo(cloid)))
                .willReturn(okJson(TestVenues.fixture("hyperliquid/exchange-cancel-success.json"))));
    }

    @Override
    protected void givenBalance(Balance b) {
        venue.stubFor(info("spotClearinghouseState").willReturn(okJson(String.format(
                "{\"balances\":[{\"coin\":\"%s\",\"token\":268,\"hold\":\"%s\",\"total\":\"%s\",\"entryNtl\":\"0.0\"}]}",
                b.asset(), b.locked().toPlainString(), b.total().toPlainString()))));
    }

    @Override
    protected void givenPlacementAccepted(OrderRequest r) {
        venue.stubFor(placement(r).willReturn(okJson(TestVenues.fixture("hyperliquid/exchange-order-resting.json"))));
    }

    @Override
    protected void givenPlacementWouldCross(OrderRequest r) {
        venue.stubFor(placement(r).willReturn(okJson(TestVenues.fixture("hyperliquid/exchange-order-post-only.json"))));
    }

    private MappingBuilder placement(OrderRequest r) {
        return exchange("order")
                .withRequestBody(matchingJsonPath("$.action.orders[0].c", equalTo(HyperliquidCloids.toCloid(
                        r.clientOrderId()))))
                .withRequestBody(matchingJsonPath("$.action.orders[0].t.limit.tif", equalTo("Alo")))
                .withRequestBody(matchingJsonPath("$.action.orders[0].a", equalTo("5")));
    }

    static MappingBuilder info(String type) {
        return post(urlPathEqualTo("/info")).withRequestBody(matchingJsonPath("$.type", equalTo(type)));
    }

    static MappingBuilder exchange(String actionType) {
        return post(urlPathEqualTo("/exchange"))
                .withRequestBody(matchingJsonPath("$.action.type", equalTo(actionType)));
    }
}
