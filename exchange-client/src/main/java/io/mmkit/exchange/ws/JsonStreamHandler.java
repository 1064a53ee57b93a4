package io.mmkit.exchange.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plumbing every venue's JSON stream shares: each text frame is parsed (an unreadable one is logged and
 * dropped) and handed to the venue's {@link Frames}; a connection change goes to the {@link BookFeed} (market
 * stream: a drop invalidates the book) or to the {@link PrivateStreamEvents} (private stream: fill polling and
 * the listener). Runs on the socket reader thread; only parses and enqueues, never calls strategy code.
 */
public final class JsonStreamHandler implements ReconnectingWebSocket.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(JsonStreamHandler.class);

    /** A venue's part of one stream. Called on the socket reader thread; parse and enqueue only. */
    public interface Frames {
        /** The socket (re)opened: the frames to send now, typically the subscriptions, freshly signed. */
        List<String> onOpen();

        /** One parsed frame. */
        void onFrame(JsonNode root);
    }

    private interface ConnectionChanges {
        void changed(boolean connected);
    }

    private final String label;
    private final ObjectMapper mapper;
    private final Frames frames;
    private final ConnectionChanges connection;

    private JsonStreamHandler(String label, ObjectMapper mapper, Frames frames, ConnectionChanges connection) {
        this.label = Objects.requireNonNull(label, "label");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.frames = Objects.requireNonNull(frames, "frames");
        this.connection = connection;
    }

    /** A market data stream: when it drops, {@code feed} stops trusting its book until the next snapshot. */
    public static JsonStreamHandler market(String label, ObjectMapper mapper, BookFeed feed, Frames frames) {
        Objects.requireNonNull(feed, "feed");
        return new JsonStreamHandler(label, mapper, frames, connected -> {
            if (!connected) {
                feed.onDisconnected();
            }
        });
    }

    /** A private stream: its connection state drives fill polling and reaches the listener. */
    public static JsonStreamHandler privateStream(String label, ObjectMapper mapper, PrivateStreamEvents events,
                                                  Frames frames) {
        return new JsonStreamHandler(label, mapper, frames, events::connectionState);
    }

    @Override
    public List<String> onOpen() {
        return frames.onOpen();
    }

    @Override
    public void onMessage(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            LOG.warn("{}: unreadable frame dropped", label);
            return;
        }
        frames.onFrame(root);
    }

    @Override
    public void onConnectionState(boolean connected) {
        connection.changed(connected);
    }
}
