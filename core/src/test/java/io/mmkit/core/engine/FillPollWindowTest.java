package io.mmkit.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import io.mmkit.core.store.InMemoryTradeStore;
import io.mmkit.core.testing.ScriptedHistoryVenue;
import io.mmkit.core.time.SimulatedTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The REST fill poll looks back to the last fill the store booked, not only to "last poll − interval": a fill
 * the venue's history shows late (after an outage, or a lagging history) is booked all the same.
 */
class FillPollWindowTest {
    private static final Instrument SOL = Instrument.spot("SOL_USDC", "SOL", "USDC", "0.01", "0.01");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final SimulatedTimeSource time = new SimulatedTimeSource(T0);
    private final ScriptedHistoryVenue venue = new ScriptedHistoryVenue(SOL, time, "99.50", "100.50");
    private final InMemoryTradeStore store = new InMemoryTradeStore();

    private static final class FillRecorder extends MarketMaker {
        final List<String> fills = new ArrayList<>();

        FillRecorder(MarketMakerContext context) {
            super(context);
        }

        @Override
        protected void onFill(Market market, Fill fill) {
            fills.add(fill.fillId() + " at " + fill.time());
        }

        @Override
        protected List<Quote> quotes(BookTop top) {
            return List.of();
        }
    }

    @Test
    void shouldBookAFillTheHistoryShowsLongerThanAPollIntervalAfterItHappened() {
        store.fill("scripted", venue.filled("1", Side.BUY, "99", "1", T0.minusSeconds(60)));
        Fill late = venue.filledLate("2", Side.SELL, "101", "1", T0.plusSeconds(5), T0.plusSeconds(70));
        EngineSettings settings = EngineSettings.of("poll-window", Duration.ofSeconds(1))
                .withDuration(Duration.ofSeconds(100)).withShutdown(ScriptedHistoryVenue.FAST_SHUTDOWN);
        FillRecorder strategy = new FillRecorder(MarketMakerContext.of(settings, time, store,
                new ClientOrderIds(3, 1), venue, SOL.symbol()));

        strategy.run();

        assertThat(strategy.fills).containsExactly(late.fillId() + " at " + late.time());
        assertThat(venue.fillWindows()).as("every poll starts at the last booked fill, 65 s before the late one")
                .allMatch(since -> !since.isAfter(T0.minusSeconds(60)));
        assertThat(store.fills(SOL.symbol(), T0)).containsExactly(late);
    }
}
