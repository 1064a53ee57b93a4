package io.mmkit.exchange.ws;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.model.Fill;
import io.mmkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST fallback for the private stream: while the stream is down, polls our fills every {@code interval}
 * and hands them to the dispatcher (which drops fills it has already delivered). One more poll when the stream
 * comes back covers the fills of the outage's last moments.
 *
 * <p>Polls run on the injected scheduler (caller-owned). Thread-safe; {@link #close()} is idempotent.
 */
public final class FillPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FillPoller.class);
    /** Re-read a little history on every poll: venue fill times and ours are not the same clock. */
    private static final Duration OVERLAP = Duration.ofSeconds(5);

    private final String symbol;
    private final Function<Instant, List<Fill>> fetch;
    private final EventDispatcher dispatcher;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Object lock = new Object();
    private Instant since;
    private ScheduledFuture<?> polling;
    private boolean closed;

    /** @param fetch blocking REST call: our fills on the symbol at or after the instant */
    public FillPoller(String symbol, Function<Instant, List<Fill>> fetch, EventDispatcher dispatcher,
                      ScheduledExecutorService scheduler, TimeSource time, Duration interval) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.since = time.now();
    }

    /** The private stream is down: start polling. */
    public void streamDown() {
        synchronized (lock) {
            if (closed || polling != null) {
                return;
            }
            try {
                polling = scheduler.scheduleWithFixedDelay(this::pollOnce, 0, interval.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("{}: scheduler shut down, not polling fills", symbol);
            }
        }
    }

    /** The private stream is back: one last poll, then stop. */
    public void streamUp() {
        synchronized (lock) {
            if (polling == null) {
                return;
            }
            polling.cancel(false);
            polling = null;
            try {
                scheduler.execute(this::pollOnce);
            } catch (RejectedExecutionException e) {
                LOG.debug("{}: scheduler shut down", symbol);
            }
        }
    }

    public boolean isPolling() {
        synchronized (lock) {
            return polling != null;
        }
    }

    /** A fill seen on the stream moves the polling window forward. */
    public void seen(Fill fill) {
        synchronized (lock) {
            if (fill.time().isAfter(since)) {
                since = fill.time();
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (polling != null) {
                polling.cancel(false);
                polling = null;
            }
        }
    }

    private void pollOnce() {
        Instant from;
        synchronized (lock) {
            from = since.minus(OVERLAP);
        }
        try {
            for (Fill fill : fetch.apply(from)) {
                seen(fill);
                dispatcher.fill(fill);
            }
        } catch (ExchangeException e) {
            LOG.warn("{}: fill polling failed: {}", symbol, e.getMessage());
        }
    }
}
