package io.mmkit.exchange.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmkit.core.model.BookLevel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * A diff's {@code [["price", "quantity"], ...]} array, as both Backpack and Binance send it; a missing array
     * is no levels.
     *
     * @throws NumberFormatException if a price or quantity is not a decimal
     */
    public static List<Level> levels(JsonNode array) {
        List<Level> out = new ArrayList<>();
        if (array != null) {
            for (JsonNode level : array) {
                out.add(new Level(new BigDecimal(level.get(0).asText()), new BigDecimal(level.get(1).asText())));
            }
        }
        return out;
    }
}
