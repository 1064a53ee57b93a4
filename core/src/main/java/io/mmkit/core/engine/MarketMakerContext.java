package io.mmkit.core.engine;

import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.store.TradeStore;
import io.mmkit.core.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link MarketMaker} is given: settings, time, store, id source and the markets it trades.
 * The first market is the primary one, where {@link MarketMaker#quotes} rest; others (e.g. a hedge venue)
 * are reached by name. The engine closes every gateway and the store at shutdown.
 */
public record MarketMakerContext(
        EngineSettings settings,
        TimeSource time,
        TradeStore store,
        ClientOrderIds ids,
        List<MarketSpec> markets) {

    /** One symbol on one venue, named for the strategy (e.g. {@code primary}, {@code hedge}). */
    public record MarketSpec(String name, ExchangeGateway gateway, String symbol) {
        public MarketSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(gateway, "gateway");
            Objects.requireNonNull(symbol, "symbol");
        }
    }

    public static final String PRIMARY = "primary";

    public MarketMakerContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(ids, "ids");
        markets = List.copyOf(markets);
        if (markets.isEmpty()) {
            throw new IllegalArgumentException("a market maker needs at least one market");
        }
    }

    public static MarketMakerContext of(EngineSettings settings, TimeSource time, TradeStore store,
                                        ClientOrderIds ids, ExchangeGateway gateway, String symbol) {
        return new MarketMakerContext(settings, time, store, ids, List.of(new MarketSpec(PRIMARY, gateway, symbol)));
    }

    /** This context plus one more market, e.g. a hedge venue. */
    public MarketMakerContext withMarket(String name, ExchangeGateway gateway, String symbol) {
        List<MarketSpec> all = new ArrayList<>(markets);
        all.add(new MarketSpec(name, gateway, symbol));
        return new MarketMakerContext(settings, time, store, ids, all);
    }
}
