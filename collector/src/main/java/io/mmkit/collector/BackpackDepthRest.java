package io.mmkit.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.backpack.BackpackAdapters;
import io.mmkit.exchange.backpack.BackpackDtos;
import io.mmkit.exchange.backpack.BackpackRestApi;
import java.time.Instant;

/**
 * Backpack's public {@code GET /api/v1/depth?symbol=} (the whole book it serves; {@code lastUpdateId} is a string
 * there, stored as the number it is).
 */
record BackpackDepthRest(String symbol, BackpackRestApi api, int depth, ObjectMapper mapper) implements DepthRest {
    @Override
    public Snapshot fetch(TimeSource time) {
        BackpackDtos.Depth d = api.depth(symbol);
        Instant received = time.now();
        ObjectNode root = mapper.createObjectNode().put("lastUpdateId", d.lastUpdateId() == null ? 0
                : Long.parseLong(d.lastUpdateId()));
        if (d.timestamp() != null) {
            root.put("timestamp", d.timestamp());
        }
        BinanceDepthRest.levels(root.putArray("bids"), d.bids());
        BinanceDepthRest.levels(root.putArray("asks"), d.asks());
        return new Snapshot(received, BackpackAdapters.orderBook(symbol, d, depth, received), root.toString());
    }
}
