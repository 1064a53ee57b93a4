package io.mmkit.exchange.ws;

import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code subscribe(symbol, listener)} started: its sockets, book feed, fill poller and event
 * dispatcher. {@link #close()} stops them all (sockets first, so nothing is enqueued after the dispatcher
 * stops); idempotent, never throws.
 */
public final class Subscription implements AutoCloseable {
    private final BookFeed feed;
    private final FillPoller poller;
    private final EventDispatcher dispatcher;
    private final List<ReconnectingWebSocket> sockets;

    public Subscription(BookFeed feed, FillPoller poller, EventDispatcher dispatcher,
                        List<ReconnectingWebSocket> sockets) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.poller = Objects.requireNonNull(poller, "poller");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.sockets = List.copyOf(sockets);
    }

    public BookFeed feed() {
        return feed;
    }

    public FillPoller poller() {
        return poller;
    }

    public List<ReconnectingWebSocket> sockets() {
        return sockets;
    }

    /** Starts the sockets and, until the private stream is up, fill polling. */
    public void start() {
        poller.streamDown();
        sockets.forEach(ReconnectingWebSocket::start);
    }

    @Override
    public void close() {
        sockets.forEach(ReconnectingWebSocket::close);
        poller.close();
        dispatcher.close();
    }
}
