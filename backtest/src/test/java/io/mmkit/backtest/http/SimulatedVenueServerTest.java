package io.mmkit.backtest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.backtest.report.FillLog;
import io.mmkit.sim.testing.Script;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine behind WireMock answers in Backpack's shape and fills exactly as in process. Driven by raw
 * Backpack-shaped requests: the real {@code BackpackGateway} is on the venues branch, not yet on main.
 */
class SimulatedVenueServerTest {
    static final Instrument TEST = Instrument.spot("TEST_USDC", "TEST", "USDC", "0.1", "1");
    static final Script PATH = new Script()
            .at(0).bid("100", "10").ask("101", "10")
            .at(1000).trade(Side.SELL, "100", "12")
            .at(2000).bid("99.5", "3")
            .at(3000).trade(Side.SELL, "99", "4");

    static BacktestExchange venue() {
        BacktestExchange ex = new BacktestExchange(ExchangeSettings.of(TEST, FillModelName.QUEUE,
                Map.of("USDC", new BigDecimal("10000"))).withFees(new BigDecimal("-0.0001"), new BigDecimal("0.0005")),
                new ListReplaySource(PATH.events()), null);
        ex.warmUp();
        return ex;
    }

    @Test
    void shouldGiveByteIdenticalFillLogsOverHttpAndInProcess() {
        BacktestExchange inProcess = venue();
        inProcess.place(OrderRequest.postOnly("TEST_USDC", "101", Side.BUY, new BigDecimal("100"), new BigDecimal("3")));
        inProcess.place(OrderRequest.postOnly("TEST_USDC", "102", Side.BUY, new BigDecimal("99.5"), new BigDecimal("2")));
        inProcess.time().advance(Duration.ofMillis(1500));
        inProcess.cancel("TEST_USDC", "101");
        inProcess.time().advance(Duration.ofSeconds(3));

        BacktestExchange served = venue();
        try (SimulatedVenueServer server = new SimulatedVenueServer(served)) {
            BackpackShapedClient client = new BackpackShapedClient(server.baseUrl());
            assertThat(client.placeBid("TEST_USDC", "101", "100", "3").statusCode()).isEqualTo(200);
            assertThat(client.placeBid("TEST_USDC", "102", "99.5", "2").statusCode()).isEqualTo(200);
            served.time().advance(Duration.ofMillis(1500));
            assertThat(client.cancel("TEST_USDC", "101").statusCode()).isEqualTo(200);
            served.time().advance(Duration.ofSeconds(3));
            String fills = client.call("GET", "/wapi/v1/history/fills?symbol=TEST_USDC", null).body();
            assertThat(fills).contains("\"isMaker\":true").contains("\"clientId\":\"101\"");
        }

        assertThat(inProcess.allFills()).as("101: 2 of 3 after the 10 ahead; 102: swept by the 99 print").hasSize(2);
        assertThat(FillLog.format(served.allFills())).isEqualTo(FillLog.format(inProcess.allFills()));
    }

    @Test
    void shouldAnswerBackpackShapedMarketsDepthAndRejections() {
        BacktestExchange ex = venue();
        try (SimulatedVenueServer server = new SimulatedVenueServer(ex)) {
            BackpackShapedClient client = new BackpackShapedClient(server.baseUrl());

            assertThat(client.call("GET", "/api/v1/markets", null).body())
                    .contains("\"symbol\":\"TEST_USDC\"").contains("\"tickSize\":\"0.1\"");
            assertThat(client.call("GET", "/api/v1/depth?symbol=TEST_USDC", null).body())
                    .contains("\"asks\":[[\"101\",\"10\"]]").contains("\"bids\":[[\"100\",\"10\"]]");
            var crossing = client.placeBid("TEST_USDC", "7", "101", "1");
            assertThat(crossing.statusCode()).isEqualTo(400);
            assertThat(crossing.body()).contains("would immediately match");
            assertThat(client.cancel("TEST_USDC", "999").statusCode()).isEqualTo(404);
        }
    }
}
