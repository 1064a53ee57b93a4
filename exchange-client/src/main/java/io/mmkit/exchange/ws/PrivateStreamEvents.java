package io.mmkit.exchange.ws;

import io.mmkit.core.model.Fill;
import java.util.Objects;

/**
 * Where a private (account / user data) stream's events go, for every venue: a fill is marked seen for the
 * {@link FillPoller} and enqueued on the {@link EventDispatcher}; a connection change starts or stops REST fill
 * polling and is enqueued for the listener. Called on the socket reader thread; only enqueues, never blocks.
 */
public final class PrivateStreamEvents {
    private final FillPoller poller;
    private final EventDispatcher dispatcher;

    public PrivateStreamEvents(FillPoller poller, EventDispatcher dispatcher) {
        this.poller = Objects.requireNonNull(poller, "poller");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /** One of our fills, as the stream reported it. */
    public void fill(Fill fill) {
        poller.seen(fill);
        dispatcher.fill(fill);
    }

    /** The private stream came up (stop polling) or went down (poll until it is back). */
    public void connectionState(boolean connected) {
        if (connected) {
            poller.streamUp();
        } else {
            poller.streamDown();
        }
        dispatcher.connectionState(connected);
    }
}
