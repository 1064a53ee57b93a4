package io.mmkit.backtest.http;

import io.mmkit.backtest.BacktestConfig;
import io.mmkit.backtest.BacktestConfigReader;
import io.mmkit.backtest.BacktestRequest;
import io.mmkit.backtest.Backtests;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.backtest.VenuePath;
import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.sim.testing.Script;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

/**
 * Not a test: simulated-exchange requests per second over HTTP (WireMock, request journal off) made by the
 * real {@code BackpackGateway} in its backtest settings (REST-only, no rate limit, signing every private call).
 *
 * <ol>
 *   <li>a quoting loop on one thread: place, book top (depth), cancel, open orders, in rounds of
 *       {@code requests};</li>
 *   <li>with a config: the whole backtest over HTTP, requests served over wall time (engine replay and strategy
 *       included, so lower).</li>
 * </ol>
 *
 * <pre>java -cp ... io.mmkit.backtest.http.GatewayRequestsBenchmark [requests] [strategy config.json]</pre>
 */
public final class GatewayRequestsBenchmark {
    private GatewayRequestsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Measure requests, not log formatting: the engine's per-iteration INFO lines off.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.mmkit"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        loop(total);
        if (args.length > 1) {
            backtest(Path.of(args[1]));
        }
    }

    private static void loop(int total) {
        Instrument inst = Instrument.spot("TEST_USDC", "TEST", "USDC", "0.1", "1");
        BacktestExchange ex = new BacktestExchange(ExchangeSettings.of(inst, FillModelName.QUEUE,
                Map.of("USDC", new BigDecimal("100000000"))),
                new ListReplaySource(new Script().at(0).bid("100", "10").ask("101", "10").events()), null);
        ex.warmUp();
        try (BackpackOverHttp venue = BackpackOverHttp.open(ex)) {
            ExchangeGateway client = venue.gateway();
            client.instrument("TEST_USDC");
            for (int round = 0; round < 3; round++) {
                long served = venue.server().requestsServed();
                long start = System.nanoTime();
                long id = 1L + round * 1_000_000L;
                while (venue.server().requestsServed() - served < total) {
                    String cid = Long.toString(id++);
                    client.place(OrderRequest.postOnly("TEST_USDC", cid, Side.BUY, new BigDecimal("99"),
                            BigDecimal.ONE));
                    client.bookTop("TEST_USDC");
                    client.cancel("TEST_USDC", cid);
                    client.openOrders("TEST_USDC");
                }
                long n = venue.server().requestsServed() - served;
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("real client, quoting loop, round %d: %,d requests in %.2f s = %,.0f requests/s%n",
                        round + 1, n, s, n / s);
            }
        }
    }

    private static void backtest(Path configFile) {
        BacktestConfig config = BacktestConfigReader.read(configFile);
        BacktestRequest request = BacktestRequest.of(config, "grid",
                StrategyCatalog.load().configure("grid", config.strategyParams())).withPath(VenuePath.HTTP);
        long start = System.nanoTime();
        BacktestResult r = Backtests.run(request);
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("whole grid backtest over http: %s of market time, %,d events, %d fills in %.2f s wall%n",
                java.time.Duration.between(r.start(), r.end()), r.events(), r.fills().size(), s);
    }
}
