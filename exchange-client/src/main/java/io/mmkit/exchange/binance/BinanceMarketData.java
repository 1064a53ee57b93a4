package io.mmkit.exchange.binance;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.Trade;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.PublicMarketData;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.http.RestTransport;
import io.mmkit.exchange.venue.VenueSession;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.EventDispatcher;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;

/**
 * Binance's public market data for paper trading: {@code exchangeInfo}, and the combined market stream
 * ({@code @depth@100ms} diffs, trades) through the live gateway's {@link BookFeed} and its REST depth resync.
 * No listen key, no signed call. Thread-safe.
 */
public final class BinanceMarketData implements PublicMarketData {
    private static final int MAX_PENDING_TRADES = 10_000;

    private final BinanceRestApi api;
    private final VenueSession session;
    private final List<AutoCloseable> streams = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private BinanceMarketData(BinanceRestApi api, VenueSession session) {
        this.api = api;
        this.session = session;
    }

    /** Builds it for {@code config.market()}; no I/O until the first call. The config's keys are not used. */
    public static BinanceMarketData open(VenueConfig config, TimeSource time, RandomGenerator random) {
        BinanceMarket market = BinanceMarket.of(config.market());
        VenueSession session = VenueSession.open(BinanceErrors.VENUE, config, time, random);
        BinanceErrors errors = new BinanceErrors(session.mapper());
        RestTransport transport = session.transport(errors, market.weightPerMinute());
        BinanceRestApi api = new BinanceRestApi(transport, market, HttpUrl.get(config.baseUrl()), config.apiKey(),
                new BinanceSigner(config.secret()), config.recvWindowMillis(), session.mapper(), errors);
        return new BinanceMarketData(api, session);
    }

    @Override
    public String venue() {
        return BinanceErrors.VENUE;
    }

    @Override
    public Instrument instrument(String symbol) {
        for (BinanceDtos.SymbolInfo info : api.exchangeInfo(symbol).symbols()) {
            if (symbol.equals(info.symbol())) {
                return BinanceAdapters.instrument(info, api.market());
            }
        }
        throw new ExchangeException(venue(), "unknown market " + symbol);
    }

    @Override
    public void subscribe(String symbol, Listener listener) {
        if (closed) {
            throw new IllegalStateException("market data is closed");
        }
        Duration staleAfter = session.config().streams().staleAfter();
        AtomicReference<BookFeed> feedRef = new AtomicReference<>();
        // The dispatcher conflates book tops; on each one the whole current book is handed on, so a change
        // deep in the book that left the top alone still reaches the listener with the next top.
        EventDispatcher dispatcher = new EventDispatcher(new ExchangeListener() {
            @Override
            public void onBookTop(BookTop top) {
                BookFeed feed = feedRef.get();
                if (feed != null) {
                    feed.freshBook(BOOK_LEVELS, staleAfter).ifPresent(listener::onBook);
                }
            }

            @Override
            public void onTrade(Trade trade) {
                listener.onTrade(trade);
            }
        }, "binance-market-data-" + symbol, MAX_PENDING_TRADES);
        BookFeed feed = new BookFeed(symbol, api.market().continuity(), () -> restBook(symbol), session.scheduler(),
                session.clock().timeSource(), dispatcher);
        feed.observe(session.venue(), session.observer());
        feedRef.set(feed);
        String wsUrl = session.config().wsUrl();
        ReconnectingWebSocket socket = session.socket("binance market " + symbol, () -> wsUrl + "/stream",
                BinanceStreamListener.market(symbol, api.market(), session.mapper(), feed, dispatcher));
        streams.add(socket);
        streams.add(dispatcher);
        socket.start();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : streams) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing is best effort: the session below still goes.
            }
        }
        session.close();
    }

    private OrderBook restBook(String symbol) {
        return BinanceAdapters.orderBook(symbol, api.depth(symbol, BOOK_LEVELS), BOOK_LEVELS, session.now());
    }
}
