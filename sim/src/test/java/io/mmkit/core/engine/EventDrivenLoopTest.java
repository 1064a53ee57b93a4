package io.mmkit.core.engine;

import static io.mmkit.core.testing.SimFixtures.SYMBOL;
import static io.mmkit.core.testing.SimFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Side;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.testing.FixedSpreadMaker;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.core.time.Wakeup;
import io.mmkit.sim.SimulatedExchange;
import io.mmkit.sim.feed.MarketFeed;
import io.mmkit.sim.feed.ScriptedFeed;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event-driven loop on virtual time: a book move or a fill ends the wait at the instant it happens (book moves
 * no sooner than the minimum requote interval), the interval stays the longest wait, and stop still ends a wait at
 * once. Every instant below is exact: the clock steps from event to event.
 */
class EventDrivenLoopTest {
    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final Duration MIN_REQUOTE = Duration.ofMillis(200);

    private final SimulatedTimeSource time = new SimulatedTimeSource(T0);
    private final InMemoryTradeStore store = new InMemoryTradeStore();

    /** Records the virtual instant of every iteration (when it asks for quotes). */
    static final class TimedMaker extends FixedSpreadMaker {
        final List<Instant> iterationTimes = new ArrayList<>();

        TimedMaker(MarketMakerContext context) {
            super(context, "0.5", "1");
        }

        @Override
        protected List<Quote> quotes(BookTop top) {
            iterationTimes.add(now());
            return super.quotes(top);
        }
    }

    private TimedMaker maker(MarketFeed feed, WakeSettings wake, Duration runFor) {
        SimulatedExchange sim = SimFixtures.exchange(time, feed).build();
        EngineSettings settings = EngineSettings.of("event-test", INTERVAL).withDuration(runFor)
                .withShutdown(SimFixtures.fastShutdown()).withOrderCallParallelism(1).withWake(wake);
        return new TimedMaker(MarketMakerContext.of(settings, time, store, new ClientOrderIds(9, 1), sim, SYMBOL));
    }

    private static ScriptedFeed moveAt(Duration when) {
        return ScriptedFeed.builder(SYMBOL, T0).top("99.99", "100.01")
                .at(when).top("100.49", "100.51")
                .build();
    }

    @Test
    void shouldWakeOnABookMoveAtTheMoveNotAtTheInterval() {
        TimedMaker maker = maker(moveAt(Duration.ofMillis(2300)), WakeSettings.onFillsAndBook(MIN_REQUOTE),
                Duration.ofSeconds(90));

        maker.run();

        assertThat(maker.iterationTimes).startsWith(T0, T0.plusMillis(2300));
        // Requoted around the new mid at the move: bid 100.00, ask 101.00 replaced 99.50 / 100.50.
        assertThat(store.orders()).extracting(o -> o.request().price().toPlainString())
                .containsExactly("99.5", "100.5", "100", "101");
        // With the book quiet again, the interval is the longest wait.
        assertThat(maker.iterationTimes.get(2)).isEqualTo(T0.plusMillis(2300).plus(INTERVAL));
    }

    @Test
    void shouldWaitTheWholeIntervalWhenOnlyTheIntervalWakesIt() {
        TimedMaker maker = maker(moveAt(Duration.ofMillis(2300)), WakeSettings.INTERVAL_ONLY, Duration.ofSeconds(90));

        maker.run();

        assertThat(maker.iterationTimes).containsExactly(T0, T0.plus(INTERVAL));
    }

    @Test
    void shouldCoalesceBookMovesWithinTheMinimumRequoteInterval() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, T0).top("99.99", "100.01")
                .at(Duration.ofMillis(50)).top("100.09", "100.11")
                .at(Duration.ofMillis(120)).top("100.19", "100.21")
                .build();
        TimedMaker maker = maker(feed, WakeSettings.onFillsAndBook(MIN_REQUOTE), Duration.ofSeconds(30));

        maker.run();

        // Two moves inside the first 200 ms: one requote, at the end of the minimum interval, on the latest book.
        assertThat(maker.iterationTimes).startsWith(T0, T0.plus(MIN_REQUOTE));
        assertThat(maker.iterationTimes).hasSize(2);
        assertThat(store.orders()).extracting(o -> o.request().price().toPlainString())
                .containsExactly("99.5", "100.5", "99.7", "100.7");
    }

    @Test
    void shouldIgnoreMovesSmallerThanTheThreshold() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, T0).top("99.99", "100.01")
                .at(Duration.ofSeconds(1)).top("100.01", "100.03") // 2 ticks
                .at(Duration.ofSeconds(2)).top("100.04", "100.06") // 5 ticks from the top last read
                .build();
        WakeSettings fiveTicks = new WakeSettings(Wakeup.BOOK, MIN_REQUOTE, 5, null);
        TimedMaker maker = maker(feed, fiveTicks, Duration.ofSeconds(30));

        maker.run();

        assertThat(maker.iterationTimes).containsExactly(T0, T0.plusSeconds(2));
    }

    @Test
    void shouldWakeOnATouchSizeChangeWhenConfigured() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, T0).top("99.99", "10", "100.01", "10")
                .at(Duration.ofSeconds(1)).top("99.99", "8", "100.01", "10")   // -20 %
                .at(Duration.ofSeconds(2)).top("99.99", "4", "100.01", "10")   // -60 %
                .build();
        WakeSettings halfTheTouch = new WakeSettings(Wakeup.BOOK, MIN_REQUOTE, 1, new BigDecimal("0.5"));
        TimedMaker maker = maker(feed, halfTheTouch, Duration.ofSeconds(30));

        maker.run();

        assertThat(maker.iterationTimes).containsExactly(T0, T0.plusSeconds(2));
    }

    @Test
    void shouldWakeOnAFillAtOnceWithoutWaitingForTheMinimumRequoteInterval() {
        ScriptedFeed feed = ScriptedFeed.builder(SYMBOL, T0).top("99.99", "100.01")
                .at(Duration.ofMillis(30)).trade("99.40", "3", Side.SELL) // takes our bid at 99.50
                .build();
        TimedMaker maker = maker(feed, new WakeSettings(Wakeup.FILL, MIN_REQUOTE, 1, null), Duration.ofSeconds(30));

        maker.run();

        assertThat(maker.fills).singleElement().satisfies(f -> assertThat(f.time()).isEqualTo(T0.plusMillis(30)));
        assertThat(maker.iterationTimes).startsWith(T0, T0.plusMillis(30));
        assertThat(store.orders()).extracting(o -> o.request().price().toPlainString())
                .as("the filled bid replaced in the wake-up of its fill").containsExactly("99.5", "100.5", "99.5");
    }

    @Test
    void shouldEndAnEventDrivenWaitAtOnceWhenStopIsRequested() {
        ScriptedFeed.Builder everySecond = ScriptedFeed.builder(SYMBOL, T0).top("99.99", "100.01");
        for (int s = 1; s <= 120; s++) {
            everySecond.at(Duration.ofSeconds(s)).trade("100.00", "0.1", Side.SELL); // reaches none of our quotes
        }
        TimedMaker maker = maker(everySecond.build(), WakeSettings.onFillsAndBook(MIN_REQUOTE), Duration.ofHours(1));
        Instant stopAt = T0.plusSeconds(5);
        time.addListener(now -> {
            if (!now.isBefore(stopAt)) {
                maker.stop();
            }
        });
        RunResult result = maker.run();

        assertThat(result.stopReason()).isEqualTo("stop requested");
        assertThat(maker.iterationTimes).containsExactly(T0);
        assertThat(time.now()).as("the wait ended at the stop, not after its interval").isEqualTo(stopAt);
        assertThat(result.clean()).isTrue();
    }

    @Test
    void shouldSkipReconcilingWhenNothingChanged() {
        TimedMaker maker = maker(SimFixtures.steadyMarket(), WakeSettings.INTERVAL_ONLY, Duration.ofMinutes(10));

        maker.run();

        assertThat(maker.iterationTimes).hasSize(10);
        // One plan placed the quotes, one found them in place; the other eight iterations made none.
        assertThat(((MarketMaker) maker).plansMade()).isEqualTo(2);
        assertThat(store.orders()).hasSize(2);
    }
}
