package io.mmkit.exchange.binance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.MarketType;
import io.mmkit.core.model.OrderState;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lookup a restart settles earlier orders with: {@code GET /api/v3/order} and {@code /fapi/v1/order}. */
class BinanceOrderLookupTest {
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
    void shouldReadASpotOrderThatFilledByItsOriginalClientOrderId() {
        venue.stub(get(urlPathEqualTo("/api/v3/order")), "binance/spot-query-order-filled.json");

        OrderState state = spot.order("BTCUSDT", "1048577").orElseThrow();

        assertThat(state.status()).isEqualTo(OrderState.Status.FILLED);
        assertThat(state.orderId()).isEqualTo("28");
        assertThat(state.filledQuantity()).isEqualByComparingTo("0.01");
        BinanceRestApiTest.assertSignedQuery(venue.only(getRequestedFor(urlPathEqualTo("/api/v3/order"))),
                "symbol=BTCUSDT&origClientOrderId=1048577&recvWindow=5000&timestamp=" + NOW);
    }

    @Test
    void shouldReadAFuturesOrderCancelledAfterAPartialFill() {
        venue.stub(get(urlPathEqualTo("/fapi/v1/order")), "binance/futures-query-order-canceled.json");

        OrderState state = futures.order("ETHUSDT", "1048578").orElseThrow();

        assertThat(state.status()).isEqualTo(OrderState.Status.CANCELLED);
        assertThat(state.quantity()).isEqualByComparingTo("0.5");
        assertThat(state.filledQuantity()).isEqualByComparingTo("0.2");
        BinanceRestApiTest.assertSignedQuery(venue.only(getRequestedFor(urlPathEqualTo("/fapi/v1/order"))),
                "symbol=ETHUSDT&origClientOrderId=1048578&recvWindow=5000&timestamp=" + NOW);
    }

    @Test
    void shouldReadARestingOrderAsOpen() {
        venue.stub(get(urlPathEqualTo("/fapi/v1/order")), "binance/futures-order.json");

        assertThat(futures.order("ETHUSDT", "1048577")).map(OrderState::status).contains(OrderState.Status.OPEN);
    }

    @Test
    void shouldBeUnknownWhenTheVenueSaysTheOrderDoesNotExist() {
        venue.stubFor(get(urlPathEqualTo("/api/v3/order")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(TestVenues.fixture("binance/error-unknown-order.json"))));

        assertThat(spot.order("BTCUSDT", "1048999")).isEmpty();
    }
}
