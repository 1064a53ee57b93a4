package io.mmkit.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.core.model.Fill;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.EventDispatcher;
import io.mmkit.exchange.ws.FillPoller;
import io.mmkit.exchange.ws.JsonStreamHandler;
import io.mmkit.exchange.ws.PrivateStreamEvents;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import java.util.List;
import java.util.Locale;

/**
 * Binance's WebSocket frames for one symbol: the combined market stream ({@code <symbol>@depth@100ms} diffs
 * and trades) or the user data stream ({@code executionReport} / {@code ORDER_TRADE_UPDATE}). Only parses and
 * enqueues: diffs go to the {@link BookFeed}, trades to the {@link EventDispatcher}, fills to the
 * {@link PrivateStreamEvents}; it never calls strategy code. Runs on the socket reader thread, inside a
 * {@link JsonStreamHandler}.
 */
final class BinanceStreamListener implements JsonStreamHandler.Frames {
    private final String symbol;
    private final BinanceMarket market;
    private final ObjectMapper mapper;
    private final BookFeed feed;
    private final EventDispatcher dispatcher;
    private final PrivateStreamEvents user;
    private final Runnable onListenKeyExpired;

    private BinanceStreamListener(String symbol, BinanceMarket market, ObjectMapper mapper, BookFeed feed,
                                  EventDispatcher dispatcher, PrivateStreamEvents user, Runnable onListenKeyExpired) {
        this.symbol = symbol;
        this.market = market;
        this.mapper = mapper;
        this.feed = feed;
        this.dispatcher = dispatcher;
        this.user = user;
        this.onListenKeyExpired = onListenKeyExpired;
    }

    static ReconnectingWebSocket.Handler market(String symbol, BinanceMarket market, ObjectMapper mapper,
                                                BookFeed feed, EventDispatcher dispatcher) {
        return JsonStreamHandler.market(market.venue() + " " + symbol, mapper, feed,
                new BinanceStreamListener(symbol, market, mapper, feed, dispatcher, null, null));
    }

    static ReconnectingWebSocket.Handler user(String symbol, BinanceMarket market, ObjectMapper mapper,
                                              EventDispatcher dispatcher, FillPoller poller,
                                              Runnable onListenKeyExpired) {
        PrivateStreamEvents user = new PrivateStreamEvents(poller, dispatcher);
        return JsonStreamHandler.privateStream(market.venue() + " " + symbol, mapper, user,
                new BinanceStreamListener(symbol, market, mapper, null, dispatcher, user, onListenKeyExpired));
    }

    /** The market stream subscribes by frame (so a reconnect re-sends it); the user stream's URL is its key. */
    @Override
    public List<String> onOpen() {
        if (user != null) {
            return List.of();
        }
        String s = symbol.toLowerCase(Locale.ROOT);
        ObjectNode frame = mapper.createObjectNode().put("method", "SUBSCRIBE");
        frame.putArray("params").add(s + "@depth@100ms").add(s + "@" + market.tradeStream());
        frame.put("id", 1);
        return List.of(frame.toString());
    }

    @Override
    public void onFrame(JsonNode root) {
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

    private void fill(Fill fill) {
        if (fill != null && symbol.equals(fill.symbol())) {
            user.fill(fill);
        }
    }
}
