package io.mmkit.exchange.backpack;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.PublicMarketData;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.http.RestTransport;
import io.mmkit.exchange.venue.StreamedMarketData;
import io.mmkit.exchange.venue.VenueSession;
import io.mmkit.exchange.ws.LocalOrderBook;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;

/**
 * Backpack's public market data for paper trading: {@code GET /api/v1/markets} for the instrument, and the
 * {@code depth.<symbol>} and {@code trade.<symbol>} streams through the live gateway's book feed and its
 * {@code GET /api/v1/depth} resync (diffs chain by {@code U} = previous {@code u} + 1). No key, no signed call:
 * the signer it is built with never signs.
 */
public final class BackpackMarketData {
    /** Backpack's documented default limit, as the gateway's. */
    private static final int REQUESTS_PER_MINUTE = 2000;

    private BackpackMarketData() {
    }

    /** Builds it; no I/O until the first call. The config's keys are not used: public endpoints are unsigned. */
    public static PublicMarketData open(VenueConfig config, TimeSource time, RandomGenerator random) {
        VenueSession session = VenueSession.open(BackpackErrors.VENUE, config, time, random);
        BackpackErrors errors = new BackpackErrors(session.mapper());
        RestTransport transport = session.transport(errors, REQUESTS_PER_MINUTE);
        BackpackRestApi api = new BackpackRestApi(transport, HttpUrl.get(config.baseUrl()), "",
                BackpackSigner.fromSeed(new byte[32]), config.recvWindowMillis(), session.mapper(), errors);
        return new StreamedMarketData(session, symbol -> instrument(api, symbol), LocalOrderBook.Continuity.NEXT_ID,
                (symbol, depth) -> BackpackAdapters.orderBook(symbol, api.depth(symbol), depth, session.now()),
                (symbol, feed, dispatcher) -> session.socket("backpack market " + symbol, session.config()::wsUrl,
                        BackpackStreamListener.publicMarket(symbol, session.mapper(), feed, dispatcher)));
    }

    private static Instrument instrument(BackpackRestApi api, String symbol) {
        for (BackpackDtos.Market market : api.markets()) {
            if (symbol.equals(market.symbol()) && market.filters() != null && market.filters().price() != null
                    && market.filters().quantity() != null) {
                return BackpackAdapters.instrument(market);
            }
        }
        throw new ExchangeException(BackpackErrors.VENUE, "unknown market " + symbol);
    }
}
