package io.mmkit.exchange.ws;

import io.mmkit.exchange.VenueObserver;
import io.mmkit.exchange.http.Backoff;
import io.mmkit.exchange.http.Redactor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket that stays connected: on failure or close it reconnects after a capped, jittered exponential
 * backoff and re-sends its subscriptions. Heartbeats are the shared client's ping interval (a peer that stops
 * answering pings fails the socket) plus a silence watchdog (no message for {@code silenceTimeout} forces a
 * reconnect).
 *
 * <p>Threads: {@link Handler} callbacks run on OkHttp's socket reader thread, one at a time; a handler must only
 * parse and enqueue. Reconnects and the watchdog run on the injected scheduler, which the caller owns and shuts
 * down. {@link #close()} is idempotent and does not block.
 */
public final class ReconnectingWebSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingWebSocket.class);

    /** What a socket does with its connection. Called on the socket thread. */
    public interface Handler {
        /** The socket (re)opened: the frames to send now, typically the subscriptions, freshly signed. */
        List<String> onOpen();

        /** One text frame. Parse and enqueue only. */
        void onMessage(String text);

        /** Connected or not; {@code false} is reported once per outage. */
        default void onConnectionState(boolean connected) {
        }

        /**
         * A connect attempt failed before the socket opened (refused, handshake rejected...); another follows
         * after the backoff. For callers that give up after a bounded number (the collector). Must not block.
         */
        default void onConnectFailed(String why) {
        }
    }

    private final String name;
    private final OkHttpClient client;
    private final Supplier<String> url;
    private final Handler handler;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Duration silenceTimeout;
    private final Redactor redactor;
    private final Object lock = new Object();
    private WebSocket socket;
    private int failures;
    private boolean closed;
    private boolean connected;
    private long generation;
    private volatile long lastMessageNanos;
    private volatile VenueObserver observer = VenueObserver.NONE;
    private volatile String venue = "";

    /**
     * @param url evaluated on every (re)connect, so a rotating URL (a listen key) stays current
     * @param silenceTimeout a connected socket silent for longer is torn down and reconnected
     */
    public ReconnectingWebSocket(String name, OkHttpClient client, Supplier<String> url, Handler handler,
                                 Backoff backoff, ScheduledExecutorService scheduler, Duration silenceTimeout,
                                 Redactor redactor) {
        this.name = Objects.requireNonNull(name, "name");
        this.client = Objects.requireNonNull(client, "client");
        this.url = Objects.requireNonNull(url, "url");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.silenceTimeout = Objects.requireNonNull(silenceTimeout, "silenceTimeout");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** Where reconnects are reported, as {@code venue}'s; set before {@link #start()}. */
    public void observe(String venue, VenueObserver observer) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Connects in the background. Returns at once. */
    public void start() {
        schedule(this::connect, 0);
        long checkMillis = Math.max(50, silenceTimeout.toMillis() / 2);
        try {
            scheduler.scheduleWithFixedDelay(this::checkSilence, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: scheduler already shut down", name);
        }
    }

    public boolean isConnected() {
        synchronized (lock) {
            return connected;
        }
    }

    /** Sends a text frame if connected. Returns false if there is no open socket. Does not block. */
    public boolean send(String text) {
        WebSocket s;
        synchronized (lock) {
            s = connected ? socket : null;
        }
        return s != null && s.send(text);
    }

    /** Whether {@link #close()} was called: the socket will not connect again. */
    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Forces a reconnect now, as if the connection had dropped. */
    public void reconnect() {
        WebSocket s;
        synchronized (lock) {
            s = socket;
        }
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void close() {
        WebSocket s;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            s = socket;
            socket = null;
            connected = false;
        }
        if (s != null) {
            s.close(1000, "client closing");
        }
    }

    private void connect() {
        long gen;
        String target;
        synchronized (lock) {
            if (closed) {
                return;
            }
            gen = ++generation;
        }
        try {
            target = url.get();
        } catch (RuntimeException e) {
            // e.g. a listen key that could not be created: treat like a failed connect and try again later
            onDown(gen, "cannot build the stream URL: " + e.getMessage());
            return;
        }
        LOG.info("{}: connecting to {}", name, redactor.redact(target));
        WebSocket s = client.newWebSocket(new Request.Builder().url(target).build(), new Listener(gen));
        synchronized (lock) {
            if (closed) {
                s.cancel();
            } else {
                socket = s;
            }
        }
    }

    private void checkSilence() {
        if (!isConnected()) {
            return;
        }
        long silentNanos = System.nanoTime() - lastMessageNanos;
        if (silentNanos > silenceTimeout.toNanos()) {
            LOG.warn("{}: no message for {} ms, reconnecting", name, TimeUnit.NANOSECONDS.toMillis(silentNanos));
            reconnect();
        }
    }

    private void onDown(long gen, String why) {
        boolean report;
        Duration delay;
        synchronized (lock) {
            if (gen != generation || closed) {
                return;
            }
            report = connected;
            connected = false;
            socket = null;
            delay = backoff.delay(failures++);
        }
        LOG.warn("{}: connection lost ({}); reconnecting in {} ms", name, redactor.redact(why), delay.toMillis());
        observer.onReconnect(venue, name);
        if (report) {
            handler.onConnectionState(false);
        } else {
            handler.onConnectFailed(redactor.redact(why));
        }
        schedule(this::connect, delay.toMillis());
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: scheduler shut down, not reconnecting", name);
        }
    }

    private final class Listener extends WebSocketListener {
        private final long gen;

        Listener(long gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            synchronized (lock) {
                if (gen != generation || closed) {
                    webSocket.cancel();
                    return;
                }
                connected = true;
                failures = 0;
            }
            lastMessageNanos = System.nanoTime();
            LOG.info("{}: connected", name);
            for (String frame : handler.onOpen()) {
                webSocket.send(frame);
            }
            handler.onConnectionState(true);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            lastMessageNanos = System.nanoTime();
            try {
                handler.onMessage(text);
            } catch (RuntimeException e) {
                // A bad frame must not kill the reader thread; the book logic resyncs on gaps.
                LOG.warn("{}: dropped a frame it could not handle: {}", name, e.toString());
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            onDown(gen, "closed by peer " + code + " " + reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            onDown(gen, "closed " + code);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            onDown(gen, t.toString());
        }
    }
}
