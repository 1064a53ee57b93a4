package io.mmkit.exchange.venue;

import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Trade;
import io.mmkit.exchange.PublicMarketData;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.EventDispatcher;
import io.mmkit.exchange.ws.LocalOrderBook;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A venue's {@link PublicMarketData} from its parts, written once for every venue: instruments from the venue's
 * REST ({@link Instruments}); per subscription a {@link BookFeed} re-seeded from the venue's REST depth (the live
 * gateway's resync rules), an {@link EventDispatcher} whose one thread tells the listener, and the venue's market
 * socket ({@link MarketSocket}) feeding both. Thread-safe; {@link #close()} closes every socket and dispatcher,
 * then the {@link VenueSession} they run on (market data has nothing else on it), and refuses new subscriptions;
 * it is idempotent and never throws.
 */
public final class StreamedMarketData implements PublicMarketData {
    private static final int MAX_PENDING_TRADES = 10_000;

    /**
     * The venue's public market socket for one symbol, not yet started: depth diffs to {@code feed}, public trades
     * to {@code dispatcher}. Called on the subscribing thread.
     */
    @FunctionalInterface
    public interface MarketSocket {
        ReconnectingWebSocket open(String symbol, BookFeed feed, EventDispatcher dispatcher);
    }

    /** The instrument's rules from the venue's public REST. Blocks; throws the venue's {@code ExchangeException}. */
    @FunctionalInterface
    public interface Instruments {
        Instrument load(String symbol);
    }

    private final VenueSession session;
    private final Instruments instruments;
    private final LocalOrderBook.Continuity continuity;
    private final StreamingSubscriptions.RestBook rest;
    private final MarketSocket sockets;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** @param continuity how the venue's depth diffs chain onto each other and onto a snapshot */
    public StreamedMarketData(VenueSession session, Instruments instruments, LocalOrderBook.Continuity continuity,
                              StreamingSubscriptions.RestBook rest, MarketSocket sockets) {
        this.session = Objects.requireNonNull(session, "session");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.continuity = Objects.requireNonNull(continuity, "continuity");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.sockets = Objects.requireNonNull(sockets, "sockets");
    }

    @Override
    public String venue() {
        return session.venue();
    }

    @Override
    public Instrument instrument(String symbol) {
        return instruments.load(symbol);
    }

    /**
     * Opens the public streams of {@code symbol}. Returns at once; the whole synced book (after each change) and
     * each public trade reach {@code listener} later, in stream order, on the subscription's dispatcher thread.
     *
     * @throws IllegalStateException once closed
     */
    @Override
    public void subscribe(String symbol, Listener listener) {
        if (closed) {
            throw new IllegalStateException("market data is closed");
        }
        Duration staleAfter = session.config().streams().staleAfter();
        AtomicReference<BookFeed> feedRef = new AtomicReference<>();
        // The dispatcher conflates book tops; on each one the whole current book is handed on, so a change
        // deep in the book that left the top alone still reaches the listener with the next top.
        EventDispatcher dispatcher = new EventDispatcher(new ExchangeListener() {
            @Override
            public void onBookTop(BookTop top) {
                BookFeed feed = feedRef.get();
                if (feed != null) {
                    feed.freshBook(BOOK_LEVELS, staleAfter).ifPresent(listener::onBook);
                }
            }

            @Override
            public void onTrade(Trade trade) {
                listener.onTrade(trade);
            }
        }, session.venue() + "-market-data-" + symbol, MAX_PENDING_TRADES);
        BookFeed feed = new BookFeed(symbol, continuity, () -> rest.snapshot(symbol, BOOK_LEVELS),
                session.scheduler(), session.clock().timeSource(), dispatcher);
        feed.observe(session.venue(), session.observer());
        feedRef.set(feed);
        ReconnectingWebSocket socket = sockets.open(symbol, feed, dispatcher);
        open.add(socket);
        open.add(dispatcher);
        socket.start();
    }

    /** Closes the streams, the scheduler and the client. Idempotent; never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing is best effort: the rest, and the session after them, still go.
            }
        }
        session.close();
    }
}
