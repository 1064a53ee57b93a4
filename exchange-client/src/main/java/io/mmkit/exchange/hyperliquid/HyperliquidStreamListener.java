package io.mmkit.exchange.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.core.model.BookTop;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.EventDispatcher;
import io.mmkit.exchange.ws.FillPoller;
import io.mmkit.exchange.ws.JsonStreamHandler;
import io.mmkit.exchange.ws.PrivateStreamEvents;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyperliquid's WebSocket frames ({@code {"channel": …, "data": …}}) for one coin. The market stream subscribes to
 * {@code l2Book} and {@code trades}: every {@code l2Book} message is a whole snapshot, so its best level goes to the
 * {@link BookFeed} as the book ticker, and trades go to the dispatcher. The account stream subscribes to
 * {@code orderUpdates} and {@code userFills} for the account's address: fills of this coin go to the
 * {@link PrivateStreamEvents}; the {@code userFills} snapshot sent on (re)subscribing is skipped, because fills
 * missed while down are recovered over REST ({@code userFillsByTime}) by the fill poller and the engine's restart
 * recovery; order updates are logged, the port having no event for them.
 *
 * <p>Runs on the socket reader thread inside a {@link JsonStreamHandler}: parses and enqueues only.
 */
final class HyperliquidStreamListener implements JsonStreamHandler.Frames {
    private static final Logger LOG = LoggerFactory.getLogger(HyperliquidStreamListener.class);

    private final String coin;
    private final String user;
    private final ObjectMapper mapper;
    private final BookFeed feed;
    private final EventDispatcher dispatcher;
    private final PrivateStreamEvents account;

    private HyperliquidStreamListener(String coin, String user, ObjectMapper mapper, BookFeed feed,
                                      EventDispatcher dispatcher, PrivateStreamEvents account) {
        this.coin = coin;
        this.user = user;
        this.mapper = mapper;
        this.feed = feed;
        this.dispatcher = dispatcher;
        this.account = account;
    }

    static ReconnectingWebSocket.Handler market(String coin, ObjectMapper mapper, BookFeed feed,
                                                EventDispatcher dispatcher) {
        return JsonStreamHandler.market("hyperliquid " + coin, mapper, feed,
                new HyperliquidStreamListener(coin, null, mapper, feed, dispatcher, null));
    }

    /** @param user the account's address (the master account, not the API wallet) */
    static ReconnectingWebSocket.Handler account(String coin, String user, ObjectMapper mapper,
                                                 EventDispatcher dispatcher, FillPoller poller) {
        PrivateStreamEvents events = new PrivateStreamEvents(poller, dispatcher);
        return JsonStreamHandler.privateStream("hyperliquid account " + coin, mapper, events,
                new HyperliquidStreamListener(coin, user, mapper, null, dispatcher, events));
    }

    @Override
    public List<String> onOpen() {
        List<String> frames = new ArrayList<>();
        if (account != null) {
            frames.add(subscribe("orderUpdates", "user", user));
            frames.add(subscribe("userFills", "user", user));
        } else {
            frames.add(subscribe("l2Book", "coin", coin));
            frames.add(subscribe("trades", "coin", coin));
        }
        return frames;
    }

    private String subscribe(String type, String key, String value) {
        ObjectNode frame = mapper.createObjectNode().put("method", "subscribe");
        frame.putObject("subscription").put("type", type).put(key, value);
        return frame.toString();
    }

    @Override
    public void onFrame(JsonNode root) {
        String channel = root.path("channel").asText("");
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            return;
        }
        try {
            switch (channel) {
                case "l2Book" -> book(data);
                case "trades" -> trades(data);
                case "userFills" -> fills(data);
                case "orderUpdates" -> orderUpdates(data);
                default -> { }
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("hyperliquid {}: {} frame dropped ({})", coin, channel, e.getMessage());
        }
    }

    private void book(JsonNode data) {
        HyperliquidDtos.L2Book book = mapper.convertValue(data, HyperliquidDtos.L2Book.class);
        if (!coin.equals(book.coin())) {
            return;
        }
        BookTop top = HyperliquidAdapters.top(coin, book);
        if (top != null) {
            feed.onTicker(top);
        }
    }

    private void trades(JsonNode data) {
        for (JsonNode t : data) {
            HyperliquidDtos.Trade trade = mapper.convertValue(t, HyperliquidDtos.Trade.class);
            if (coin.equals(trade.coin()) && dispatcher != null) {
                dispatcher.trade(HyperliquidAdapters.trade(trade));
            }
        }
    }

    private void fills(JsonNode data) {
        HyperliquidDtos.UserFills fills = mapper.convertValue(data, HyperliquidDtos.UserFills.class);
        if (Boolean.TRUE.equals(fills.isSnapshot()) || fills.fills() == null) {
            return;
        }
        for (HyperliquidDtos.Fill f : fills.fills()) {
            if (coin.equals(f.coin())) {
                account.fill(HyperliquidAdapters.fill(f));
            }
        }
    }

    private void orderUpdates(JsonNode data) {
        for (JsonNode u : data) {
            HyperliquidDtos.OrderWithStatus update = mapper.convertValue(u, HyperliquidDtos.OrderWithStatus.class);
            if (update.order() != null && coin.equals(update.order().coin())) {
                LOG.debug("hyperliquid {}: order {} ({}) {}", coin, update.order().oid(),
                        HyperliquidCloids.fromCloid(update.order().cloid()), update.status());
            }
        }
    }
}
