package io.mmkit.exchange.backpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.EventDispatcher;
import io.mmkit.exchange.ws.FillPoller;
import io.mmkit.exchange.ws.JsonStreamHandler;
import io.mmkit.exchange.ws.PrivateStreamEvents;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Backpack's WebSocket frames for one symbol: the public {@code depth.<symbol>} and {@code bookTicker.<symbol>}
 * streams (a gateway's book), {@code depth.<symbol>} and {@code trade.<symbol>} (public market data), or the signed
 * private {@code account.orderUpdate.<symbol>} stream. Only parses and enqueues: book events go to the
 * {@link BookFeed}, public trades to the {@link EventDispatcher}, fills to the {@link PrivateStreamEvents}; it never
 * calls strategy code.
 * Runs on the socket reader thread, inside a {@link JsonStreamHandler}.
 */
final class BackpackStreamListener implements JsonStreamHandler.Frames {
    private final String symbol;
    private final ObjectMapper mapper;
    private final BookFeed feed;
    private final EventDispatcher trades;
    private final PrivateStreamEvents account;
    private final LongSupplier clock;
    private final LongFunction<List<String>> signature;

    private BackpackStreamListener(String symbol, ObjectMapper mapper, BookFeed feed, EventDispatcher trades,
                                   PrivateStreamEvents account, LongSupplier clock,
                                   LongFunction<List<String>> signature) {
        this.symbol = symbol;
        this.mapper = mapper;
        this.feed = feed;
        this.trades = trades;
        this.account = account;
        this.clock = clock;
        this.signature = signature;
    }

    static ReconnectingWebSocket.Handler market(String symbol, ObjectMapper mapper, BookFeed feed) {
        return JsonStreamHandler.market("backpack " + symbol, mapper, feed,
                new BackpackStreamListener(symbol, mapper, feed, null, null, null, null));
    }

    /** The book's diffs and the public trades, for market data without an account. */
    static ReconnectingWebSocket.Handler publicMarket(String symbol, ObjectMapper mapper, BookFeed feed,
                                                      EventDispatcher trades) {
        return JsonStreamHandler.market("backpack " + symbol, mapper, feed,
                new BackpackStreamListener(symbol, mapper, feed, trades, null, null, null));
    }

    /** @param signature the {@code [key, signature, timestamp, window]} tuple for a venue timestamp */
    static ReconnectingWebSocket.Handler account(String symbol, ObjectMapper mapper, EventDispatcher dispatcher,
                                                 FillPoller poller, LongSupplier clock,
                                                 LongFunction<List<String>> signature) {
        PrivateStreamEvents account = new PrivateStreamEvents(poller, dispatcher);
        return JsonStreamHandler.privateStream("backpack " + symbol, mapper, account,
                new BackpackStreamListener(symbol, mapper, null, null, account, clock, signature));
    }

    @Override
    public List<String> onOpen() {
        ObjectNode frame = mapper.createObjectNode().put("method", "SUBSCRIBE");
        if (account != null) {
            frame.putArray("params").add("account.orderUpdate." + symbol);
            List<String> sig = signature.apply(clock.getAsLong());
            sig.forEach(frame.putArray("signature")::add);
        } else if (trades != null) {
            frame.putArray("params").add("depth." + symbol).add("trade." + symbol);
        } else {
            frame.putArray("params").add("depth." + symbol).add("bookTicker." + symbol);
        }
        return List.of(frame.toString());
    }

    @Override
    public void onFrame(JsonNode root) {
        String stream = root.path("stream").asText("");
        JsonNode data = root.get("data");
        if (data == null) {
            return;
        }
        if (stream.startsWith("depth.")) {
            feed.onDiff(BackpackAdapters.depthDiff(data));
        } else if (stream.startsWith("trade.") && trades != null) {
            trades.trade(BackpackAdapters.trade(data));
        } else if (stream.startsWith("bookTicker.")) {
            feed.onTicker(BackpackAdapters.bookTicker(data));
        } else if (stream.startsWith("account.orderUpdate") && "orderFill".equals(data.path("e").asText())) {
            account.fill(BackpackAdapters.orderFill(data));
        }
    }
}
