package io.mmkit.exchange.backpack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeGatewayContract;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import java.math.BigDecimal;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway contract against WireMock stubs shaped like Backpack's documented API. */
class BackpackGatewayContractTest extends ExchangeGatewayContract {
    private static final String SYMBOL = "SOL_USDC";
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();

    @Override
    protected ExchangeGateway createGateway() {
        venue.stubFor(get(urlPathEqualTo("/api/v1/markets")).willReturn(okJson(TestVenues.fixture("backpack/markets.json"))));
        venue.stubFor(delete(urlPathEqualTo("/api/v1/order")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(TestVenues.fixture("backpack/order-not-found.json"))));
        return TestVenues.backpackGateway(venue.baseUrl(), 1);
    }

    @Override
    protected String symbol() {
        return SYMBOL;
    }

    @Override
    protected Instrument expectedInstrument() {
        return Instrument.spot(SYMBOL, "SOL", "USDC", "0.01", "0.01");
    }

    @Override
    protected void givenBookTop(BigDecimal bid, BigDecimal bidQty, BigDecimal ask, BigDecimal askQty) {
        String depth = String.format("{\"asks\":[[\"%s\",\"%s\"]],\"bids\":[[\"%s\",\"%s\"]],"
                + "\"lastUpdateId\":\"7\",\"timestamp\":1735689600000}", ask, askQty, bid, bidQty);
        venue.stubFor(get(urlPathEqualTo("/api/v1/depth")).withQueryParam("symbol", WireMock.equalTo(SYMBOL))
                .willReturn(okJson(depth)));
    }

    @Override
    protected void givenOpenOrder(OpenOrder o) {
        venue.stubFor(get(urlPathEqualTo("/api/v1/orders")).willReturn(okJson("[" + order(o, "New") + "]")));
        venue.stubFor(delete(urlPathEqualTo("/api/v1/order")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.clientId", WireMock.equalTo(o.clientOrderId())))
                .willReturn(okJson(order(o, "Cancelled"))));
    }

    @Override
    protected void givenBalance(Balance b) {
        venue.stubFor(get(urlPathEqualTo("/api/v1/capital")).willReturn(okJson(String.format(
                "{\"%s\":{\"available\":\"%s\",\"locked\":\"%s\",\"staked\":\"0\"}}", b.asset(), b.free(), b.locked()))));
    }

    @Override
    protected void givenPlacementAccepted(OrderRequest r) {
        OpenOrder o = new OpenOrder("1", r.clientOrderId(), r.symbol(), r.side(), r.price(), r.quantity(),
                BigDecimal.ZERO, r.timeInForce(), false, TestVenues.START);
        venue.stubFor(post(urlPathEqualTo("/api/v1/order"))
                .withRequestBody(matchingJsonPath("$.clientId", WireMock.equalTo(r.clientOrderId())))
                .willReturn(okJson(order(o, "New"))));
    }

    @Override
    protected void givenPlacementWouldCross(OrderRequest r) {
        venue.stubFor(post(urlPathEqualTo("/api/v1/order"))
                .withRequestBody(matchingJsonPath("$.clientId", WireMock.equalTo(r.clientOrderId())))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(TestVenues.fixture("backpack/order-post-only-reject.json"))));
    }

    private static String order(OpenOrder o, String status) {
        return String.format("{\"id\":\"%s\",\"clientId\":%s,\"symbol\":\"%s\",\"side\":\"%s\",\"orderType\":\"Limit\","
                        + "\"timeInForce\":\"GTC\",\"price\":\"%s\",\"quantity\":\"%s\",\"executedQuantity\":\"%s\","
                        + "\"executedQuoteQuantity\":\"0\",\"status\":\"%s\",\"selfTradePrevention\":\"RejectTaker\","
                        + "\"postOnly\":true,\"createdAt\":1735689600123}",
                o.orderId(), o.clientOrderId(), o.symbol(), BackpackAdapters.side(o.side()), o.price().toPlainString(),
                o.quantity().toPlainString(), o.filledQuantity().toPlainString(), status);
    }
}
