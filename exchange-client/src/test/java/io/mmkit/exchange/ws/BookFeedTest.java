package io.mmkit.exchange.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.time.SimulatedTimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BookFeedTest {
    private final SimulatedTimeSource time = new SimulatedTimeSource(Instant.parse("2025-01-01T00:00:00Z"));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void shouldNotQuoteFromDataOlderThanTheStalenessLimit() {
        BookFeed feed = new BookFeed("SOL_USDC", LocalOrderBook.Continuity.NEXT_ID, () -> {
            throw new IllegalStateException("no snapshot in this test");
        }, scheduler, time, null);
        feed.onTicker(new BookTop("SOL_USDC", new BigDecimal("100"), BigDecimal.ONE, new BigDecimal("101"),
                BigDecimal.ONE, time.now()));

        assertThat(feed.freshTop(Duration.ofSeconds(5))).isPresent();
        time.advance(Duration.ofSeconds(6));
        assertThat(feed.freshTop(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void shouldForgetTheTickerWhenTheStreamDrops() {
        BookFeed feed = new BookFeed("SOL_USDC", LocalOrderBook.Continuity.NEXT_ID, () -> {
            throw new IllegalStateException("no snapshot in this test");
        }, scheduler, time, null);
        feed.onTicker(new BookTop("SOL_USDC", new BigDecimal("100"), BigDecimal.ONE, new BigDecimal("101"),
                BigDecimal.ONE, time.now()));

        feed.onDisconnected();

        assertThat(feed.freshTop(Duration.ofSeconds(5))).isEmpty();
    }
}
