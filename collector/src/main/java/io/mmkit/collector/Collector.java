package io.mmkit.collector;

import io.mmkit.core.engine.RunResult.ShutdownStep;
import io.mmkit.core.engine.ShutdownSequence;
import io.mmkit.core.engine.ShutdownSettings;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.StopLatch;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.backpack.BackpackErrors;
import io.mmkit.exchange.backpack.BackpackRestApi;
import io.mmkit.exchange.backpack.BackpackSigner;
import io.mmkit.exchange.binance.BinanceErrors;
import io.mmkit.exchange.binance.BinanceRestApi;
import io.mmkit.exchange.binance.BinanceSigner;
import io.mmkit.exchange.http.HttpSettings;
import io.mmkit.exchange.venue.VenueSession;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.JsonStreamHandler;
import io.mmkit.exchange.ws.LocalOrderBook;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import io.mmkit.exchange.ws.StreamSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one Binance or Backpack symbol's depth (diffs and REST snapshots) and trades into SQLite, with a row per minute
 * (DESIGN.md §8), until {@link #stop()} or its duration.
 *
 * <p>Threads: the socket reader parses and enqueues ({@link CollectorFrames}); the session's scheduler takes
 * REST snapshots (book resyncs and the periodic ones) and reconnects; one aggregator thread owns the minute and
 * the writes ({@link Aggregator}); {@link #run()}'s caller waits on the stop latch and then runs the shutdown.
 *
 * <p>Shutdown (the seed's contract, each step logged, each under its own deadline from {@link ShutdownSettings}):
 * stop taking events (the intake closes: what was accepted is what will be stored) → cancel tasks (the
 * periodic snapshot timer and the aggregator thread; {@code cancelTimeout}) → save the queued raw events and the
 * unfinished minute ({@code saveTimeout}) → close the WebSocket and the HTTP client ({@code closeTimeout}) →
 * close the database ({@code closeTimeout}). A step that fails or overruns is logged and the next one runs.
 */
public final class Collector {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private static final int STEPS = 5;
    private static final long NOT_STOPPED = Long.MIN_VALUE;
    /** The collector needs no key: depth and trades are public. The signer only needs a non-empty secret. */
    private static final String NO_SECRET = "public-market-data-only";
    /** Backpack's documented REST limit, as its gateway uses. */
    private static final int BACKPACK_REQUESTS_PER_MINUTE = 2000;

    private final CollectorSettings settings;
    private final TimeSource time;
    private final LongSupplier nanoClock;
    private final RandomGenerator random;
    private final StopLatch stopLatch = new StopLatch();
    private final AtomicLong stopRequestedNanos = new AtomicLong(NOT_STOPPED);
    private final EventIntake intake = new EventIntake();
    private final AtomicInteger failedConnects = new AtomicInteger();
    private volatile String failure;
    private volatile Aggregator aggregator;

    /**
     * Builds the collector; does no I/O and starts no thread until {@link #run()}.
     *
     * @param time receive timestamps, the minute clock and the duration wait ({@code SystemTimeSource} live)
     * @param nanoClock a monotonic clock for shutdown deadlines and timings ({@code System::nanoTime} live)
     * @param random reconnect and retry jitter
     */
    public Collector(CollectorSettings settings, TimeSource time, LongSupplier nanoClock, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.time = Objects.requireNonNull(time, "time");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Requests stop. Non-blocking, idempotent, thread-safe and safe from a signal handler: it records when and
     * releases the latch, nothing else (no I/O, no logging).
     */
    public void stop() {
        stopRequestedNanos.compareAndSet(NOT_STOPPED, nanoClock.getAsLong());
        stopLatch.release();
    }

    /** Events accepted so far (socket and snapshot threads); for progress lines and tests. Thread-safe. */
    public long eventsReceived() {
        return intake.accepted();
    }

    /**
     * Opens the database and the streams, collects until stopped or the duration passes, then shuts down.
     * Blocks the calling thread for all of it.
     *
     * @throws io.mmkit.core.store.StoreException if the database cannot be opened (nothing else was started)
     */
    public CollectorResult run() throws InterruptedException {
        boolean fileWasThere = java.nio.file.Files.exists(settings.db());
        CollectorStore store = CollectorStore.open(settings.db(), settings.symbol(), Map.of("venue",
                settings.venue().label(), "market", settings.marketLabel()));
        VenueSession session;
        try {
            session = VenueSession.open(settings.venue().label(), venueConfig(), time, random);
        } catch (RuntimeException e) {
            store.close();
            removeIfEmpty(fileWasThere, 0);
            throw e;
        }
        String label = settings.venue().label() + " collector " + settings.symbol();
        Streams streams = streams(session);
        BookFeed feed = new BookFeed(settings.symbol(), streams.continuity(), streams.snapshots()::take,
                session.scheduler(), time, null);
        ReconnectingWebSocket socket = session.socket(label, streams::url,
                untilIntakeCloses(JsonStreamHandler.market(label, session.mapper(), feed,
                        streams.frames().apply(feed))));
        Aggregator aggregator = new Aggregator(settings, intake, store,
                () -> feed.freshBook(settings.snapshotDepth(), Duration.ofDays(1)), time);
        this.aggregator = aggregator;
        Thread aggregatorThread = new Thread(aggregator::run, "collector-aggregator-" + settings.symbol());
        aggregatorThread.setDaemon(true); // abandoned past its deadline, it must not hold the JVM

        aggregatorThread.start();
        socket.start();
        long period = settings.snapshotInterval().toMillis();
        SnapshotSource snapshots = streams.snapshots();
        ScheduledFuture<?> periodic = session.scheduler().scheduleWithFixedDelay(snapshots::takePeriodic, period,
                period, TimeUnit.MILLISECONDS);
        LOG.info("collecting {} {} {} into {}{}; Ctrl+C stops", settings.venue().label(), settings.marketLabel(),
                settings.symbol(), settings.db(), settings.duration() == null ? ""
                : " for " + settings.duration());

        String reason = awaitStop();
        Parts parts = new Parts(store, session, socket, snapshots, aggregator, aggregatorThread, periodic);
        CollectorResult result = shutdown(reason, parts);
        removeIfEmpty(fileWasThere, result.rawEventsStored());
        return result;
    }

    /** Raw events written to the database so far; for progress lines. Thread-safe. */
    public long eventsStored() {
        Aggregator a = aggregator;
        return a == null ? 0 : a.rawWritten();
    }

    /** Minute rows written so far; for progress lines. Thread-safe. */
    public long minutesSaved() {
        Aggregator a = aggregator;
        return a == null ? 0 : a.minutesWritten();
    }

    /** Why the collector gave up (failed connects), or null while it has not. Thread-safe. */
    public String failure() {
        return failure;
    }

    /** The venue's parts: REST snapshots, the stream's frames, its URL and the book's continuity rule. */
    private record Streams(SnapshotSource snapshots, java.util.function.Function<BookFeed, JsonStreamHandler.Frames>
            frames, String url, LocalOrderBook.Continuity continuity) {
    }

    private Streams streams(VenueSession session) {
        if (settings.venue() == CollectorSettings.Venue.BACKPACK) {
            BackpackErrors errors = new BackpackErrors(session.mapper());
            BackpackRestApi api = new BackpackRestApi(session.transport(errors, BACKPACK_REQUESTS_PER_MINUTE),
                    HttpUrl.get(settings.baseUrl()), "", BackpackSigner.fromSeed(new byte[32]), 5_000,
                    session.mapper(), errors);
            SnapshotSource snapshots = new SnapshotSource(settings.symbol(), new BackpackDepthRest(settings.symbol(),
                    api, settings.snapshotDepth(), session.mapper()), intake, time);
            return new Streams(snapshots, feed -> new BackpackFrames(settings.symbol(), session.mapper(), feed,
                    intake, time), settings.wsUrl(), LocalOrderBook.Continuity.NEXT_ID);
        }
        BinanceErrors errors = new BinanceErrors(session.mapper());
        BinanceRestApi api = new BinanceRestApi(session.transport(errors, settings.market().weightPerMinute()),
                settings.market(), HttpUrl.get(settings.baseUrl()), "", new BinanceSigner(NO_SECRET), 5_000,
                session.mapper(), errors);
        SnapshotSource snapshots = new SnapshotSource(settings.symbol(), new BinanceDepthRest(settings.symbol(), api,
                settings.snapshotDepth(), session.mapper()), intake, time);
        return new Streams(snapshots, feed -> new CollectorFrames(settings.symbol(), settings.market(),
                session.mapper(), feed, intake, time), settings.wsUrl() + "/stream", settings.market().continuity());
    }

    /**
     * A file this run created and filled with nothing is removed (with SQLite's side files): an empty database
     * must not look like a recording. A file that was there before is left as it was found.
     */
    private void removeIfEmpty(boolean fileWasThere, long stored) {
        if (fileWasThere || stored > 0) {
            return;
        }
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            java.nio.file.Path f = java.nio.file.Path.of(settings.db() + suffix);
            try {
                java.nio.file.Files.deleteIfExists(f);
            } catch (java.io.IOException e) {
                LOG.warn("{}: could not remove the empty {}: {}", settings.symbol(), f, e.getMessage());
            }
        }
        LOG.info("{}: nothing was recorded; {} removed", settings.symbol(), settings.db());
    }

    private String awaitStop() throws InterruptedException {
        boolean stopped;
        if (settings.duration() != null) {
            stopped = time.awaitStop(stopLatch, settings.duration());
        } else {
            while (!time.awaitStop(stopLatch, Duration.ofHours(1))) {
                LOG.info("{}: {} events received so far", settings.symbol(), intake.accepted());
            }
            stopped = true;
        }
        if (failure != null) {
            return failure;
        }
        return stopped ? "stop requested" : "duration reached";
    }

    /** Counts connect attempts that failed in a row; past the limit the collector gives up (and stops). */
    private void connectFailed(String why) {
        int n = failedConnects.incrementAndGet();
        if (n >= settings.failedConnectLimit() && failure == null) {
            failure = "gave up after " + n + " failed connects in a row to " + settings.wsUrl() + " (last: " + why
                    + ")";
            LOG.error("{}: {}", settings.symbol(), failure);
            stop();
        }
    }

    private record Parts(CollectorStore store, VenueSession session, ReconnectingWebSocket socket,
                         SnapshotSource snapshots, Aggregator aggregator, Thread aggregatorThread,
                         ScheduledFuture<?> periodic) {
    }

    private CollectorResult shutdown(String reason, Parts p) {
        boolean wasInterrupted = Thread.interrupted(); // a second signal must not cut the cleanup short
        long begin = nanoClock.getAsLong();
        long requested = stopRequestedNanos.get() == NOT_STOPPED ? begin : stopRequestedNanos.get();
        ShutdownSettings s = settings.shutdown();
        LOG.info("{}: shutting down ({}), {} ms after the stop request: deadlines cancel {} ms, save {} ms,"
                        + " close {} ms, whole {} ms", settings.symbol(), reason, ms(begin - requested),
                s.cancelTimeout().toMillis(), s.saveTimeout().toMillis(), s.closeTimeout().toMillis(),
                s.totalTimeout().toMillis());
        intake.close();
        LOG.info("{}: stopped taking events ({} received); WebSocket listening cancelled", settings.symbol(),
                intake.accepted());

        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        ShutdownSequence seq = new ShutdownSequence(executor, nanoClock, s.totalTimeout(), STEPS, LOG);
        seq.run("cancel tasks", s.cancelTimeout(), d -> {
            p.periodic().cancel(true);
            LOG.info("{}: depth snapshot collector cancelled ({} snapshots taken)", settings.symbol(),
                    p.snapshots().taken());
            p.aggregator().cancel();
            p.aggregatorThread().join(Math.max(1, d.remaining().toMillis()));
            if (p.aggregatorThread().isAlive()) {
                throw new IllegalStateException("the aggregator thread did not stop");
            }
            return "snapshot timer and aggregator stopped";
        });
        seq.run("save data", s.saveTimeout(), d -> {
            if (p.aggregatorThread().isAlive()) {
                throw new IllegalStateException("the aggregator thread still owns the data; not saved");
            }
            Aggregator.Saved saved = p.aggregator().finish();
            return saved.rawEvents() + " raw events, " + (saved.unfinished() == null ? "no unfinished minute"
                    : "unfinished minute " + saved.unfinished().minute() + " with "
                    + saved.unfinished().tradeCount() + " trades");
        });
        seq.run("close connections", s.closeTimeout(), d -> {
            p.socket().close();
            p.session().close();
            boolean stopped = p.session().scheduler().awaitTermination(d.remaining().toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.info("{}: disconnected from the {} WebSocket, HTTP client released", settings.symbol(),
                    settings.venue().label());
            return stopped ? "WebSocket closed, HTTP client released" : "an in-flight snapshot call was abandoned";
        });
        seq.run("close database", s.closeTimeout(), d -> {
            p.store().close();
            return "database closed";
        });
        seq.runHere("shut down executor", d -> {
            executor.shutdownNow();
            return "executor stopped";
        });
        long end = nanoClock.getAsLong();
        CollectorResult result = new CollectorResult(reason, intake.accepted(), intake.refused(),
                p.aggregator().rawWritten(), p.aggregator().minutesWritten(), Duration.ofNanos(begin - requested),
                Duration.ofNanos(end - requested), seq.steps(), failure);
        if (result.clean()) {
            LOG.info("{}: shutdown complete in {} ms ({} ms after the stop request); {} events stored, {} arrived"
                    + " after the stop and were not taken", settings.symbol(), ms(end - begin),
                    ms(end - requested), result.rawEventsStored(), result.eventsRefused());
        } else {
            LOG.error("{}: shutdown finished in {} ms, NOT clean: {} of {} received events stored; steps {}",
                    settings.symbol(), ms(end - begin), result.rawEventsStored(), result.eventsReceived(),
                    result.steps().stream().filter(st -> st.outcome() != ShutdownStep.Outcome.DONE).toList());
        }
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    /**
     * Once the intake has closed, frames still arriving before the close step are dropped unparsed (and counted
     * as refused): the socket thread stops competing with the save step for the CPU.
     */
    private ReconnectingWebSocket.Handler untilIntakeCloses(ReconnectingWebSocket.Handler handler) {
        return new ReconnectingWebSocket.Handler() {
            @Override
            public List<String> onOpen() {
                return handler.onOpen();
            }

            @Override
            public void onMessage(String text) {
                if (intake.isClosed()) {
                    intake.refuse();
                    return;
                }
                handler.onMessage(text);
            }

            @Override
            public void onConnectionState(boolean connected) {
                if (connected) {
                    failedConnects.set(0);
                }
                handler.onConnectionState(connected);
            }

            @Override
            public void onConnectFailed(String why) {
                connectFailed(why);
            }
        };
    }

    private VenueConfig venueConfig() {
        MarketType type = settings.marketLabel().equals("perpetual") ? MarketType.PERPETUAL : MarketType.SPOT;
        return new VenueConfig(settings.venue().label(), type, settings.baseUrl(), settings.wsUrl(), "", NO_SECRET, 5_000,
                HttpSettings.defaults(), StreamSettings.defaults());
    }

    private java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "collector-shutdown-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Milliseconds with one decimal: the early steps take well under one. */
    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
