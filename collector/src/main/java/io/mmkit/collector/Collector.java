package io.mmkit.collector;

import io.mmkit.core.engine.RunResult.ShutdownStep;
import io.mmkit.core.engine.ShutdownSequence;
import io.mmkit.core.engine.ShutdownSettings;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.StopLatch;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.binance.BinanceErrors;
import io.mmkit.exchange.binance.BinanceRestApi;
import io.mmkit.exchange.binance.BinanceSigner;
import io.mmkit.exchange.http.HttpSettings;
import io.mmkit.exchange.venue.VenueSession;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.JsonStreamHandler;
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
 * Records one Binance symbol's depth (diffs and REST snapshots) and trades into SQLite, with a row per minute
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

    private final CollectorSettings settings;
    private final TimeSource time;
    private final LongSupplier nanoClock;
    private final RandomGenerator random;
    private final StopLatch stopLatch = new StopLatch();
    private final AtomicLong stopRequestedNanos = new AtomicLong(NOT_STOPPED);
    private final EventIntake intake = new EventIntake();

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
        CollectorStore store = CollectorStore.open(settings.db(), settings.symbol(), Map.of("venue", "binance",
                "market", settings.market().isFutures() ? "perpetual" : "spot"));
        VenueSession session;
        try {
            session = VenueSession.open("binance", venueConfig(), time, random);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        BinanceErrors errors = new BinanceErrors(session.mapper());
        BinanceRestApi api = new BinanceRestApi(session.transport(errors, settings.market().weightPerMinute()),
                settings.market(), HttpUrl.get(settings.baseUrl()), "", new BinanceSigner(NO_SECRET), 5_000,
                session.mapper(), errors);
        SnapshotSource snapshots = new SnapshotSource(settings.symbol(), api, settings.snapshotDepth(), intake,
                time, session.mapper());
        BookFeed feed = new BookFeed(settings.symbol(), settings.market().continuity(), snapshots::take,
                session.scheduler(), time, null);
        String label = "binance collector " + settings.symbol();
        ReconnectingWebSocket socket = session.socket(label, () -> settings.wsUrl() + "/stream",
                untilIntakeCloses(JsonStreamHandler.market(label, session.mapper(), feed, new CollectorFrames(
                        settings.symbol(), settings.market(), session.mapper(), feed, intake, time))));
        Aggregator aggregator = new Aggregator(settings, intake, store,
                () -> feed.freshBook(settings.snapshotDepth(), Duration.ofDays(1)), time);
        Thread aggregatorThread = new Thread(aggregator::run, "collector-aggregator-" + settings.symbol());
        aggregatorThread.setDaemon(true); // abandoned past its deadline, it must not hold the JVM

        aggregatorThread.start();
        socket.start();
        long period = settings.snapshotInterval().toMillis();
        ScheduledFuture<?> periodic = session.scheduler().scheduleWithFixedDelay(snapshots::takePeriodic, period,
                period, TimeUnit.MILLISECONDS);
        LOG.info("collecting binance {} {} into {}{}; Ctrl+C stops", settings.market().isFutures() ? "perpetual"
                : "spot", settings.symbol(), settings.db(), settings.duration() == null ? ""
                : " for " + settings.duration());

        String reason = awaitStop();
        Parts parts = new Parts(store, session, socket, snapshots, aggregator, aggregatorThread, periodic);
        return shutdown(reason, parts);
    }

    private String awaitStop() throws InterruptedException {
        if (settings.duration() != null) {
            return time.awaitStop(stopLatch, settings.duration()) ? "stop requested" : "duration reached";
        }
        while (!time.awaitStop(stopLatch, Duration.ofHours(1))) {
            LOG.info("{}: {} events received so far", settings.symbol(), intake.accepted());
        }
        return "stop requested";
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
            LOG.info("{}: disconnected from Binance WebSocket, HTTP client released", settings.symbol());
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
                Duration.ofNanos(end - requested), seq.steps());
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
                handler.onConnectionState(connected);
            }
        };
    }

    private VenueConfig venueConfig() {
        MarketType type = settings.market().isFutures() ? MarketType.PERPETUAL : MarketType.SPOT;
        return new VenueConfig("binance", type, settings.baseUrl(), settings.wsUrl(), "", NO_SECRET, 5_000,
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
