package io.mmkit.exchange.backpack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mmkit.core.model.OrderState;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lookup a restart settles earlier orders with: {@code GET /api/v1/order} while an order rests, else its
 * record in {@code GET /wapi/v1/history/orders}, matched by client id.
 */
class BackpackOrderLookupTest {
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
    void shouldAnswerFromTheOpenOrderWhileItRests() {
        venue.stub(get(urlPathEqualTo("/api/v1/order")), "backpack/order-new.json");

        OrderState state = gateway.order("SOL_USDC", "1048577").orElseThrow();

        assertThat(state.status()).isEqualTo(OrderState.Status.OPEN);
        assertThat(state.quantity()).isEqualByComparingTo("1.5");
        assertThat(state.filledQuantity()).isEqualByComparingTo("0");
        venue.verify(0, getRequestedFor(urlPathEqualTo("/wapi/v1/history/orders")));
    }

    @Test
    void shouldFindAFilledOrderInTheOrderHistoryByClientId() throws Exception {
        orderNotResting();
        venue.stub(get(urlPathEqualTo("/wapi/v1/history/orders")), "backpack/order-history.json");

        OrderState filled = gateway.order("SOL_USDC", "1048577").orElseThrow();
        OrderState cancelled = gateway.order("SOL_USDC", "1048578").orElseThrow();

        assertThat(filled.status()).isEqualTo(OrderState.Status.FILLED);
        assertThat(filled.orderId()).isEqualTo("111051090663277568");
        assertThat(filled.filledQuantity()).isEqualByComparingTo("1.5");
        assertThat(cancelled.status()).as("cancelled after a partial fill").isEqualTo(OrderState.Status.CANCELLED);
        assertThat(cancelled.filledQuantity()).isEqualByComparingTo("0.4");
        LoggedRequest sent = venue.findAll(getRequestedFor(urlPathEqualTo("/wapi/v1/history/orders"))
                .withQueryParam("symbol", equalTo("SOL_USDC")).withQueryParam("limit", equalTo("1000"))).get(0);
        BackpackRestApiTest.assertSigned(sent,
                "instruction=orderHistoryQueryAll&limit=1000&symbol=SOL_USDC&timestamp=" + sent.getHeader("X-TIMESTAMP")
                        + "&window=5000");
    }

    @Test
    void shouldBeUnknownWhenNeitherTheBookNorTheHistoryHasIt() {
        orderNotResting();
        venue.stub(get(urlPathEqualTo("/wapi/v1/history/orders")), "backpack/order-history.json");

        assertThat(gateway.order("SOL_USDC", "1048999")).isEmpty();
    }

    private void orderNotResting() {
        venue.stubFor(get(urlPathEqualTo("/api/v1/order")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody(TestVenues.fixture("backpack/order-not-found.json"))));
    }
}
