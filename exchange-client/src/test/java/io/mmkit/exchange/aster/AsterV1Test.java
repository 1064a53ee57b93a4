package io.mmkit.exchange.aster;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.exchange.TestVenues;
import io.mmkit.exchange.WireMockVenue;
import io.mmkit.exchange.binance.BinanceGateway;
import io.mmkit.exchange.binance.BinanceSigner;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Aster v1: Binance futures' paths ({@code /fapi/v1}, balance under {@code /fapi/v2}) and HMAC keys. */
class AsterV1Test {
    private static final long NOW = TestVenues.START.toEpochMilli();
    @RegisterExtension
    final WireMockVenue venue = new WireMockVenue();
    private BinanceGateway aster;

    @BeforeEach
    void start() {
        aster = AsterGateway.open(TestVenues.asterV1(venue.baseUrl(), TestVenues.NO_SOCKET),
                new SimulatedTimeSource(TestVenues.START), new Random(1));
    }

    @AfterEach
    void stop() {
        aster.close();
    }

    @Test
    void shouldSignOrdersWithTheApiKeyAndHmacOnV1Paths() {
        venue.stub(post(urlPathEqualTo("/fapi/v1/order")), "aster/order.json");

        assertThat(aster.place(OrderRequest.postOnly("ASTERUSDT", "1048577", Side.BUY, new BigDecimal("0.5"),
                new BigDecimal("20"))).isAccepted()).isTrue();

        LoggedRequest sent = venue.only(postRequestedFor(urlPathEqualTo("/fapi/v1/order")));
        String url = sent.getUrl();
        String query = url.substring(url.indexOf('?') + 1);
        String signed = "symbol=ASTERUSDT&side=BUY&type=LIMIT&timeInForce=GTX&quantity=20&price=0.5"
                + "&newClientOrderId=1048577&newOrderRespType=RESULT&recvWindow=5000&timestamp=" + NOW;
        assertThat(query).isEqualTo(signed + "&signature=" + new BinanceSigner(TestVenues.ASTER_V1_SECRET).sign(signed));
        assertThat(sent.getHeader("X-MBX-APIKEY")).isEqualTo(TestVenues.ASTER_V1_KEY);
        assertThat(aster.venue()).isEqualTo("aster");
    }

    @Test
    void shouldReadBalancesFromTheV2Path() {
        venue.stub(get(urlPathEqualTo("/fapi/v2/balance")), "aster/balance.json");

        assertThat(aster.balances()).singleElement().satisfies(b -> assertThat(b.asset()).isEqualTo("USDT"));
        venue.verify(getRequestedFor(urlPathEqualTo("/fapi/v2/balance")));
    }
}
