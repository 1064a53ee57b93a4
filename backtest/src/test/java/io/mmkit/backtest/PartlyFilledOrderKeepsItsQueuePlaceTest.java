package io.mmkit.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.backtest.data.DataFormat;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.testing.RemainderBidMaker;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.testing.Script;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, end to end on the one engine: a partly filled order keeps its queue place. The strategy wants one bid
 * of 10 at 100 and asks, as the grid does, for what has not filled yet (8 after 2 fills, 5 after 3 more). It is
 * not the standard maker's case, which asks for the full size again and so has its order topped up (cancelled and
 * placed anew) by design. Queue fill model, no latency, no fees; the strategy wakes every second.
 *
 * <pre>
 * time    market                      kept (today: remaining 8 matches the quote 8)   old (original 10 vs quote 8)
 * 0 s     book 100x5 | 101x10         bid 10 placed, 5 ahead                          same
 * 0.5 s   sell 100 x7                 5 ahead go first, 2 fill ours                   same
 * 0.6 s   book 100x10 (others join    ahead min(0, 10) = 0: they are behind us        same
 *         behind us)
 * 1 s     strategy wants bid 8        8 left = 8 wanted: kept, still first            10 != 8: cancelled, bid 8 placed
 *                                                                                     at the back: 10 ahead
 * 1.5 s   sell 100 x3                 nothing ahead: 3 fill ours                      ahead 10 -> 7, nothing for us
 * 2 s     strategy wants bid 5        5 left = 5 wanted: kept                         8 = 8: kept (7 ahead)
 * 2.5 s   sell 100 x5                 5 fill ours: done                               ahead 7 -> 2, nothing for us
 * 3 s     strategy wants nothing      -                                               -
 * 3.5 s   sell 100 x10                nothing resting                                 ahead 2 -> 0, 8 fill ours
 *
 * kept: fills 2, 3, 5 (at 0.5, 1.5, 2.5 s), all of one order     old: fills 2 (order 1) and 8 (order 2, at 3.5 s)
 * </pre>
 *
 * The second test replays the same script against the venue directly with the old engine's calls, so the
 * right-hand column is checked by the simulator rather than only by hand.
 */
class PartlyFilledOrderKeepsItsQueuePlaceTest {
    static final Instrument TEST = Instrument.spot("TESTUSDT", "TEST", "USDT", "0.1", "1");
    static final BigDecimal PRICE = new BigDecimal("100");

    static final Script PATH = new Script()
            .at(0).bid("100", "5").ask("101", "10")
            .at(500).trade(Side.SELL, "100", "7")
            .at(600).bid("100", "10")
            .at(1500).trade(Side.SELL, "100", "3")
            .at(2500).trade(Side.SELL, "100", "5")
            .at(3500).trade(Side.SELL, "100", "10");

    static ExchangeSettings exchange() {
        return ExchangeSettings.of(TEST, FillModelName.QUEUE, Map.of("USDT", new BigDecimal("10000")));
    }

    @Test
    void shouldFillTwoThenThreeThenFiveFromTheOneOrderThatKeptItsPlace() {
        BacktestConfig config = new BacktestConfig("queue-place", Map.of(), Duration.ofSeconds(1), exchange(),
                Duration.ofMillis(500), List.of(), DataFormat.CSV, null);
        BacktestRequest request = BacktestRequest.of(config, "remainder-bid",
                        ctx -> new RemainderBidMaker(ctx, PRICE, BigDecimal.TEN))
                .withData(() -> new ListReplaySource(PATH.events()));

        BacktestResult result = Backtests.run(request);

        List<Fill> fills = result.fills();
        assertThat(fills).extracting(Fill::quantity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("2"), new BigDecimal("3"), new BigDecimal("5"));
        assertThat(fills).extracting(f -> f.time().toEpochMilli() - Script.T0.toEpochMilli())
                .containsExactly(500L, 1500L, 2500L);
        assertThat(fills).extracting(Fill::price).usingElementComparator(BigDecimal::compareTo)
                .containsOnly(PRICE);
        assertThat(fills).extracting(Fill::clientOrderId).as("never cancelled and placed again").hasSize(3)
                .containsOnly(fills.get(0).clientOrderId());
    }

    @Test
    void theOldCancelAndReplaceWouldHaveFilledTwoThenEight() {
        BacktestExchange venue = new BacktestExchange(exchange(), new ListReplaySource(PATH.events()), null);
        assertThat(venue.warmUp()).isTrue();
        assertThat(venue.place(bid("old-1", "10")).isAccepted()).isTrue();

        venue.time().advance(Duration.ofSeconds(1));
        assertThat(venue.allFills()).extracting(Fill::quantity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("2"));
        // The old reconciler compared the original 10 with the wanted 8: cancel, and place 8 at the back.
        assertThat(venue.cancel(TEST.symbol(), "old-1")).isEqualTo(CancelResult.CANCELLED);
        assertThat(venue.place(bid("old-2", "8")).isAccepted()).isTrue();

        venue.time().advance(Duration.ofSeconds(3));
        assertThat(venue.allFills()).extracting(Fill::quantity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("2"), new BigDecimal("8"));
        assertThat(venue.allFills()).extracting(Fill::clientOrderId).containsExactly("old-1", "old-2");
        assertThat(venue.allFills().get(1).time()).isEqualTo(Script.T0.plusMillis(3500));
    }

    private static OrderRequest bid(String clientOrderId, String quantity) {
        return OrderRequest.postOnly(TEST.symbol(), clientOrderId, Side.BUY, PRICE, new BigDecimal(quantity));
    }
}
