package io.mmkit.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.backtest.cli.BacktestCommand;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.report.MarketResult;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.strategies.hedge.MakerTakerHedgeProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * maker_taker_hedge on two recordings ({@code src/test/resources/hedge}), one virtual clock across them, worked
 * out by hand. Maker fee 0.1%, taker fee 0.2%, spread 1%, quantity 2, the strategy wakes every second.
 *
 * <pre>
 * maker market  bids 98x10 | asks 103x10 (never moves)          hedge market  bids 100x10 | asks 101x10
 * 0 s    quotes priced off the hedge touch: bid 100 x 0.99 = 99.0, ask 101 x 1.01 = 102.01 -> 102.1 (tick 0.1)
 * 2.5 s  public sell 99 x 5 on the maker market: our bid 99 (alone at its price) fills 2, MAKER, fee 0.198
 * 3 s    delta +2: the strategy sells 2 at market on the hedge market, at its bid 100, TAKER, fee 0.400
 * 6 s    both data sets end; marks: maker mid (98+103)/2 = 100.5, hedge mid (100+101)/2 = 100.5
 *
 * maker:  position +2  unrealized 2 x (100.5 - 99)  = +3.0  fees 0.198  net  2.802
 * hedge:  position -2  unrealized 2 x (100 - 100.5) = -1.0  fees 0.400  net -1.400
 * combined net 1.402 = the locked spread 2 x (100 - 99) = 2.0 less fees 0.598
 * </pre>
 */
class MultiMarketBacktestTest {
    @TempDir
    Path dir;

    private static Path config() throws Exception {
        return Path.of(MultiMarketBacktestTest.class.getResource("/hedge/hedge-backtest.json").toURI());
    }

    private static BacktestResult run() throws Exception {
        BacktestConfig config = BacktestConfigReader.read(config());
        var strategy = new MakerTakerHedgeProvider().configure(new StrategyParams("strategy",
                config.strategyParams()));
        return Backtests.run(BacktestRequest.of(config, "maker_taker_hedge", strategy));
    }

    @Test
    void shouldHedgeTheMakerFillOnTheOtherMarketAtItsBid() throws Exception {
        BacktestResult r = run();

        assertThat(r.fills()).extracting(f -> f.symbol() + " " + f.side() + " " + f.price().toPlainString() + " x "
                + f.quantity().toPlainString() + " " + f.liquidity() + " @" + millis(f))
                .containsExactly("XUSDT BUY 99 x 2 MAKER @2500", "XUSDT SELL 100 x 2 TAKER @3000");
        assertThat(r.fills().get(0).fee()).isEqualByComparingTo("0.198");
        assertThat(r.fills().get(1).fee()).isEqualByComparingTo("0.4");
        assertThat(r.fills().get(1).liquidity()).isEqualTo(Liquidity.TAKER);
    }

    @Test
    void shouldReportEachMarketAndTheCombinedPnl() throws Exception {
        BacktestResult r = run();

        assertThat(r.markets()).extracting(MarketResult::name).containsExactly("primary", "hedge");
        MarketResult maker = r.markets().get(0);
        MarketResult hedge = r.markets().get(1);
        assertThat(maker.metrics().fills()).isEqualTo(1);
        assertThat(maker.position()).isEqualByComparingTo("2");
        assertThat(maker.metrics().unrealizedPnl()).isEqualByComparingTo("3.0");
        assertThat(maker.metrics().fees()).isEqualByComparingTo("0.198");
        assertThat(maker.metrics().netPnl()).isEqualByComparingTo("2.802");
        assertThat(hedge.metrics().fills()).isEqualTo(1);
        assertThat(hedge.position()).isEqualByComparingTo("-2");
        assertThat(hedge.metrics().unrealizedPnl()).isEqualByComparingTo("-1.0");
        assertThat(hedge.metrics().fees()).isEqualByComparingTo("0.4");
        assertThat(hedge.metrics().netPnl()).isEqualByComparingTo("-1.4");
        assertThat(r.combinedNetPnl()).isEqualByComparingTo("1.402");
        assertThat(r.combinedFees()).isEqualByComparingTo("0.598");
        assertThat(r.dataEnded()).isTrue();
    }

    @Test
    void shouldPrintAndWriteThePerMarketFigures() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path reports = dir.resolve("out");

        int status = cli(out, err, "--strategy", "maker_taker_hedge", "--config", config().toString(),
                "--no-progress", "--out", reports.toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("market primary (XUSDT): 1 fills", "market hedge (XUSDT): 1 fills",
                        "combined: net PnL 1.402, fees 0.598, 2 fills");
        JsonNode report = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
        assertThat(report.at("/markets/1/name").asText()).isEqualTo("hedge");
        assertThat(new java.math.BigDecimal(report.at("/markets/1/position").asText())).isEqualByComparingTo("-2");
        assertThat(report.at("/markets/1/metrics/netPnl").decimalValue()).isEqualByComparingTo("-1.4");
        assertThat(report.at("/combined/netPnl").decimalValue()).isEqualByComparingTo("1.402");
        assertThat(report.at("/fills")).hasSize(2);
    }

    @Test
    void shouldRefuseOnCheckAHedgeMarketWithoutData() throws Exception {
        String text = Files.readString(config()).replace(",\n    \"markets\": {\"hedge\": {\"data\": \"hedge.csv\"}}", "");
        assertThat(text).doesNotContain("hedge.csv");
        Path noHedgeData = dir.resolve("no-hedge-data.json");
        Files.writeString(noHedgeData, text.replace("\"maker.csv\"", "\"" + config().getParent()
                .resolve("maker.csv").toString().replace("\\", "\\\\") + "\""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = cli(out, err, "--strategy", "maker_taker_hedge", "--config", noHedgeData.toString(), "--check");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("backtest: strategy maker_taker_hedge"
                + " trades market hedge, which has no data: give backtest.markets.hedge.data (and the market's"
                + " symbol and exchange, there or in markets.hedge)");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("config OK");
    }

    @Test
    void shouldCheckEveryMarketsData() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = cli(out, err, "--strategy", "maker_taker_hedge", "--config", config().toString(), "--check");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("config OK", "data OK for market hedge (XUSDT)");
    }

    private static int cli(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return new CommandLine(new BacktestCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
    }

    private static long millis(Fill f) {
        return f.time().toEpochMilli() - java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    }

}
