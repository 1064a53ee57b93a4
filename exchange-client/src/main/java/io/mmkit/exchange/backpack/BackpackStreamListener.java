package io.mmkit.exchange.backpack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.core.model.Fill;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.EventDispatcher;
import io.mmkit.exchange.ws.FillPoller;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backpack's WebSocket frames for one symbol: the public {@code depth.<symbol>} and {@code bookTicker.<symbol>}
 * streams, or the signed private {@code account.orderUpdate.<symbol>} stream. Only parses and enqueues: book
 * events go to the {@link BookFeed}, fills to the {@link EventDispatcher}; it never calls strategy code.
 * Runs on the socket reader thread.
 */
final class BackpackStreamListener implements ReconnectingWebSocket.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(BackpackStreamListener.class);

    private final String symbol;
    private final boolean privateStream;
    private final ObjectMapper mapper;
    private final BookFeed feed;
    private final EventDispatcher dispatcher;
    private final FillPoller poller;
    private final LongSupplier clock;
    private final LongFunction<List<String>> signature;

    private BackpackStreamListener(String symbol, boolean privateStream, ObjectMapper mapper, BookFeed feed,
                                   EventDispatcher dispatcher, FillPoller poller, LongSupplier clock,
                                   LongFunction<List<String>> signature) {
        this.symbol = symbol;
        this.privateStream = privateStream;
        this.mapper = mapper;
        this.feed = feed;
        this.dispatcher = dispatcher;
        this.poller = poller;
        this.clock = clock;
        this.signature = signature;
    }

    static BackpackStreamListener market(String symbol, ObjectMapper mapper, BookFeed feed) {
        return new BackpackStreamListener(symbol, false, mapper, feed, null, null, null, null);
    }

    /** @param signature the {@code [key, signature, timestamp, window]} tuple for a venue timestamp */
    static BackpackStreamListener account(String symbol, ObjectMapper mapper, EventDispatcher dispatcher,
                                          FillPoller poller, LongSupplier clock,
                                          LongFunction<List<String>> signature) {
        return new BackpackStreamListener(symbol, true, mapper, null, dispatcher, poller, clock, signature);
    }

    @Override
    public List<String> onOpen() {
        ObjectNode frame = mapper.createObjectNode().put("method", "SUBSCRIBE");
        if (privateStream) {
            frame.putArray("params").add("account.orderUpdate." + symbol);
            List<String> sig = signature.apply(clock.getAsLong());
            sig.forEach(frame.putArray("signature")::add);
        } else {
            frame.putArray("params").add("depth." + symbol).add("bookTicker." + symbol);
        }
        return List.of(frame.toString());
    }

    @Override
    public void onMessage(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            LOG.warn("backpack {}: unreadable frame dropped", symbol);
            return;
        }
        String stream = root.path("stream").asText("");
        JsonNode data = root.get("data");
        if (data == null) {
            return;
        }
        if (stream.startsWith("depth.")) {
            feed.onDiff(BackpackAdapters.depthDiff(data));
        } else if (stream.startsWith("bookTicker.")) {
            feed.onTicker(BackpackAdapters.bookTicker(data));
        } else if (stream.startsWith("account.orderUpdate") && "orderFill".equals(data.path("e").asText())) {
            Fill fill = BackpackAdapters.orderFill(data);
            poller.seen(fill);
            dispatcher.fill(fill);
        }
    }

    @Override
    public void onConnectionState(boolean connected) {
        if (!privateStream) {
            if (!connected) {
                feed.onDisconnected();
            }
            return;
        }
        if (connected) {
            poller.streamUp();
        } else {
            poller.streamDown();
        }
        dispatcher.connectionState(connected);
    }
}
