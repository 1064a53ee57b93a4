package io.mmkit.exchange.backpack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.exchange.TransportException;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Side;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Backpack placements whose answer is lost are looked up by client id, never re-sent. */
class BackpackPlacementFaultTest {
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();
    private BackpackGateway gateway;

    @BeforeEach
    void start() {
        gateway = TestVenues.backpackGateway(venue.baseUrl(), 5);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void shouldFindAnOrderWhoseAnswerWasLostInAReset() {
        venue.stubFor(post(urlPathEqualTo("/api/v1/order")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        venue.stubFor(get(urlPathEqualTo("/api/v1/order")).withQueryParam("clientId", equalTo("1048577"))
                .willReturn(okJson(TestVenues.fixture("backpack/order-new.json"))));

        PlaceResult result = gateway.place(bid());

        assertThat(result.isAccepted()).isTrue();
        assertThat(venue.findAll(postRequestedFor(urlPathEqualTo("/api/v1/order")))).hasSize(1);
    }

    @Test
    void shouldNotResendAnOrderTheVenueDoesNotKnowAfterA5xx() {
        venue.stubFor(post(urlPathEqualTo("/api/v1/order")).willReturn(aResponse().withStatus(500)));
        venue.stubFor(get(urlPathEqualTo("/api/v1/order")).willReturn(aResponse().withStatus(404)
                .withBody(TestVenues.fixture("backpack/order-not-found.json"))));

        assertThatThrownBy(() -> gateway.place(bid())).isInstanceOf(TransportException.class);
        assertThat(venue.findAll(postRequestedFor(urlPathEqualTo("/api/v1/order")))).hasSize(1);
        assertThat(venue.findAll(getRequestedFor(urlPathEqualTo("/api/v1/order")))).hasSize(1);
    }

    @Test
    void shouldTreatAnInvalidSignatureAsAnAuthenticationFailure() {
        venue.stubFor(post(urlPathEqualTo("/api/v1/order")).willReturn(aResponse().withStatus(400)
                .withBody("{\"code\":\"INVALID_CLIENT_REQUEST\",\"message\":\"Invalid signature\"}")));

        assertThatThrownBy(() -> gateway.place(bid())).isInstanceOf(AuthenticationException.class);
        assertThat(venue.findAll(postRequestedFor(urlPathEqualTo("/api/v1/order")))).hasSize(1);
    }

    private static OrderRequest bid() {
        return OrderRequest.postOnly("SOL_USDC", "1048577", Side.BUY, new BigDecimal("180.10"), new BigDecimal("1.5"));
    }
}
