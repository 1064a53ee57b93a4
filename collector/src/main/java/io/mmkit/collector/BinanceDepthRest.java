package io.mmkit.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.binance.BinanceAdapters;
import io.mmkit.exchange.binance.BinanceDtos;
import io.mmkit.exchange.binance.BinanceRestApi;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Binance's {@code GET depth} ({@code /api/v3/depth} or {@code /fapi/v1/depth}), {@code depth} levels a side. */
record BinanceDepthRest(String symbol, BinanceRestApi api, int depth, ObjectMapper mapper) implements DepthRest {
    @Override
    public Snapshot fetch(TimeSource time) {
        BinanceDtos.Depth d = api.depth(symbol, depth);
        Instant received = time.now();
        return new Snapshot(received, BinanceAdapters.orderBook(symbol, d, depth, received), payload(d));
    }

    /** The venue's body in its own shape, decimals as strings exactly as received. */
    private String payload(BinanceDtos.Depth d) {
        ObjectNode root = mapper.createObjectNode().put("lastUpdateId", d.lastUpdateId());
        if (d.E() != null) {
            root.put("E", d.E());
        }
        if (d.T() != null) {
            root.put("T", d.T());
        }
        levels(root.putArray("bids"), d.bids());
        levels(root.putArray("asks"), d.asks());
        return root.toString();
    }

    static void levels(ArrayNode out, List<List<BigDecimal>> levels) {
        if (levels == null) {
            return;
        }
        for (List<BigDecimal> level : levels) {
            out.addArray().add(level.get(0).toPlainString()).add(level.get(1).toPlainString());
        }
    }
}
