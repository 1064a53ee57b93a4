package io.mmkit.collector;

import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.Trade;
import io.mmkit.exchange.ws.DepthDiff;
import java.time.Instant;
import java.util.Objects;

/**
 * One raw market data event as the collector received it, with the venue's JSON kept verbatim in
 * {@link #payload()} (decimals as the venue wrote them). Created on a socket or scheduler thread, consumed by
 * the aggregator thread; immutable.
 */
public sealed interface CollectedEvent {

    /** Our local receive time (the collector's time source). */
    Instant received();

    /** The venue's message: a stream event's {@code data} object, or a REST depth snapshot body. */
    String payload();

    /** The {@code raw_events.kind} value: {@code trade}, {@code depth_diff} or {@code depth_snapshot}. */
    String kind();

    /** A public trade; {@code tradeId} is the venue's ({@code t}, or {@code a} for an aggregate trade). */
    record TradeReceived(Instant received, long tradeId, Trade trade, String payload) implements CollectedEvent {
        public TradeReceived {
            Objects.requireNonNull(received, "received");
            Objects.requireNonNull(trade, "trade");
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public String kind() {
            return "trade";
        }
    }

    /** A diff-depth event covering update ids {@code diff.firstId()..diff.lastId()}. */
    record DiffReceived(Instant received, DepthDiff diff, String payload) implements CollectedEvent {
        public DiffReceived {
            Objects.requireNonNull(received, "received");
            Objects.requireNonNull(diff, "diff");
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public String kind() {
            return "depth_diff";
        }
    }

    /** A REST depth snapshot; {@code book.sequence()} is its {@code lastUpdateId}. */
    record SnapshotTaken(Instant received, OrderBook book, String payload) implements CollectedEvent {
        public SnapshotTaken {
            Objects.requireNonNull(received, "received");
            Objects.requireNonNull(book, "book");
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public String kind() {
            return "depth_snapshot";
        }
    }
}
