package io.mmkit.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.collector.CollectedEvent.SnapshotTaken;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.binance.BinanceAdapters;
import io.mmkit.exchange.binance.BinanceDtos;
import io.mmkit.exchange.binance.BinanceRestApi;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST depth snapshots, each recorded as a raw event: the ones the {@link io.mmkit.exchange.ws.BookFeed} asks for
 * to (re)sync its book, and the periodic ones. Runs on the session's scheduler thread; blocks on REST for at
 * most the configured call timeout. Thread-safe.
 */
final class SnapshotSource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSource.class);

    private final String symbol;
    private final BinanceRestApi api;
    private final int depth;
    private final EventIntake intake;
    private final TimeSource time;
    private final ObjectMapper mapper;
    private final AtomicLong taken = new AtomicLong();

    SnapshotSource(String symbol, BinanceRestApi api, int depth, EventIntake intake, TimeSource time,
                   ObjectMapper mapper) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.api = Objects.requireNonNull(api, "api");
        this.depth = depth;
        this.intake = Objects.requireNonNull(intake, "intake");
        this.time = Objects.requireNonNull(time, "time");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Takes one snapshot, queues it for storage and returns it. Blocks on REST.
     *
     * @throws ExchangeException when the call fails
     */
    OrderBook take() {
        BinanceDtos.Depth d = api.depth(symbol, depth);
        Instant received = time.now();
        OrderBook book = BinanceAdapters.orderBook(symbol, d, depth, received);
        intake.offer(new SnapshotTaken(received, book, payload(d)));
        taken.incrementAndGet();
        return book;
    }

    /** The periodic snapshot: like {@link #take()}, but a failure is logged, not thrown (the next one retries). */
    void takePeriodic() {
        try {
            take();
        } catch (ExchangeException e) {
            LOG.warn("{}: periodic depth snapshot failed: {}", symbol, e.getMessage());
        }
    }

    long taken() {
        return taken.get();
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

    private static void levels(ArrayNode out, List<List<BigDecimal>> levels) {
        if (levels == null) {
            return;
        }
        for (List<BigDecimal> level : levels) {
            out.addArray().add(level.get(0).toPlainString()).add(level.get(1).toPlainString());
        }
    }
}
