package io.mmkit.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.Trade;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.binance.BinanceMarketData;
import java.util.Map;
import java.util.Random;

/**
 * A venue's public market data only — instrument rules over REST, the streamed book (the live gateway's
 * {@link io.mmkit.exchange.ws.BookFeed}: diffs, REST snapshot, resync after a gap or reconnect) and public trades
 * — with no account, no keys and no private stream. What a paper run trades against.
 *
 * <p>The section is a live venue section ({@link Gateways}); key entries in it are neither required nor used.
 * Binance only for now: Backpack's public streams are not wired here yet.
 */
public interface PublicMarketData extends AutoCloseable {

    /** Told of every book change and public trade of a subscribed symbol, in stream order, on one thread. */
    interface Listener {
        /** The whole synced book (at most {@link #BOOK_LEVELS} levels a side) after an update. */
        void onBook(OrderBook book);

        void onTrade(Trade trade);
    }

    /** Levels a side handed to {@link Listener#onBook}: the depth the live book is seeded with. */
    int BOOK_LEVELS = 1000;

    /** The variable the placeholder key is read from: public endpoints are not signed, so any value does. */
    String NO_KEY = "MMKIT_PUBLIC_DATA_NO_KEY";

    String venue();

    /** The instrument's tick, step and minimums from the venue's public REST. Blocks. */
    Instrument instrument(String symbol);

    /** Opens the public streams of {@code symbol}. Returns at once; events reach {@code listener} later. */
    void subscribe(String symbol, Listener listener);

    /** Closes the streams, the scheduler and the client. Idempotent; never throws. */
    @Override
    void close();

    /**
     * Checks a market-data section without I/O.
     *
     * @param path where the section sits, for messages (e.g. {@code exchange.market_data})
     * @throws ConfigException naming the offending key
     */
    static void validate(String path, JsonNode section) {
        config(path, section);
    }

    /** Validates the section and builds its market data; no I/O until the first call. */
    static PublicMarketData open(String path, JsonNode section, TimeSource time) {
        VenueConfig config = config(path, section);
        return BinanceMarketData.open(config, time, new Random(time.now().toEpochMilli()));
    }

    private static VenueConfig config(String path, JsonNode section) {
        if (section == null || !section.isObject()) {
            throw new ConfigException(path, "must be an object: a binance venue section, as a live config has");
        }
        String name = section.path("name").asText("");
        if (name.equalsIgnoreCase("backpack")) {
            throw new ConfigException(path + ".name", "paper trading reads Binance market data only, was \"backpack\"");
        }
        ObjectNode keyless = section.deepCopy();
        keyless.put("api_key_env", NO_KEY);
        keyless.put("secret_key_env", NO_KEY);
        VenueConfig config;
        try {
            config = Gateways.read(keyless, Map.of(NO_KEY, "unused"));
        } catch (ConfigException e) {
            // Gateways names its keys under "exchange"; this section sits elsewhere.
            String key = e.key();
            String problem = key.isEmpty() ? e.getMessage() : e.getMessage().substring(key.length() + 2);
            throw new ConfigException(key.startsWith("exchange") ? path + key.substring("exchange".length()) : path,
                    problem);
        }
        if (!"binance".equals(config.name())) {
            throw new ConfigException(path + ".name", "paper trading reads Binance market data only, was \""
                    + config.name() + "\"");
        }
        if (!config.streams().enabled()) {
            throw new ConfigException(path + ".streams", "paper trading needs the venue's streams (true)");
        }
        return config;
    }
}
