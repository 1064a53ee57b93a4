package io.mmkit.exchange.venue;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.EventDispatcher;
import io.mmkit.exchange.ws.FillPoller;
import io.mmkit.exchange.ws.LocalOrderBook;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import io.mmkit.exchange.ws.StreamSettings;
import io.mmkit.exchange.ws.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway's live {@link Subscription}s, one per symbol, and the book queries they answer: a fresh streamed
 * book when there is one, otherwise a REST snapshot, never a quote older than {@code stale_after}.
 *
 * <p>{@link #subscribe} builds what every venue's subscription has (event dispatcher, book feed re-seeded from
 * REST, fill polling while the private stream is down) and asks the venue's {@link Sockets} for the rest.
 * Thread-safe. {@link #close()} closes every subscription and refuses new ones; it is idempotent and never
 * throws. The {@link VenueSession} it runs on is closed by the gateway, after this.
 */
public final class StreamingSubscriptions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingSubscriptions.class);
    /** Depth of the REST snapshot that seeds a streamed book. */
    private static final int SNAPSHOT_DEPTH = 1000;
    /** Depth of the REST snapshot a book top is read from. */
    private static final int TOP_DEPTH = 5;
    private static final int MAX_PENDING_TRADES = 10_000;

    /** A REST depth snapshot. Blocks; throws the venue's {@link ExchangeException}. */
    @FunctionalInterface
    public interface RestBook {
        OrderBook snapshot(String symbol, int depth);
    }

    /** Our fills on a symbol at or after an instant, over REST. Blocks; throws {@link ExchangeException}. */
    @FunctionalInterface
    public interface FillHistory {
        List<Fill> since(String symbol, Instant since);
    }

    /**
     * The venue's sockets for one symbol, not yet started: the market stream feeding {@code feed} and the
     * private stream feeding {@code poller} and {@code dispatcher}. Called on the subscribing thread.
     */
    @FunctionalInterface
    public interface Sockets {
        List<ReconnectingWebSocket> open(String symbol, BookFeed feed, FillPoller poller, EventDispatcher dispatcher);
    }

    private final VenueSession session;
    private final LocalOrderBook.Continuity continuity;
    private final RestBook rest;
    private final FillHistory fills;
    private final Sockets sockets;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** @param continuity how the venue's depth diffs chain onto each other and onto a snapshot */
    public StreamingSubscriptions(VenueSession session, LocalOrderBook.Continuity continuity, RestBook rest,
                                  FillHistory fills, Sockets sockets) {
        this.session = Objects.requireNonNull(session, "session");
        this.continuity = Objects.requireNonNull(continuity, "continuity");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.fills = Objects.requireNonNull(fills, "fills");
        this.sockets = Objects.requireNonNull(sockets, "sockets");
    }

    /**
     * Opens the streams for {@code symbol}, replacing (and closing) an earlier subscription to it. Returns at
     * once; events reach {@code listener} on a dispatcher thread of this subscription.
     *
     * <p>REST-only mode ({@code "streams": false}): opens no socket and starts no thread; tells {@code listener}
     * once, on the calling thread, that the private stream is down, so the caller polls fills itself.
     *
     * @throws IllegalStateException once closed
     */
    public void subscribe(String symbol, ExchangeListener listener) {
        if (closed) {
            throw new IllegalStateException("gateway is closed");
        }
        StreamSettings s = session.config().streams();
        if (!s.enabled()) {
            LOG.info("{} {}: streams off (REST-only): book from REST, fills by the caller's polling",
                    session.venue(), symbol);
            listener.onConnectionState(false);
            return;
        }
        TimeSource time = session.clock().timeSource();
        EventDispatcher dispatcher = new EventDispatcher(listener, session.venue() + "-events-" + symbol,
                MAX_PENDING_TRADES);
        BookFeed feed = new BookFeed(symbol, continuity, () -> rest.snapshot(symbol, SNAPSHOT_DEPTH),
                session.scheduler(), time, dispatcher);
        feed.observe(session.venue(), session.observer());
        FillPoller poller = new FillPoller(symbol, since -> fills.since(symbol, since), dispatcher,
                session.scheduler(), time, s.fillPollInterval());
        Subscription subscription = new Subscription(feed, poller, dispatcher,
                sockets.open(symbol, feed, poller, dispatcher));
        Subscription previous = subscriptions.put(symbol, subscription);
        if (previous != null) {
            previous.close();
        }
        subscription.start();
    }

    /**
     * The streamed top when fresh; otherwise a REST depth snapshot. Blocks on REST.
     *
     * @throws ExchangeException when the call fails or the book has no bid or no ask
     */
    public BookTop bookTop(String symbol) {
        Subscription s = subscriptions.get(symbol);
        if (s != null) {
            Optional<BookTop> fresh = s.feed().freshTop(session.config().streams().staleAfter());
            if (fresh.isPresent()) {
                return fresh.get();
            }
        }
        return rest.snapshot(symbol, TOP_DEPTH).top().orElseThrow(
                () -> new ExchangeException(session.venue(), symbol + ": the book has no bid or no ask"));
    }

    /** The streamed book to {@code depth} when fresh; otherwise a REST depth snapshot. Blocks on REST. */
    public OrderBook orderBook(String symbol, int depth) {
        Subscription s = subscriptions.get(symbol);
        if (s != null) {
            Optional<OrderBook> fresh = s.feed().freshBook(depth, session.config().streams().staleAfter());
            if (fresh.isPresent()) {
                return fresh.get();
            }
        }
        return rest.snapshot(symbol, depth);
    }

    /** The live subscription for {@code symbol}, if streams are on and it was subscribed. */
    public Optional<Subscription> subscription(String symbol) {
        return Optional.ofNullable(subscriptions.get(symbol));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.values().forEach(Subscription::close);
        subscriptions.clear();
    }
}
