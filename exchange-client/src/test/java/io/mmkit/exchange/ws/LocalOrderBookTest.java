package io.mmkit.exchange.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.OrderBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalOrderBookTest {
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void shouldApplyBufferedDiffsThatStraddleTheSnapshot() {
        LocalOrderBook book = new LocalOrderBook("BTCUSDT", LocalOrderBook.Continuity.NEXT_ID);
        assertThat(book.onDiff(diff(95, 99, -1, "99", "1"))).isEqualTo(LocalOrderBook.Result.BUFFERED);
        assertThat(book.onDiff(diff(100, 102, -1, "100.5", "2"))).isEqualTo(LocalOrderBook.Result.BUFFERED);

        assertThat(book.onSnapshot(snapshot(100))).isEqualTo(LocalOrderBook.Result.APPLIED);

        assertThat(book.lastUpdateId()).isEqualTo(102);
        assertThat(book.top().orElseThrow().bidPrice()).isEqualByComparingTo("100.5");
        assertThat(book.onDiff(diff(103, 103, -1, "100.5", "0"))).isEqualTo(LocalOrderBook.Result.APPLIED);
        assertThat(book.top().orElseThrow().bidPrice()).isEqualByComparingTo("100");
    }

    @Test
    void shouldReportAGapWhenAnUpdateIsMissing() {
        LocalOrderBook book = new LocalOrderBook("BTCUSDT", LocalOrderBook.Continuity.NEXT_ID);
        book.onSnapshot(snapshot(100));
        book.onDiff(diff(101, 101, -1, "100.2", "1"));

        assertThat(book.onDiff(diff(105, 106, -1, "100.3", "1"))).isEqualTo(LocalOrderBook.Result.GAP);
        assertThat(book.isSynced()).isFalse();
        assertThat(book.top()).isEmpty();
    }

    @Test
    void shouldChainFuturesDiffsByPreviousUpdateId() {
        LocalOrderBook book = new LocalOrderBook("ETHUSDT", LocalOrderBook.Continuity.PREVIOUS_ID);
        book.onSnapshot(snapshot(100));

        assertThat(book.onDiff(diff(98, 104, 97, "100.1", "1"))).isEqualTo(LocalOrderBook.Result.APPLIED);
        assertThat(book.onDiff(diff(110, 112, 104, "100.2", "1"))).isEqualTo(LocalOrderBook.Result.APPLIED);
        assertThat(book.onDiff(diff(115, 118, 113, "100.3", "1"))).isEqualTo(LocalOrderBook.Result.GAP);
    }

    @Test
    void shouldIgnoreDiffsTheSnapshotAlreadyHolds() {
        LocalOrderBook book = new LocalOrderBook("BTCUSDT", LocalOrderBook.Continuity.NEXT_ID);
        book.onSnapshot(snapshot(100));

        assertThat(book.onDiff(diff(90, 100, -1, "50", "1"))).isEqualTo(LocalOrderBook.Result.STALE);
        assertThat(book.top().orElseThrow().bidPrice()).isEqualByComparingTo("100");
    }

    @Test
    void shouldRequireANewSnapshotWhenTheBufferStartsAfterIt() {
        LocalOrderBook book = new LocalOrderBook("BTCUSDT", LocalOrderBook.Continuity.NEXT_ID);
        book.onDiff(diff(150, 151, -1, "100.5", "2"));

        assertThat(book.onSnapshot(snapshot(100))).isEqualTo(LocalOrderBook.Result.GAP);
    }

    private static DepthDiff diff(long first, long last, long previous, String bid, String qty) {
        return new DepthDiff(first, last, previous,
                List.of(new DepthDiff.Level(new BigDecimal(bid), new BigDecimal(qty))), List.of(), T);
    }

    private static OrderBook snapshot(long id) {
        return new OrderBook("BTCUSDT", List.of(new BookLevel(new BigDecimal("100"), BigDecimal.ONE)),
                List.of(new BookLevel(new BigDecimal("101"), BigDecimal.ONE)), id, T);
    }
}
