package io.mmkit.exchange.binance;

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
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's WebSocket frames for one symbol: the combined market stream ({@code <symbol>@depth@100ms} diffs
 * and trades) or the user data stream ({@code executionReport} / {@code ORDER_TRADE_UPDATE}). Only parses and
 * enqueues: diffs go to the {@link BookFeed}, trades and fills to the {@link EventDispatcher}; it never calls
 * strategy code. Runs on the socket reader thread.
 */
final class BinanceStreamListener implements ReconnectingWebSocket.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceStreamListener.class);

    private final String symbol;
    private final BinanceMarket market;
    private final boolean userStream;
    private final ObjectMapper mapper;
    private final BookFeed feed;
    private final EventDispatcher dispatcher;
    private final FillPoller poller;
    private final Runnable onListenKeyExpired;

    private BinanceStreamListener(String symbol, BinanceMarket market, boolean userStream, ObjectMapper mapper,
                                  BookFeed feed, EventDispatcher dispatcher, FillPoller poller,
                                  Runnable onListenKeyExpired) {
        this.symbol = symbol;
        this.market = market;
        this.userStream = userStream;
        this.mapper = mapper;
        this.feed = feed;
        this.dispatcher = dispatcher;
        this.poller = poller;
        this.onListenKeyExpired = onListenKeyExpired;
    }

    static BinanceStreamListener market(String symbol, BinanceMarket market, ObjectMapper mapper, BookFeed feed,
                                        EventDispatcher dispatcher) {
        return new BinanceStreamListener(symbol, market, false, mapper, feed, dispatcher, null, null);
    }

    static BinanceStreamListener user(String symbol, BinanceMarket market, ObjectMapper mapper,
                                      EventDispatcher dispatcher, FillPoller poller, Runnable onListenKeyExpired) {
        return new BinanceStreamListener(symbol, market, true, mapper, null, dispatcher, poller, onListenKeyExpired);
    }

    /** The market stream subscribes by frame (so a reconnect re-sends it); the user stream's URL is its key. */
    @Override
    public List<String> onOpen() {
        if (userStream) {
            return List.of();
        }
        String s = symbol.toLowerCase(Locale.ROOT);
        ObjectNode frame = mapper.createObjectNode().put("method", "SUBSCRIBE");
        frame.putArray("params").add(s + "@depth@100ms").add(s + "@" + market.tradeStream());
        frame.put("id", 1);
        return List.of(frame.toString());
    }

    @Override
    public void onMessage(String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            LOG.warn("binance {}: unreadable frame dropped", symbol);
            return;
        }
        JsonNode data = root.has("data") ? root.get("data") : root;
        String event = data.path("e").asText("");
        switch (event) {
            case "depthUpdate" -> feed.onDiff(BinanceAdapters.depthDiff(data));
            case "trade", "aggTrade" -> dispatcher.trade(BinanceAdapters.trade(data));
            case "executionReport" -> fill(BinanceAdapters.streamFill(data));
            case "ORDER_TRADE_UPDATE" -> fill(BinanceAdapters.streamFill(data.path("o")));
            case "listenKeyExpired" -> onListenKeyExpired.run();
            default -> { }
        }
    }

    @Override
    public void onConnectionState(boolean connected) {
        if (!userStream) {
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

    private void fill(Fill fill) {
        if (fill != null && symbol.equals(fill.symbol())) {
            poller.seen(fill);
            dispatcher.fill(fill);
        }
    }
}
