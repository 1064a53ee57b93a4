package io.mmkit.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The minute's figures worked by hand. Trades in minute 00:00 (price x quantity, aggressor):
 *
 * <pre>
 *   :05  100.00 x 1.5  BUY    quote 150.00
 *   :10  101.50 x 0.5  SELL   quote  50.75
 *   :20   99.00 x 2    SELL   quote 198.00
 *   :40  100.00 x 1    BUY    quote 100.00
 * </pre>
 *
 * open 100, high 101.5, low 99, close 100; volume 5 = buy 2.5 + sell 2.5; quote 498.75; VWAP 498.75 / 5 = 99.75;
 * by price: 99 → 2, 100 → 2.5, 101.5 → 0.5.
 */
class MinuteAccumulatorTest {
    private static final Instant MINUTE = Instant.parse("2024-01-01T00:00:00Z");

    private static Trade trade(int second, String price, String quantity, Side aggressor) {
        return new Trade("BTCUSDT", new BigDecimal(price), new BigDecimal(quantity), aggressor,
                MINUTE.plusSeconds(second));
    }

    private static MinuteAccumulator scripted() {
        MinuteAccumulator m = new MinuteAccumulator("BTCUSDT", MINUTE.plusSeconds(5));
        m.add(trade(5, "100.00", "1.5", Side.BUY));
        m.add(trade(10, "101.50", "0.5", Side.SELL));
        m.add(trade(20, "99.00", "2", Side.SELL));
        m.add(trade(40, "100.00", "1", Side.BUY));
        return m;
    }

    @Test
    void shouldComputeOhlcVolumesAndVwapOfTheScriptedTrades() {
        MinuteBar bar = scripted().toBar(null, true);

        assertThat(bar.minute()).isEqualTo(MINUTE);
        assertThat(bar.open()).isEqualByComparingTo("100");
        assertThat(bar.high()).isEqualByComparingTo("101.5");
        assertThat(bar.low()).isEqualByComparingTo("99");
        assertThat(bar.close()).isEqualByComparingTo("100");
        assertThat(bar.volume()).isEqualByComparingTo("5");
        assertThat(bar.quoteVolume()).isEqualByComparingTo("498.75");
        assertThat(bar.vwap()).isEqualByComparingTo("99.75");
        assertThat(bar.tradeCount()).isEqualTo(4);
        assertThat(bar.complete()).isTrue();
    }

    @Test
    void shouldSplitVolumeByTheAggressorsSide() {
        MinuteBar bar = scripted().toBar(null, true);

        assertThat(bar.buyVolume()).isEqualByComparingTo("2.5");
        assertThat(bar.sellVolume()).isEqualByComparingTo("2.5");
    }

    @Test
    void shouldSumVolumeByPriceLevelWithOneKeyPerPrice() {
        MinuteBar bar = scripted().toBar(null, true);

        assertThat(bar.volumeByPrice()).hasSize(3);
        assertThat(bar.volumeByPrice().firstKey()).isEqualByComparingTo("99");
        assertThat(bar.volumeByPrice().get(new BigDecimal("100"))).isEqualByComparingTo("2.5");
        assertThat(bar.volumeByPrice().get(new BigDecimal("101.5"))).isEqualByComparingTo("0.5");
        assertThat(bar.volumeByPrice().get(new BigDecimal("99"))).isEqualByComparingTo("2");
    }

    @Test
    void shouldLeavePricesEmptyForAMinuteWithoutTrades() {
        MinuteBar bar = new MinuteAccumulator("BTCUSDT", MINUTE).toBar(null, false);

        assertThat(bar.open()).isNull();
        assertThat(bar.vwap()).isNull();
        assertThat(bar.volume()).isEqualByComparingTo("0");
        assertThat(bar.tradeCount()).isZero();
    }

    /**
     * Bids 99.9 x 1, 99.8 x 2, 99.0 x 5; asks 100.1 x 1.5, 100.2 x 1, 101 x 3. Mid 100, spread 0.2. Within 20 bps
     * of the mid: bids at or above 99.8 (1 + 2 = 3), asks at or below 100.2 (1.5 + 1 = 2.5).
     */
    @Test
    void shouldMeasureSpreadAndDepthWithinTheBandAroundTheMid() {
        OrderBook book = new OrderBook("BTCUSDT",
                List.of(level("99.9", "1"), level("99.8", "2"), level("99.0", "5")),
                List.of(level("100.1", "1.5"), level("100.2", "1"), level("101", "3")), 1, MINUTE);

        BookStats stats = BookStats.of(book, 20).orElseThrow();

        assertThat(stats.bestBid()).isEqualByComparingTo("99.9");
        assertThat(stats.bestAsk()).isEqualByComparingTo("100.1");
        assertThat(stats.spread()).isEqualByComparingTo("0.2");
        assertThat(stats.mid()).isEqualByComparingTo("100");
        assertThat(stats.bidDepth()).isEqualByComparingTo("3");
        assertThat(stats.askDepth()).isEqualByComparingTo("2.5");
    }

    @Test
    void shouldHaveNoBookFiguresWhenASideIsEmpty() {
        OrderBook book = new OrderBook("BTCUSDT", List.of(level("99.9", "1")), List.of(), 1, MINUTE);

        assertThat(BookStats.of(book, 10)).isEmpty();
    }

    private static BookLevel level(String price, String quantity) {
        return new BookLevel(new BigDecimal(price), new BigDecimal(quantity));
    }
}
