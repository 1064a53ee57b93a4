package io.mmkit.core.engine;

import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.time.Wakeup;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Where venue threads leave fills for the strategy thread. Each market gets a listener that only enqueues
 * (and tracks whether its private stream is up), signals the loop's {@link Wakeup} of every fill, and hands new
 * book tops to the market's {@link BookWatch}; the strategy thread drains. Thread-safe.
 */
final class FillInbox {
    private record MarketFill(Market market, Fill fill) {
    }

    private final Queue<MarketFill> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger streamsDown = new AtomicInteger();
    private final Wakeup wake;

    /** @param wake signalled of every fill queued, whether or not the loop's wait listens for fills */
    FillInbox(Wakeup wake) {
        this.wake = wake;
    }

    /** A listener for {@code market}'s venue: called on venue threads, it never blocks. */
    ExchangeListener listenerFor(Market market, BookWatch book) {
        return new ExchangeListener() {
            private final AtomicBoolean connected = new AtomicBoolean(true);

            @Override
            public void onFill(Fill fill) {
                queue.add(new MarketFill(market, fill));
                wake.signal(Wakeup.FILL);
            }

            @Override
            public void onBookTop(BookTop top) {
                book.onBookTop(top);
            }

            @Override
            public boolean wantsBookTops() {
                return book.active();
            }

            @Override
            public void onConnectionState(boolean up) {
                if (connected.compareAndSet(!up, up)) {
                    streamsDown.addAndGet(up ? -1 : 1);
                }
            }
        };
    }

    /**
     * Queues a fill that did not come from a stream (fills recovered at start), so the strategy thread books it
     * and hands it to {@code onFill} like any other, after {@code onStart}. Any thread.
     */
    void add(Market market, Fill fill) {
        queue.add(new MarketFill(market, fill));
        wake.signal(Wakeup.FILL);
    }

    /** Whether any market's private stream is down, so fills must be polled over REST. */
    boolean anyStreamDown() {
        return streamsDown.get() > 0;
    }

    /** Hands every queued fill, in arrival order, to {@code each}. Called on the strategy thread. */
    void drain(BiConsumer<Market, Fill> each) {
        MarketFill next;
        while ((next = queue.poll()) != null) {
            each.accept(next.market(), next.fill());
        }
    }
}
