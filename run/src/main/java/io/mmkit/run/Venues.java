package io.mmkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.config.ConfigException;
import io.mmkit.exchange.Gateways;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.VenueObserver;
import java.util.Map;

/** Turns an {@code exchange} config section into a validated, not yet opened, venue. */
final class Venues {

    /** A venue whose config passed validation. Opening it does no I/O; the gateway connects on its first call. */
    interface Validated {
        /** The gateway the bot runs on. The caller closes it. */
        ExchangeGateway open(TimeSource time);

        /** Like {@link #open(TimeSource)}, the venue client reporting its REST and stream traffic to {@code observer}. */
        default ExchangeGateway open(TimeSource time, VenueObserver observer) {
            return open(time);
        }

        /**
         * A gateway of its own for the pre-flight's read-only calls, trying each call once so an unreachable
         * venue fails within its connect timeout. The caller closes it.
         */
        ExchangeGateway openForPreflight(TimeSource time);

        /** Where the venue is, for messages: its REST root, or the embedded simulator. */
        String endpoint();
    }

    private static final java.util.Set<String> REAL_VENUES = java.util.Set.of("backpack", "binance",
            "aster", "hyperliquid");

    private Venues() {
    }

    /** Whether {@code name} is an {@code exchange.name} this build can run on. */
    static boolean knows(String name) {
        return SimulatedVenue.NAME.equals(name) || PaperVenue.NAME.equals(name) || REAL_VENUES.contains(name);
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
            // The same seed gives the pre-flight's copy the same market the bot will see.
            return new Validated() {
                @Override
                public ExchangeGateway open(TimeSource time) {
                    return sim.open(time);
                }

                @Override
                public ExchangeGateway openForPreflight(TimeSource time) {
                    return sim.open(time);
                }

                @Override
                public String endpoint() {
                    return "the embedded simulated exchange";
                }
            };
        }
        if (PaperVenue.NAME.equals(venue)) {
            PaperVenue paper = PaperVenue.from(path, section);
            // The pre-flight's own paper market streams the same public data; it places nothing.
            return new Validated() {
                @Override
                public ExchangeGateway open(TimeSource time) {
                    return paper.open(symbol, time);
                }

                @Override
                public ExchangeGateway openForPreflight(TimeSource time) {
                    return paper.open(symbol, time);
                }

                @Override
                public String endpoint() {
                    return paper.endpoint();
                }
            };
        }
        if (REAL_VENUES.contains(venue)) {
            JsonNode tree = new ObjectMapper().valueToTree(section);
            Gateways.validate(tree, env);
            return new Validated() {
                @Override
                public ExchangeGateway open(TimeSource time) {
                    return Gateways.open(tree, env, time);
                }

                @Override
                public ExchangeGateway open(TimeSource time, VenueObserver observer) {
                    return Gateways.open(tree, env, time, observer);
                }

                @Override
                public ExchangeGateway openForPreflight(TimeSource time) {
                    return Gateways.openSingleAttempt(tree, env, time);
                }

                @Override
                public String endpoint() {
                    return venue + " at " + Gateways.baseUrl(tree, env);
                }
            };
        }
        throw new ConfigException(path + ".name", "unknown exchange \"" + venue
                + "\" (available: simulated, paper, backpack, binance, aster, hyperliquid)");
    }
}
