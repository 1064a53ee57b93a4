package io.mmkit.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.collector.CollectedEvent.DiffReceived;
import io.mmkit.collector.CollectedEvent.TradeReceived;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.backpack.BackpackAdapters;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.DepthDiff;
import io.mmkit.exchange.ws.JsonStreamHandler;
import java.util.List;
import java.util.Objects;

/**
 * The collector's part of Backpack's public streams, {@code depth.<symbol>} and {@code trade.<symbol>}, each
 * frame an envelope {@code {"stream": ..., "data": {...}}}:
 *
 * <ul>
 *   <li>depth: {@code {"e":"depth","E":µs,"s":..,"a":[[p,q]..],"b":[[p,q]..],"U":first,"u":last,"T":µs}}, absolute
 *       quantities (0 removes), {@code U} = previous {@code u} + 1 (a REST {@code /api/v1/depth} snapshot seeds
 *       the book): applied to the {@link BookFeed} and queued with its JSON, which the backtest reader replays
 *       by the same {@code b} / {@code a} keys as Binance's;
 *   <li>trade: {@code {"e":"trade","E":µs,"s":..,"p":price,"q":quantity,"b":..,"a":..,"t":id,"T":µs,"m":bool}},
 *       read by {@link BackpackAdapters#trade} (which paper trading's market data shares) and queued with its id.
 * </ul>
 *
 * Runs on the socket reader thread, inside a {@link JsonStreamHandler}; only parses and enqueues.
 */
final class BackpackFrames implements JsonStreamHandler.Frames {
    private final String symbol;
    private final ObjectMapper mapper;
    private final BookFeed feed;
    private final EventIntake intake;
    private final TimeSource time;

    BackpackFrames(String symbol, ObjectMapper mapper, BookFeed feed, EventIntake intake, TimeSource time) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Subscribes by frame, so a reconnect re-sends it. */
    @Override
    public List<String> onOpen() {
        ObjectNode frame = mapper.createObjectNode().put("method", "SUBSCRIBE");
        frame.putArray("params").add("depth." + symbol).add("trade." + symbol);
        return List.of(frame.toString());
    }

    @Override
    public void onFrame(JsonNode root) {
        JsonNode data = root.path("data");
        if (!data.isObject() || !symbol.equals(data.path("s").asText(symbol))) {
            return;
        }
        switch (data.path("e").asText("")) {
            case "depth" -> {
                DepthDiff diff = BackpackAdapters.depthDiff(data);
                intake.offer(new DiffReceived(time.now(), diff, data.toString()));
                feed.onDiff(diff);
            }
            case "trade" -> intake.offer(new TradeReceived(time.now(), data.path("t").asLong(),
                    BackpackAdapters.trade(data), data.toString()));
            default -> { } // subscription answers and other streams
        }
    }
}
