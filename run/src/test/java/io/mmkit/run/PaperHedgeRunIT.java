package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.run.testing.BackpackStandIn;
import io.mmkit.run.testing.CliProcess;
import io.mmkit.run.testing.RecordedVenueStandIn;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two paper markets in one process of the built CLI: {@code maker_taker_hedge} quoting {@code BTC_USDT} on Backpack
 * market data and hedging every maker fill at market on Binance {@code BTCUSDT} market data, each market its own
 * paper venue (own engine, account and fills) on its own loopback WebSocket stand-in. Both stand-ins replay the
 * first 60 s of the Binance spot BTCUSDT recording ({@code paper/btcusdt_20240808_first60s.gz}, MIT, see
 * {@code paper/NOTICE}): the Backpack one re-cut in Backpack's documented depth and trade shapes. One recording on
 * both sides keeps the two books at one price, so the maker quotes (the hedge touch less or plus the spread) fill
 * when that market moves past them, whatever the two replays' start offset; a perpetual's basis would make the
 * fills depend on it.
 */
class PaperHedgeRunIT {
    private static final String SLICE = RecordedVenueStandIn.BTCUSDT_SLICE;
    private static final String ACCOUNT = """
            "maker_fee": "0", "taker_fee": "0.0001", "fill_model": "touch",
            "balances": {"USDT": "10000", "BTC": "0.2"}""";

    @TempDir
    Path dir;
    private RecordedVenueStandIn backpack;
    private RecordedVenueStandIn binance;
    private CliProcess bot;

    @AfterEach
    void stopEverything() {
        if (bot != null) {
            bot.close();
        }
        if (backpack != null) {
            backpack.close();
        }
        if (binance != null) {
            binance.close();
        }
    }

    @Test
    void shouldQuoteOnOnePaperMarketAndHedgeEveryMakerFillOnTheOther() throws Exception {
        backpack = RecordedVenueStandIn.backpack(SLICE, "BTC_USDT",
                "[" + BackpackStandIn.market("BTC_USDT", "BTC", "USDT", "0.01", "0.00001", "0.00001") + "]");
        binance = RecordedVenueStandIn.binanceSpot(SLICE, RecordedVenueStandIn.BTCUSDT_EXCHANGE_INFO);
        bot = CliProcess.start(Map.of(), "--strategy", "maker_taker_hedge", "--config", config().toString());

        await("maker quotes placed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> bot.count("placed SELL") > 0 && bot.count("placed BUY") > 0 || !bot.isAlive());
        assertThat(bot.isAlive()).as("still running; output:%n%s", bot.joined()).isTrue();
        assertThat(backpack.awaitReplayed(150, TimeUnit.SECONDS)).as("Backpack stand-in sent the slice").isTrue();
        assertThat(binance.awaitReplayed(150, TimeUnit.SECONDS)).as("Binance stand-in sent the slice").isTrue();
        // After the last market data no trade can fill a quote: a few iterations later every maker fill is hedged.
        long statusLines = bot.count("| resting");
        await("status lines after the last market data").atMost(Duration.ofSeconds(30))
                .until(() -> bot.count("| resting") > statusLines + 3 || !bot.isAlive());

        Duration took = bot.signalAndAwaitExit("TERM", Duration.ofSeconds(20));

        assertThat(took).as("exited within 20 s of SIGTERM; output:%n%s", bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
        bot.assertSomeLineContains("paper BTC_USDT on backpack market data");
        bot.assertSomeLineContains("paper BTCUSDT on binance market data");
        bot.assertSomeLineContains("[primary] FILL", "MAKER");
        bot.assertSomeLineContains("[hedge] FILL", "TAKER");
        bot.assertSomeLineContains("hedged delta");
        bot.assertSomeLineContains("| resting", "realized", "net");
        bot.assertLinesInOrder("loop ended", "shutdown complete", "exit status 0");
        bot.assertSomeLineContains("shutdown complete", "no orders remain");
        assertThat(backpack.depthRequests()).as("Backpack's book seeded from /api/v1/depth").isPositive();
        assertThat(binance.depthRequests()).as("Binance's book seeded from /api/v3/depth").isPositive();

        List<StoredFill> fills = storedFills();
        List<StoredFill> maker = fills.stream().filter(f -> f.venue().equals("paper:backpack")).toList();
        List<StoredFill> hedge = fills.stream().filter(f -> f.venue().equals("paper:binance")).toList();
        BigDecimal makerPosition = position(maker);
        BigDecimal hedgePosition = position(hedge);
        BigDecimal cash = fills.stream().map(StoredFill::cash).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal fees = fills.stream().map(StoredFill::fee).reduce(BigDecimal.ZERO, BigDecimal::add);
        // The positions net to zero (asserted below), so the combined cash flow is the pair's realized PnL.
        System.out.printf("paper hedge: maker (paper:backpack BTC_USDT) %d fills, position %s; hedge (paper:binance"
                        + " BTCUSDT) %d fills, position %s; combined PnL before fees %s, fees %s, net %s USDT%n",
                maker.size(), makerPosition.toPlainString(), hedge.size(), hedgePosition.toPlainString(), cash.toPlainString(),
                fees.toPlainString(), cash.subtract(fees).toPlainString());
        assertThat(maker).as("maker fills").isNotEmpty().allMatch(f -> f.liquidity().equals("MAKER")
                && f.symbol().equals("BTC_USDT"));
        assertThat(hedge).as("hedge fills").isNotEmpty().allMatch(f -> f.liquidity().equals("TAKER")
                && f.symbol().equals("BTCUSDT"));
        assertThat(makerPosition.add(hedgePosition)).as("every maker fill hedged: net position across the markets")
                .isEqualByComparingTo("0");
        assertThat(fills).extracting(StoredFill::fillId).allMatch(id -> id.startsWith("paper-"));
    }

    /** One row of the store's fills; {@code cash} is what it paid (negative) or got, before fees. */
    private record StoredFill(String venue, String fillId, String symbol, String side, BigDecimal price,
                              BigDecimal quantity, BigDecimal fee, String liquidity) {
        BigDecimal signedQuantity() {
            return side.equals("BUY") ? quantity : quantity.negate();
        }

        BigDecimal cash() {
            return price.multiply(quantity).multiply(side.equals("BUY") ? BigDecimal.ONE.negate() : BigDecimal.ONE);
        }
    }

    private static BigDecimal position(List<StoredFill> fills) {
        return fills.stream().map(StoredFill::signedQuantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private List<StoredFill> storedFills() throws SQLException {
        Path db = dir.resolve("data").resolve("paper-hedge-it.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT venue, fill_id, symbol, side, price, quantity, fee, liquidity"
                     + " FROM fills ORDER BY time")) {
            List<StoredFill> fills = new ArrayList<>();
            while (rows.next()) {
                fills.add(new StoredFill(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        new BigDecimal(rows.getString(5)), new BigDecimal(rows.getString(6)),
                        new BigDecimal(rows.getString(7)), rows.getString(8)));
            }
            return fills;
        }
    }

    private Path config() throws IOException {
        String config = """
                {"instance_id": "paper-hedge-it", "symbol": "BTC_USDT", "interval": "1s",
                 "exchange": {"name": "paper",
                              "market_data": {"name": "backpack", "base_url": "%s", "ws_url": "%s"},
                              %s},
                 "markets": {"hedge": {"symbol": "BTCUSDT",
                   "exchange": {"name": "paper",
                                "market_data": {"name": "binance", "market": "spot", "base_url": "%s",
                                                "ws_url": "%s"},
                                %s}}},
                 "strategy": {"base_spread_percentage": "0.002", "order_quantity": "0.001", "hedge_market": "hedge"},
                 "shutdown": {"cancel_timeout": "5s", "save_timeout": "2s", "close_timeout": "2s",
                              "total_timeout": "10s"},
                 "store": {"directory": "%s"}}
                """.formatted(backpack.baseUrl(), backpack.wsUrl(), ACCOUNT, binance.baseUrl(), binance.wsUrl(),
                ACCOUNT, dir.resolve("data"));
        return Files.writeString(dir.resolve("paper-hedge.json"), config);
    }
}
