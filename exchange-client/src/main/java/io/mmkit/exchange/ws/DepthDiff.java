package io.mmkit.exchange.ws;

import io.mmkit.core.model.BookLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One diff-depth event: absolute quantities at the listed prices (zero removes the level), covering update ids
 * {@code firstId..lastId}.
 *
 * @param previousLastId the {@code lastId} of the event before this one where the venue sends it (Binance
 *     futures {@code pu}); -1 otherwise
 */
public record DepthDiff(long firstId, long lastId, long previousLastId, List<Level> bids, List<Level> asks,
                        Instant time) {

    /** A price and its new absolute quantity; zero quantity removes the level. */
    public record Level(BigDecimal price, BigDecimal quantity) {
        public Level {
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(quantity, "quantity");
        }

        public BookLevel toBookLevel() {
            return new BookLevel(price, quantity);
        }
    }

    public DepthDiff {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
        Objects.requireNonNull(time, "time");
    }
}
