package io.mmkit.exchange.backpack;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderState;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.VenueObserver;
import io.mmkit.exchange.http.RestTransport;
import io.mmkit.exchange.venue.PlacementRecovery;
import io.mmkit.exchange.venue.StreamingSubscriptions;
import io.mmkit.exchange.venue.VenueSession;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.EventDispatcher;
import io.mmkit.exchange.ws.FillPoller;
import io.mmkit.exchange.ws.LocalOrderBook;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import io.mmkit.exchange.ws.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;

/**
 * The Backpack venue (spot and perpetual markets share one API; the symbol decides) behind the core port.
 *
 * <p>Owns its {@link VenueSession} (OkHttp client and scheduler) and releases it in {@link #close()}.
 * Thread-safe; every call may block on REST I/O, bounded by the configured call timeout and retries.
 */
public final class BackpackGateway implements ExchangeGateway {
    /** Backpack's documented default limit: 2000 requests a minute per sub-account. */
    private static final int REQUESTS_PER_MINUTE = 2000;

    private final BackpackRestApi api;
    private final VenueSession session;
    private final StreamingSubscriptions streams;
    private final PlacementRecovery<BackpackDtos.Order> placements;
    private final Map<String, Instrument> instruments = new ConcurrentHashMap<>();

    private BackpackGateway(BackpackRestApi api, VenueSession session) {
        this.api = api;
        this.session = session;
        this.streams = new StreamingSubscriptions(session, LocalOrderBook.Continuity.NEXT_ID, this::restBook,
                this::fillsSince, this::sockets);
        this.placements = new PlacementRecovery<>(BackpackErrors.VENUE, r -> api.execute(r, session.now()),
                api::queryOrder, (r, found) -> BackpackAdapters.placeResult(r, found, session.now()));
    }

    /**
     * Builds a gateway. Does no I/O: the first call connects.
     *
     * @param random jitter for retries and reconnects; pass a seeded generator for repeatable runs
     * @throws IllegalArgumentException if the secret is not a base64 32-byte seed
     */
    public static BackpackGateway open(VenueConfig config, TimeSource time, RandomGenerator random) {
        return open(config, time, random, VenueObserver.NONE);
    }

    /** Like {@link #open(VenueConfig, TimeSource, RandomGenerator)}, reporting its traffic to {@code observer}. */
    public static BackpackGateway open(VenueConfig config, TimeSource time, RandomGenerator random,
                                 VenueObserver observer) {
        BackpackSigner signer = BackpackSigner.fromBase64Seed(config.secret());
        VenueSession session = VenueSession.open(BackpackErrors.VENUE, config, time, random, observer);
        BackpackErrors errors = new BackpackErrors(session.mapper());
        RestTransport transport = session.transport(errors, REQUESTS_PER_MINUTE);
        BackpackRestApi api = new BackpackRestApi(transport, HttpUrl.get(config.baseUrl()), config.apiKey(), signer,
                config.recvWindowMillis(), session.mapper(), errors);
        BackpackGateway gateway = new BackpackGateway(api, session);
        transport.onClockSkew(gateway::syncTime);
        return gateway;
    }

    @Override
    public String venue() {
        return BackpackErrors.VENUE;
    }

    @Override
    public Instrument instrument(String symbol) {
        Instrument cached = instruments.get(symbol);
        if (cached != null) {
            return cached;
        }
        for (BackpackDtos.Market market : api.markets()) {
            if (market.filters() != null && market.filters().price() != null && market.filters().quantity() != null) {
                instruments.put(market.symbol(), BackpackAdapters.instrument(market));
            }
        }
        Instrument loaded = instruments.get(symbol);
        if (loaded == null) {
            throw new ExchangeException(venue(), "unknown market " + symbol);
        }
        return loaded;
    }

    /**
     * Opens the market and account streams for {@code symbol}, with REST fill polling while the account stream
     * is down. Returns at once; events reach {@code listener} on a dispatcher thread of this subscription.
     *
     * <p>REST-only mode ({@code "streams": false}): opens no socket and starts no thread; tells
     * {@code listener} once, on the calling thread, that the private stream is down, so the caller polls
     * {@link #fillsSince} itself. Book tops then always come from REST.
     */
    @Override
    public void subscribe(String symbol, ExchangeListener listener) {
        streams.subscribe(symbol, listener);
    }

    /** The streamed top when fresh; otherwise a REST depth snapshot. Never a quote older than {@code stale_after}. */
    @Override
    public BookTop bookTop(String symbol) {
        return streams.bookTop(symbol);
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        return streams.orderBook(symbol, depth);
    }

    /** The 24 h ticker, as Backpack reports it. Blocks on REST. */
    public BackpackDtos.Ticker ticker(String symbol) {
        return api.ticker(symbol);
    }

    /** The account's collateral (perpetual margin), as Backpack reports it. Blocks on REST. */
    public BackpackDtos.Collateral collateral() {
        return api.collateral();
    }

    /**
     * Places one order. When the answer is lost (timeout, reset, 5xx, unreadable body) the order is looked up by
     * its client id; it is never sent a second time.
     */
    @Override
    public PlaceResult place(OrderRequest request) {
        return placements.place(request);
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        return api.cancel(symbol, clientOrderId) ? CancelResult.CANCELLED : CancelResult.NOT_FOUND;
    }

    @Override
    public int cancelAll(String symbol) {
        return api.cancelAll(symbol).size();
    }

    @Override
    public List<OpenOrder> openOrders(String symbol) {
        Instant now = session.now();
        List<OpenOrder> out = new ArrayList<>();
        for (BackpackDtos.Order order : api.openOrders(symbol)) {
            out.add(BackpackAdapters.openOrder(order, null, now));
        }
        return out;
    }

    /**
     * Two calls at most: {@code GET /api/v1/order} answers only while the order rests; after that its record is in
     * the order history ({@code /wapi/v1/history/orders}, newest page), matched by client id.
     */
    @Override
    public Optional<OrderState> order(String symbol, String clientOrderId) {
        Optional<BackpackDtos.Order> resting = api.queryOrder(symbol, clientOrderId);
        if (resting.isPresent()) {
            return Optional.of(BackpackAdapters.orderState(resting.get(), clientOrderId));
        }
        long wanted = BackpackAdapters.clientId(clientOrderId);
        for (BackpackDtos.Order o : api.orderHistory(symbol)) {
            if (o.clientId() != null && o.clientId() == wanted) {
                return Optional.of(BackpackAdapters.orderState(o, clientOrderId));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Balance> balances() {
        return BackpackAdapters.balances(api.balances());
    }

    @Override
    public List<Position> positions() {
        List<Position> out = new ArrayList<>();
        for (BackpackDtos.FuturePosition p : api.positions()) {
            out.add(BackpackAdapters.position(p));
        }
        return out;
    }

    /** Our fills at or after {@code since}; records the venue returns from before it are dropped. */
    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        List<Fill> out = new ArrayList<>();
        for (BackpackDtos.FillRecord record : api.fills(symbol, since.toEpochMilli())) {
            Fill fill = BackpackAdapters.fill(record);
            if (!fill.time().isBefore(since)) {
                out.add(fill);
            }
        }
        return out;
    }

    /** Learns the offset between our clock and Backpack's, so signed requests fall inside their window. */
    public void syncTime() {
        session.syncTime(api::serverTime);
    }

    /** The live subscription for {@code symbol}; for tests and health checks. */
    public Optional<Subscription> subscription(String symbol) {
        return streams.subscription(symbol);
    }

    /** Closes every subscription, then the session's scheduler and client. Idempotent; never throws. */
    @Override
    public void close() {
        streams.close();
        session.close();
    }

    private List<ReconnectingWebSocket> sockets(String symbol, BookFeed feed, FillPoller poller,
                                                EventDispatcher dispatcher) {
        ReconnectingWebSocket market = session.socket("backpack market " + symbol, session.config()::wsUrl,
                BackpackStreamListener.market(symbol, session.mapper(), feed));
        ReconnectingWebSocket account = session.socket("backpack account " + symbol, session.config()::wsUrl,
                BackpackStreamListener.account(symbol, session.mapper(), dispatcher, poller,
                        session.clock()::nowMillis, api::streamSignature));
        return List.of(market, account);
    }

    private OrderBook restBook(String symbol, int depth) {
        return BackpackAdapters.orderBook(symbol, api.depth(symbol), depth, session.now());
    }
}
