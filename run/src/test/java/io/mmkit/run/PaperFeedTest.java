package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.Trade;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplayEvent.FundingSettled;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperFeedTest {
    private static final Instant T0 = Instant.parse("2024-08-08T23:54:14Z");

    @Test
    void shouldTurnEachStreamedBookIntoTheLevelChangesSinceTheLastOne() {
        SimulatedTimeSource wall = new SimulatedTimeSource(T0);
        PaperFeed feed = new PaperFeed("BTCUSDT", wall);
        feed.onBook(book(List.of(level("100.00", "1"), level("99.90", "2")), List.of(level("100.10", "3"))));
        assertThat(drain(feed)).containsExactly(
                // BookLevel keeps prices without trailing zeros.
                new LevelChanged(T0, Side.BUY, new BigDecimal("100"), new BigDecimal("1")),
                new LevelChanged(T0, Side.BUY, new BigDecimal("99.9"), new BigDecimal("2")),
                new LevelChanged(T0, Side.SELL, new BigDecimal("100.1"), new BigDecimal("3")));

        wall.advance(java.time.Duration.ofMillis(100));
        Instant t1 = wall.now();
        feed.onBook(book(List.of(level("99.9", "2"), level("99.80", "4")), List.of(level("100.10", "1"))));
        feed.onTrade(new Trade("BTCUSDT", new BigDecimal("100.00"), new BigDecimal("1"), Side.SELL, T0));

        assertThat(drain(feed)).as("removed first, unchanged 99.9 left out, trades at arrival time")
                .containsExactly(
                        new LevelChanged(t1, Side.BUY, new BigDecimal("100"), BigDecimal.ZERO),
                        new LevelChanged(t1, Side.BUY, new BigDecimal("99.8"), new BigDecimal("4")),
                        new LevelChanged(t1, Side.SELL, new BigDecimal("100.1"), new BigDecimal("1")),
                        new TradePrinted(t1, Side.SELL, new BigDecimal("100"), new BigDecimal("1")));
    }

    @Test
    void shouldAnswerANoOpAheadOfTheClockWhenNothingArrivedSoTheEngineAsksAgain() {
        SimulatedTimeSource wall = new SimulatedTimeSource(T0);
        PaperFeed feed = new PaperFeed("BTCUSDT", wall);

        ReplayEvent idle = feed.next();

        assertThat(idle).isInstanceOf(FundingSettled.class);
        assertThat(((FundingSettled) idle).rate()).isEqualByComparingTo("0");
        assertThat(idle.time()).isAfter(T0);
    }

    private static List<ReplayEvent> drain(PaperFeed feed) {
        List<ReplayEvent> out = new ArrayList<>();
        for (ReplayEvent e = feed.next(); !(e instanceof FundingSettled); e = feed.next()) {
            out.add(e);
        }
        return out;
    }

    private static BookLevel level(String price, String quantity) {
        return new BookLevel(new BigDecimal(price), new BigDecimal(quantity));
    }

    private static OrderBook book(List<BookLevel> bids, List<BookLevel> asks) {
        return new OrderBook("BTCUSDT", bids, asks, 1, T0);
    }
}
