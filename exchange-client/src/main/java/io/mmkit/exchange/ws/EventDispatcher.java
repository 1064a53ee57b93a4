package io.mmkit.exchange.ws;

import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Trade;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands venue events to an {@link ExchangeListener} on a thread of its own, so a slow listener never holds up a
 * socket reader. Socket threads only enqueue, and never block.
 *
 * <ul>
 *   <li>Book tops are conflated per symbol: a slow listener sees the latest top, not a backlog.</li>
 *   <li>Fills are never dropped, and are deduplicated by fill id (the same fill arrives on the stream and from
 *       REST polling).</li>
 *   <li>Public trades are bounded; beyond {@code maxPendingTrades} the newest are dropped and counted.</li>
 * </ul>
 *
 * <p>{@link #close()} stops the delivery thread (bounded wait of one second) and is idempotent.
 */
public final class EventDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
    private static final int SEEN_FILLS = 10_000;

    private final ExchangeListener listener;
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Map<String, BookTop> latestTops = new ConcurrentHashMap<>();
    private final Set<String> topPending = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> seenFills = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_FILLS;
        }
    };
    private final AtomicLong pendingTrades = new AtomicLong();
    private final AtomicLong droppedTrades = new AtomicLong();
    private final int maxPendingTrades;
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the delivery thread, named {@code threadName}. */
    public EventDispatcher(ExchangeListener listener, String threadName, int maxPendingTrades) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.maxPendingTrades = maxPendingTrades;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void bookTop(BookTop top) {
        latestTops.put(top.symbol(), top);
        if (topPending.add(top.symbol())) {
            queue.offer(() -> deliverTop(top.symbol()));
        }
    }

    /** Queues a fill unless one with the same id was already queued. */
    public void fill(Fill fill) {
        synchronized (seenFills) {
            if (seenFills.put(fill.fillId(), Boolean.TRUE) != null) {
                return;
            }
        }
        queue.offer(() -> listener.onFill(fill));
    }

    public void trade(Trade trade) {
        if (pendingTrades.incrementAndGet() > maxPendingTrades) {
            pendingTrades.decrementAndGet();
            droppedTrades.incrementAndGet();
            return;
        }
        queue.offer(() -> {
            pendingTrades.decrementAndGet();
            listener.onTrade(trade);
        });
    }

    public void connectionState(boolean connected) {
        queue.offer(() -> listener.onConnectionState(connected));
    }

    public long droppedTrades() {
        return droppedTrades.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliverTop(String symbol) {
        topPending.remove(symbol);
        BookTop top = latestTops.get(symbol);
        if (top != null) {
            listener.onBookTop(top);
        }
    }

    private void run() {
        while (!closed) {
            Runnable next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.warn("exchange listener threw; event dropped: {}", e.toString());
            }
        }
    }
}
