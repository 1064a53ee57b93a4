package io.mmkit.exchange.aster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeGatewayContract;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import java.math.BigDecimal;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway contract against WireMock stubs shaped like Aster's documented v3 futures API. A post-only order
 * that would cross is answered as an order with status {@code EXPIRED} (Aster documents no dedicated error code
 * for it; {@code GTX} orders that cannot rest expire).
 */
class AsterGatewayContractTest extends ExchangeGatewayContract {
    private static final String SYMBOL = "BTCUSDT";
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();

    @Override
    protected ExchangeGateway createGateway() {
        venue.stubFor(get(urlPathEqualTo("/fapi/v3/exchangeInfo"))
                .willReturn(okJson(TestVenues.fixture("aster/exchange-info.json"))));
        venue.stubFor(delete(urlPathEqualTo("/fapi/v3/order")).atPriority(10)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2011,\"msg\":\"Unknown order sent.\"}")));
        return TestVenues.asterGateway(venue.baseUrl(), 1);
    }

    @Override
    protected String symbol() {
        return SYMBOL;
    }

    @Override
    protected Instrument expectedInstrument() {
        return new Instrument(SYMBOL, "BTC", "USDT", MarketType.PERPETUAL, new BigDecimal("0.1"),
                new BigDecimal("0.001"), new BigDecimal("0.001"), new BigDecimal("5"), new BigDecimal("1000"));
    }

    @Override
    protected void givenBookTop(BigDecimal bid, BigDecimal bidQty, BigDecimal ask, BigDecimal askQty) {
        venue.stubFor(get(urlPathEqualTo("/fapi/v3/depth")).withQueryParam("symbol", WireMock.equalTo(SYMBOL))
                .willReturn(okJson(String.format("{\"lastUpdateId\":7,\"E\":1,\"T\":1,\"bids\":[[\"%s\",\"%s\"]],"
                        + "\"asks\":[[\"%s\",\"%s\"]]}", bid, bidQty, ask, askQty))));
    }

    @Override
    protected void givenOpenOrder(OpenOrder o) {
        venue.stubFor(get(urlPathEqualTo("/fapi/v3/openOrders")).willReturn(okJson("[" + order(o, "NEW") + "]")));
        venue.stubFor(delete(urlPathEqualTo("/fapi/v3/order")).atPriority(1)
                .withQueryParam("origClientOrderId", WireMock.equalTo(o.clientOrderId()))
                .willReturn(okJson(order(o, "CANCELED"))));
    }

    @Override
    protected void givenBalance(Balance b) {
        venue.stubFor(get(urlPathEqualTo("/fapi/v3/balance")).willReturn(okJson(String.format(
                "[{\"accountAlias\":\"SgsR\",\"asset\":\"%s\",\"balance\":\"%s\",\"crossWalletBalance\":\"%s\","
                        + "\"crossUnPnl\":\"0\",\"availableBalance\":\"%s\",\"maxWithdrawAmount\":\"%s\","
                        + "\"marginAvailable\":true,\"updateTime\":1617939110373}]",
                b.asset(), b.total().toPlainString(), b.total().toPlainString(), b.free().toPlainString(),
                b.free().toPlainString()))));
    }

    @Override
    protected void givenPlacementAccepted(OrderRequest r) {
        OpenOrder o = new OpenOrder("1", r.clientOrderId(), r.symbol(), r.side(), r.price(), r.quantity(),
                BigDecimal.ZERO, r.timeInForce(), false, TestVenues.START);
        venue.stubFor(post(urlPathEqualTo("/fapi/v3/order"))
                .withQueryParam("newClientOrderId", WireMock.equalTo(r.clientOrderId()))
                .willReturn(okJson(order(o, "NEW"))));
    }

    @Override
    protected void givenPlacementWouldCross(OrderRequest r) {
        OpenOrder o = new OpenOrder("2", r.clientOrderId(), r.symbol(), r.side(), r.price(), r.quantity(),
                BigDecimal.ZERO, r.timeInForce(), false, TestVenues.START);
        venue.stubFor(post(urlPathEqualTo("/fapi/v3/order"))
                .withQueryParam("newClientOrderId", WireMock.equalTo(r.clientOrderId()))
                .willReturn(okJson(order(o, "EXPIRED"))));
    }

    private static String order(OpenOrder o, String status) {
        return String.format("{\"symbol\":\"%s\",\"orderId\":%s,\"clientOrderId\":\"%s\",\"price\":\"%s\","
                        + "\"origQty\":\"%s\",\"executedQty\":\"%s\",\"cumQuote\":\"0\",\"avgPrice\":\"0.00000\","
                        + "\"status\":\"%s\",\"timeInForce\":\"GTX\",\"type\":\"LIMIT\",\"origType\":\"LIMIT\","
                        + "\"side\":\"%s\",\"positionSide\":\"BOTH\",\"reduceOnly\":false,\"time\":1735689600123,"
                        + "\"updateTime\":1735689600123}",
                o.symbol(), o.orderId(), o.clientOrderId(), o.price().toPlainString(), o.quantity().toPlainString(),
                o.filledQuantity().toPlainString(), status, o.side().name());
    }
}
