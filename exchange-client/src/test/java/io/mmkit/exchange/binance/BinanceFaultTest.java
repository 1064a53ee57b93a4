package io.mmkit.exchange.binance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.exchange.RateLimitException;
import io.mmkit.core.exchange.TransportException;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Side;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults between us and the venue: each read is retried with capped backoff and a fresh signature, or fails
 * with a typed exception; a placement is never sent twice after an unknown outcome.
 */
class BinanceFaultTest {
    private static final String OPEN_ORDERS = "/api/v3/openOrders";
    private static final String ORDER = "/api/v3/order";
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();
    private final SimulatedTimeSource time = new SimulatedTimeSource(TestVenues.START);
    private BinanceGateway gateway;

    @BeforeEach
    void start() {
        gateway = BinanceGateway.open(TestVenues.binance(MarketType.SPOT, venue.baseUrl(),
                TestVenues.NO_SOCKET), time, new Random(7));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void shouldRetryAReadThatTimedOut() {
        failOnceThenSucceed(OPEN_ORDERS,
                aResponse().withFixedDelay(TestVenues.READ_TIMEOUT_MILLIS + 1_000).withBody("[]"));

        assertThat(gateway.openOrders("BTCUSDT")).hasSize(1);
        assertThat(venue.findAll(getRequestedFor(urlPathEqualTo(OPEN_ORDERS)))).hasSize(2);
    }

    @Test
    void shouldRetryAReadAfterA5xxWithAFreshTimestampAndSignature() {
        failOnceThenSucceed(OPEN_ORDERS, aResponse().withStatus(503).withBody("Service Unavailable"));

        assertThat(gateway.openOrders("BTCUSDT")).hasSize(1);

        List<LoggedRequest> attempts = venue.findAll(getRequestedFor(urlPathEqualTo(OPEN_ORDERS)));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).queryParameter("timestamp").firstValue())
                .isNotEqualTo(attempts.get(0).queryParameter("timestamp").firstValue());
        assertThat(attempts.get(1).queryParameter("signature").firstValue())
                .isNotEqualTo(attempts.get(0).queryParameter("signature").firstValue());
    }

    @Test
    void shouldRetryAReadAfterAConnectionReset() {
        failOnceThenSucceed(OPEN_ORDERS, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(gateway.openOrders("BTCUSDT")).hasSize(1);
    }

    @Test
    void shouldGiveUpOnMalformedJsonWithATransportErrorAfterTheCappedAttempts() {
        venue.stubFor(get(urlPathEqualTo(OPEN_ORDERS)).willReturn(okJson("[{\"symbol\": \"BTCUSDT\", ")));

        assertThatThrownBy(() -> gateway.openOrders("BTCUSDT"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("malformed JSON");
        assertThat(venue.findAll(getRequestedFor(urlPathEqualTo(OPEN_ORDERS)))).hasSize(3);
    }

    @Test
    void shouldFailAtOnceWithAnAuthenticationErrorOn401() {
        venue.stubFor(get(urlPathEqualTo(OPEN_ORDERS)).willReturn(aResponse().withStatus(401)
                .withBody(TestVenues.fixture("binance/error-bad-key.json"))));

        assertThatThrownBy(() -> gateway.openOrders("BTCUSDT"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("-2015")
                .hasMessageNotContaining(TestVenues.BINANCE_SECRET);
        assertThat(venue.findAll(getRequestedFor(urlPathEqualTo(OPEN_ORDERS)))).hasSize(1);
    }

    @Test
    void shouldWaitOutRetryAfterOn429AndThenSucceed() {
        failOnceThenSucceed(OPEN_ORDERS, aResponse().withStatus(429).withHeader("Retry-After", "2")
                .withBody(TestVenues.fixture("binance/error-too-many-requests.json")));

        assertThat(gateway.openOrders("BTCUSDT")).hasSize(1);

        List<LoggedRequest> attempts = venue.findAll(getRequestedFor(urlPathEqualTo(OPEN_ORDERS)));
        long first = Long.parseLong(attempts.get(0).queryParameter("timestamp").firstValue());
        long second = Long.parseLong(attempts.get(1).queryParameter("timestamp").firstValue());
        assertThat(second - first).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void shouldNotWaitOutABanLongerThanTheCap() {
        venue.stubFor(get(urlPathEqualTo(OPEN_ORDERS)).willReturn(aResponse().withStatus(418)
                .withHeader("Retry-After", "120").withBody("{\"code\":-1003,\"msg\":\"Way too many requests; IP banned\"}")));

        assertThatThrownBy(() -> gateway.openOrders("BTCUSDT"))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120)));
        assertThat(venue.findAll(getRequestedFor(urlPathEqualTo(OPEN_ORDERS)))).hasSize(1);
    }

    @Test
    void shouldResyncTheClockAndResendAfterTimestampError1021() {
        failOnceThenSucceed(OPEN_ORDERS, aResponse().withStatus(400)
                .withBody(TestVenues.fixture("binance/error-timestamp.json")));
        long serverAhead = TestVenues.START.toEpochMilli() + 30_000;
        venue.stubFor(get(urlPathEqualTo("/api/v3/time")).willReturn(okJson("{\"serverTime\":" + serverAhead + "}")));

        assertThat(gateway.openOrders("BTCUSDT")).hasSize(1);

        List<LoggedRequest> attempts = venue.findAll(getRequestedFor(urlPathEqualTo(OPEN_ORDERS)));
        assertThat(Long.parseLong(attempts.get(1).queryParameter("timestamp").firstValue()))
                .isGreaterThanOrEqualTo(serverAhead);
    }

    @Test
    void shouldLookUpAPlacementWhoseAnswerWasA5xxAndNeverSendItTwice() {
        venue.stubFor(post(urlPathEqualTo(ORDER)).willReturn(aResponse().withStatus(502)));
        venue.stubFor(get(urlPathEqualTo(ORDER)).withQueryParam("origClientOrderId", equalTo("1048577"))
                .willReturn(okJson(TestVenues.fixture("binance/spot-order-result.json"))));

        PlaceResult result = gateway.place(bid());

        assertThat(result.isAccepted()).isTrue();
        assertThat(venue.findAll(postRequestedFor(urlPathEqualTo(ORDER)))).hasSize(1);
    }

    @Test
    void shouldReportAnUnconfirmedPlacementAfterATimeoutWithoutResendingIt() {
        venue.stubFor(post(urlPathEqualTo(ORDER)).willReturn(aResponse().withFixedDelay(TestVenues.READ_TIMEOUT_MILLIS + 1_000)
                .withBody(TestVenues.fixture("binance/spot-order-result.json"))));
        venue.stubFor(get(urlPathEqualTo(ORDER)).willReturn(aResponse().withStatus(400)
                .withBody(TestVenues.fixture("binance/error-unknown-order.json"))));

        assertThatThrownBy(() -> gateway.place(bid()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("not re-sent");
        assertThat(venue.findAll(postRequestedFor(urlPathEqualTo(ORDER)))).hasSize(1);
        assertThat(venue.findAll(getRequestedFor(urlPathEqualTo(ORDER)))).hasSize(1);
    }

    @Test
    void shouldLookUpAPlacementWhoseConnectionWasReset() {
        venue.stubFor(post(urlPathEqualTo(ORDER)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        venue.stubFor(get(urlPathEqualTo(ORDER)).willReturn(okJson(TestVenues.fixture("binance/spot-order-result.json"))));

        assertThat(gateway.place(bid()).isAccepted()).isTrue();
        assertThat(venue.findAll(postRequestedFor(urlPathEqualTo(ORDER)))).hasSize(1);
    }

    @Test
    void shouldResendAPlacementOnlyWhenTheVenueRefusedItUnprocessedWith429() {
        failOnceThenSucceed(ORDER, "POST", aResponse().withStatus(429).withHeader("Retry-After", "1"),
                TestVenues.fixture("binance/spot-order-result.json"));

        assertThat(gateway.place(bid()).isAccepted()).isTrue();
        // The first POST was refused by the rate limiter before it reached the matching engine: one order exists.
        assertThat(venue.findAll(postRequestedFor(urlPathEqualTo(ORDER)))).hasSize(2);
        assertThat(venue.findAll(getRequestedFor(urlPathEqualTo(ORDER)))).isEmpty();
    }

    private static OrderRequest bid() {
        return OrderRequest.postOnly("BTCUSDT", "1048577", Side.BUY, new BigDecimal("60000"), new BigDecimal("0.01"));
    }

    private void failOnceThenSucceed(String path, ResponseDefinitionBuilder failure) {
        failOnceThenSucceed(path, "GET", failure, TestVenues.fixture("binance/spot-open-orders.json"));
    }

    private void failOnceThenSucceed(String path, String method, ResponseDefinitionBuilder failure, String success) {
        var first = "POST".equals(method) ? post(urlPathEqualTo(path)) : get(urlPathEqualTo(path));
        var then = "POST".equals(method) ? post(urlPathEqualTo(path)) : get(urlPathEqualTo(path));
        venue.stubFor(first.inScenario("fault").whenScenarioStateIs(STARTED).willReturn(failure)
                .willSetStateTo("recovered"));
        venue.stubFor(then.inScenario("fault").whenScenarioStateIs("recovered").willReturn(okJson(success)));
    }
}
