package io.mmkit.exchange.binance;

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

/** The gateway contract against WireMock stubs shaped like Binance spot's documented API. */
class BinanceGatewayContractTest extends ExchangeGatewayContract {
    private static final String SYMBOL = "BTCUSDT";
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();

    @Override
    protected ExchangeGateway createGateway() {
        venue.stubFor(get(urlPathEqualTo("/api/v3/exchangeInfo"))
                .willReturn(okJson(TestVenues.fixture("binance/spot-exchange-info.json"))));
        venue.stubFor(delete(urlPathEqualTo("/api/v3/order")).atPriority(10)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(TestVenues.fixture("binance/error-cancel-unknown.json"))));
        return TestVenues.binanceGateway(MarketType.SPOT, venue.baseUrl(), 1);
    }

    @Override
    protected String symbol() {
        return SYMBOL;
    }

    @Override
    protected Instrument expectedInstrument() {
        return Instrument.spot(SYMBOL, "BTC", "USDT", "0.01", "0.00001");
    }

    @Override
    protected void givenBookTop(BigDecimal bid, BigDecimal bidQty, BigDecimal ask, BigDecimal askQty) {
        venue.stubFor(get(urlPathEqualTo("/api/v3/depth")).withQueryParam("symbol", WireMock.equalTo(SYMBOL))
                .willReturn(okJson(String.format("{\"lastUpdateId\":7,\"bids\":[[\"%s\",\"%s\"]],\"asks\":[[\"%s\",\"%s\"]]}",
                        bid, bidQty, ask, askQty))));
    }

    @Override
    protected void givenOpenOrder(OpenOrder o) {
        venue.stubFor(get(urlPathEqualTo("/api/v3/openOrders")).willReturn(okJson("[" + order(o, "NEW") + "]")));
        venue.stubFor(delete(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .withQueryParam("origClientOrderId", WireMock.equalTo(o.clientOrderId()))
                .willReturn(okJson(order(o, "CANCELED"))));
    }

    @Override
    protected void givenBalance(Balance b) {
        venue.stubFor(get(urlPathEqualTo("/api/v3/account")).willReturn(okJson(String.format(
                "{\"accountType\":\"SPOT\",\"balances\":[{\"asset\":\"%s\",\"free\":\"%s\",\"locked\":\"%s\"}]}",
                b.asset(), b.free(), b.locked()))));
    }

    @Override
    protected void givenPlacementAccepted(OrderRequest r) {
        OpenOrder o = new OpenOrder("1", r.clientOrderId(), r.symbol(), r.side(), r.price(), r.quantity(),
                BigDecimal.ZERO, r.timeInForce(), false, TestVenues.START);
        venue.stubFor(post(urlPathEqualTo("/api/v3/order"))
                .withQueryParam("newClientOrderId", WireMock.equalTo(r.clientOrderId()))
                .willReturn(okJson(order(o, "NEW"))));
    }

    @Override
    protected void givenPlacementWouldCross(OrderRequest r) {
        venue.stubFor(post(urlPathEqualTo("/api/v3/order"))
                .withQueryParam("newClientOrderId", WireMock.equalTo(r.clientOrderId()))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(TestVenues.fixture("binance/error-post-only.json"))));
    }

    private static String order(OpenOrder o, String status) {
        return String.format("{\"symbol\":\"%s\",\"orderId\":%s,\"clientOrderId\":\"%s\",\"price\":\"%s\","
                        + "\"origQty\":\"%s\",\"executedQty\":\"%s\",\"cummulativeQuoteQty\":\"0\",\"status\":\"%s\","
                        + "\"timeInForce\":\"GTC\",\"type\":\"LIMIT_MAKER\",\"side\":\"%s\",\"time\":1735689600123}",
                o.symbol(), o.orderId(), o.clientOrderId(), o.price().toPlainString(), o.quantity().toPlainString(),
                o.filledQuantity().toPlainString(), status, o.side().name());
    }
}
