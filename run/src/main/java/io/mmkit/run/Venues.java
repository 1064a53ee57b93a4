package io.mmkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.config.ConfigException;
import io.mmkit.exchange.Gateways;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.time.TimeSource;
import java.util.Map;

/** Turns an {@code exchange} config section into a validated, not yet opened, venue. */
final class Venues {

    /** A venue whose config passed validation. Opening it may do I/O. */
    @FunctionalInterface
    interface Validated {
        ExchangeGateway open(TimeSource time);
    }

    private static final java.util.Set<String> REAL_VENUES = java.util.Set.of("backpack", "binance");

    private Venues() {
    }

    /**
     * Validates a section for {@code symbol} without any I/O.
     *
     * @param path where the section sits, for messages (e.g. {@code exchange}, {@code markets.hedge.exchange})
     */
    static Validated validate(String path, Map<String, Object> section, String symbol, Map<String, String> env) {
        Object name = section.get("name");
        if (!(name instanceof String venue) || venue.isBlank()) {
            throw new ConfigException(path + ".name", "required key is missing");
        }
        if (SimulatedVenue.NAME.equals(venue)) {
            SimulatedVenue sim = SimulatedVenue.from(symbol, section);
            return sim::open;
        }
        if (PaperVenue.NAME.equals(venue)) {
            PaperVenue paper = PaperVenue.from(path, section);
            return time -> paper.open(symbol, time);
        }
        if (REAL_VENUES.contains(venue)) {
            JsonNode tree = new ObjectMapper().valueToTree(section);
            Gateways.validate(tree, env);
            return time -> Gateways.open(tree, env, time);
        }
        throw new ConfigException(path + ".name", "unknown exchange \"" + venue
                + "\" (available: simulated, paper, backpack, binance)");
    }
}
