package io.mmkit.backtest.http;

import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.sim.testing.Script;
import io.mmkit.core.model.Instrument;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Not a test: simulated-exchange requests per second over HTTP (WireMock, request journal off), one client
 * thread with keep-alive: place, depth, cancel, open orders in a loop, as a quoting loop would.
 *
 * <pre>java -cp ... io.mmkit.backtest.http.HttpRequestsBenchmark [requests]</pre>
 */
public final class HttpRequestsBenchmark {
    private HttpRequestsBenchmark() {
    }

    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        Instrument inst = Instrument.spot("TEST_USDC", "TEST", "USDC", "0.1", "1");
        BacktestExchange ex = new BacktestExchange(ExchangeSettings.of(inst, FillModelName.QUEUE,
                Map.of("USDC", new BigDecimal("100000000"))),
                new ListReplaySource(new Script().at(0).bid("100", "10").ask("101", "10").events()), null);
        ex.warmUp();
        try (SimulatedVenueServer server = new SimulatedVenueServer(ex)) {
            BackpackShapedClient client = new BackpackShapedClient(server.baseUrl());
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                int n = 0;
                long id = 1L + round * 1_000_000L;
                while (n < total) {
                    client.placeBid("TEST_USDC", Long.toString(id), "99", "1");
                    client.call("GET", "/api/v1/depth?symbol=TEST_USDC", null);
                    client.cancel("TEST_USDC", Long.toString(id));
                    client.call("GET", "/api/v1/orders?symbol=TEST_USDC", null);
                    id++;
                    n += 4;
                }
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("round %d: %,d requests in %.2f s = %,.0f requests/s%n", round + 1, n, s, n / s);
            }
        }
    }
}
