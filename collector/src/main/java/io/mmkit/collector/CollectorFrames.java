package io.mmkit.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.collector.CollectedEvent.DiffReceived;
import io.mmkit.collector.CollectedEvent.TradeReceived;
import io.mmkit.core.model.Trade;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.binance.BinanceAdapters;
import io.mmkit.exchange.binance.BinanceMarket;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.DepthDiff;
import io.mmkit.exchange.ws.JsonStreamHandler;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The collector's part of Binance's combined market stream ({@code <symbol>@depth@100ms} and the trade stream):
 * each diff is applied to the {@link BookFeed} (which buffers and resyncs it by the venue's documented rules)
 * and, like each trade, queued for the aggregator with its JSON. Runs on the socket reader thread, inside a
 * {@link JsonStreamHandler}; only parses and enqueues. A frame it cannot read is dropped by the socket's guard
 * and logged there.
 */
final class CollectorFrames implements JsonStreamHandler.Frames {
    private final String symbol;
    private final BinanceMarket market;
    private final ObjectMapper mapper;
    private final BookFeed feed;
    private final EventIntake intake;
    private final TimeSource time;

    CollectorFrames(String symbol, BinanceMarket market, ObjectMapper mapper, BookFeed feed, EventIntake intake,
                    TimeSource time) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.market = Objects.requireNonNull(market, "market");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Subscribes by frame, so a reconnect re-sends it. */
    @Override
    public List<String> onOpen() {
        String s = symbol.toLowerCase(Locale.ROOT);
        ObjectNode frame = mapper.createObjectNode().put("method", "SUBSCRIBE");
        frame.putArray("params").add(s + "@depth@100ms").add(s + "@" + market.tradeStream());
        frame.put("id", 1);
        return List.of(frame.toString());
    }

    @Override
    public void onFrame(JsonNode root) {
        JsonNode data = root.has("data") ? root.get("data") : root;
        if (!symbol.equals(data.path("s").asText(symbol))) {
            return;
        }
        switch (data.path("e").asText("")) {
            case "depthUpdate" -> {
                DepthDiff diff = BinanceAdapters.depthDiff(data);
                intake.offer(new DiffReceived(time.now(), diff, data.toString()));
                feed.onDiff(diff);
            }
            case "trade", "aggTrade" -> {
                Trade trade = BinanceAdapters.trade(data);
                long id = data.has("t") ? data.get("t").asLong() : data.path("a").asLong();
                intake.offer(new TradeReceived(time.now(), id, trade, data.toString()));
            }
            default -> { } // subscription acks ({"result":null,"id":1}) and other streams
        }
    }
}
