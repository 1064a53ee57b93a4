package io.mmkit.collector;

import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.exchange.binance.BinanceMarket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A collector running on its own thread against a {@link FakeBinanceVenue}, as {@code run collect} would run it,
 * with a clock fixed inside the fixture's minute (23:54), so no minute closes by the clock during a test and the
 * unfinished minute is the fixture's.
 */
final class CollectorRun {
    static final Instant FIXTURE_TIME = Instant.parse("2024-08-08T23:54:16Z");

    final Collector collector;
    private final Thread thread;
    private final AtomicReference<Object> outcome = new AtomicReference<>();

    CollectorRun(FakeBinanceVenue venue, Path db) {
        CollectorSettings settings = CollectorSettings.defaults("BTCUSDT", BinanceMarket.SPOT, db)
                .withUrls(venue.baseUrl(), venue.wsUrl())
                .withSnapshots(Duration.ofHours(1), 100); // only the book's own sync snapshot during a test
        collector = new Collector(settings, new SystemTimeSource(Clock.fixed(FIXTURE_TIME, ZoneOffset.UTC)),
                System::nanoTime, new Random(7));
        thread = new Thread(() -> {
            try {
                outcome.set(collector.run());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "test-collector");
        thread.start();
    }

    /** Stops the collector and waits for its shutdown to end (failing the test after 30 s). */
    CollectorResult stopAndAwait() throws InterruptedException {
        collector.stop();
        thread.join(Duration.ofSeconds(30).toMillis());
        Object o = outcome.get();
        if (o instanceof CollectorResult r) {
            return r;
        }
        throw new AssertionError("the collector did not end cleanly: " + o, o instanceof Throwable t ? t : null);
    }
}
