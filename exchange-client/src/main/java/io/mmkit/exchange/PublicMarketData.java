package io.mmkit.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.Trade;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.backpack.BackpackMarketData;
import io.mmkit.exchange.backpack.BackpackSigner;
import io.mmkit.exchange.binance.BinanceMarketData;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A venue's public market data only — instrument rules over REST, the streamed book (the live gateway's
 * {@link io.mmkit.exchange.ws.BookFeed}: diffs, REST snapshot, resync after a gap or reconnect) and public trades
 * — with no account, no keys and no private stream. What a paper run trades against.
 *
 * <p>The section is a live venue section ({@link Gateways}) naming {@code binance} (spot or perpetual) or
 * {@code backpack}; key entries in it are neither required nor used.
 */
public interface PublicMarketData extends AutoCloseable {

    /** Told of every book change and public trade of a subscribed symbol, in stream order, on one thread. */
    interface Listener {
        /** The whole synced book (at most {@link #BOOK_LEVELS} levels a side) after an update. */
        void onBook(OrderBook book);

        void onTrade(Trade trade);
    }

    /** The venues whose public market data is wired here. */
    List<String> PUBLIC_DATA_VENUES = List.of("backpack", "binance");

    /** Levels a side handed to {@link Listener#onBook}: the depth the live book is seeded with. */
    int BOOK_LEVELS = 1000;

    /**
     * The variables the placeholder key and secret are read from: public endpoints are not signed, so any pair the
     * section's checks accept does (Backpack's wants a key that is the secret's public key: the all-zero seed's).
     */
    String NO_KEY = "MMKIT_PUBLIC_DATA_NO_KEY";
    String NO_SECRET = "MMKIT_PUBLIC_DATA_NO_SECRET";

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
        Random jitter = new Random(time.now().toEpochMilli());
        return "backpack".equals(config.name()) ? BackpackMarketData.open(config, time, jitter)
                : BinanceMarketData.open(config, time, jitter);
    }

    private static VenueConfig config(String path, JsonNode section) {
        if (section == null || !section.isObject()) {
            throw new ConfigException(path, "must be an object: a binance or backpack venue section, as a live"
                    + " config has");
        }
        ObjectNode keyless = section.deepCopy();
        keyless.put("api_key_env", NO_KEY);
        keyless.put("secret_key_env", NO_SECRET);
        byte[] zeroSeed = new byte[32];
        Map<String, String> placeholders = Map.of(NO_KEY, BackpackSigner.fromSeed(zeroSeed).publicKeyBase64(),
                NO_SECRET, Base64.getEncoder().encodeToString(zeroSeed));
        VenueConfig config;
        try {
            config = Gateways.read(keyless, placeholders);
        } catch (ConfigException e) {
            // Gateways names its keys under "exchange"; this section sits elsewhere.
            String key = e.key();
            String problem = key.isEmpty() ? e.getMessage() : e.getMessage().substring(key.length() + 2);
            throw new ConfigException(key.startsWith("exchange") ? path + key.substring("exchange".length()) : path,
                    problem);
        }
        if (!PUBLIC_DATA_VENUES.contains(config.name())) {
            throw new ConfigException(path + ".name", "paper trading reads " + PUBLIC_DATA_VENUES
                    + " market data, was \"" + config.name() + "\"");
        }
        if (!config.streams().enabled()) {
            throw new ConfigException(path + ".streams", "paper trading needs the venue's streams (true)");
        }
        return config;
    }
}
