package io.mmkit.exchange.binance;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.PublicMarketData;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.http.RestTransport;
import io.mmkit.exchange.venue.StreamedMarketData;
import io.mmkit.exchange.venue.VenueSession;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;

/**
 * Binance's public market data for paper trading: {@code exchangeInfo}, and the combined market stream
 * ({@code @depth@100ms} diffs, trades) through the live gateway's book feed and its REST depth resync.
 * No listen key, no signed call.
 */
public final class BinanceMarketData {
    private BinanceMarketData() {
    }

    /** Builds it for {@code config.market()}; no I/O until the first call. The config's keys are not used. */
    public static PublicMarketData open(VenueConfig config, TimeSource time, RandomGenerator random) {
        BinanceMarket market = BinanceMarket.of(config.market());
        VenueSession session = VenueSession.open(BinanceErrors.VENUE, config, time, random);
        BinanceErrors errors = new BinanceErrors(session.mapper());
        RestTransport transport = session.transport(errors, market.weightPerMinute());
        BinanceRestApi api = new BinanceRestApi(transport, market, HttpUrl.get(config.baseUrl()), config.apiKey(),
                new BinanceSigner(config.secret()), config.recvWindowMillis(), session.mapper(), errors);
        String wsUrl = config.wsUrl();
        return new StreamedMarketData(session, symbol -> instrument(api, symbol), market.continuity(),
                (symbol, depth) -> BinanceAdapters.orderBook(symbol, api.depth(symbol, depth), depth, session.now()),
                (symbol, feed, dispatcher) -> session.socket("binance market " + symbol, () -> wsUrl + "/stream",
                        BinanceStreamListener.market(symbol, market, session.mapper(), feed, dispatcher)));
    }

    private static Instrument instrument(BinanceRestApi api, String symbol) {
        for (BinanceDtos.SymbolInfo info : api.exchangeInfo(symbol).symbols()) {
            if (symbol.equals(info.symbol())) {
                return BinanceAdapters.instrument(info, api.market());
            }
        }
        throw new ExchangeException(BinanceErrors.VENUE, "unknown market " + symbol);
    }
}
