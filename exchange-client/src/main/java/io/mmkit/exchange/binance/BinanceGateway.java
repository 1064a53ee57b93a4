package io.mmkit.exchange.binance;

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
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import io.mmkit.exchange.ws.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance spot or USDⓈ-M futures behind the core port, and every venue that copied Binance futures' API (Aster):
 * the {@link BinanceMarket dialect} says which paths, the {@link BinanceAuth} how calls are signed.
 *
 * <p>Owns its {@link VenueSession} (OkHttp client and scheduler) and releases it in {@link #close()}.
 * Thread-safe; every call may block on REST I/O, bounded by the configured call timeout and retries.
 */
public final class BinanceGateway implements ExchangeGateway {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceGateway.class);
    /** Binance expires a listen key after 60 minutes without a keep-alive; it asks for one every 30. */
    private static final Duration LISTEN_KEY_KEEP_ALIVE = Duration.ofMinutes(30);

    private final BinanceRestApi api;
    private final VenueSession session;
    private final StreamingSubscriptions streams;
    private final PlacementRecovery<BinanceDtos.Order> placements;
    private final Map<String, Instrument> instruments = new ConcurrentHashMap<>();
    private final ClientIdsByOrderId clientIds = new ClientIdsByOrderId();

    private BinanceGateway(BinanceRestApi api, VenueSession session) {
        this.api = api;
        this.session = session;
        this.streams = new StreamingSubscriptions(session, api.market().continuity(), this::restBook,
                this::fillsSince, this::sockets);
        this.placements = new PlacementRecovery<>(api.market().venue(), r -> api.placeOrder(r, session.now()),
                api::queryOrder, (r, found) -> BinanceAdapters.placeResult(r, found, session.now()));
    }

    /**
     * Builds a gateway for {@code config.market()} (spot: {@code /api/v3}, perpetual: {@code /fapi/v1}). Does no
     * I/O: the first call connects.
     *
     * @param random jitter for retries and reconnects; pass a seeded generator for repeatable runs
     */
    public static BinanceGateway open(VenueConfig config, TimeSource time, RandomGenerator random) {
        return open(config, time, random, VenueObserver.NONE);
    }

    /** Like {@link #open(VenueConfig, TimeSource, RandomGenerator)}, reporting its traffic to {@code observer}. */
    public static BinanceGateway open(VenueConfig config, TimeSource time, RandomGenerator random,
                                      VenueObserver observer) {
        return open(config, BinanceMarket.of(config.market()),
                new BinanceHmacAuth(config.apiKey(), new BinanceSigner(config.secret()), config.recvWindowMillis()),
                time, random, observer);
    }

    /**
     * Builds a gateway for another Binance-shaped dialect (Aster v1 or v3) signed by {@code auth}. Does no I/O.
     *
     * @param random jitter for retries and reconnects; pass a seeded generator for repeatable runs
     */
    public static BinanceGateway open(VenueConfig config, BinanceMarket market, BinanceAuth auth, TimeSource time,
                                      RandomGenerator random) {
        return open(config, market, auth, time, random, VenueObserver.NONE);
    }

    /** Like {@link #open(VenueConfig, BinanceMarket, BinanceAuth, TimeSource, RandomGenerator)}, observed. */
    public static BinanceGateway open(VenueConfig config, BinanceMarket market, BinanceAuth auth, TimeSource time,
                                      RandomGenerator random, VenueObserver observer) {
        VenueSession session = VenueSession.open(market.venue(), config, time, random, observer);
        BinanceErrors errors = new BinanceErrors(session.mapper(), market.venue());
        RestTransport transport = session.transport(errors, market.weightPerMinute());
        BinanceRestApi api = new BinanceRestApi(transport, market, HttpUrl.get(config.baseUrl()), auth,
                session.mapper(), errors);
        BinanceGateway gateway = new BinanceGateway(api, session);
        transport.onClockSkew(gateway::syncTime);
        return gateway;
    }

    @Override
    public String venue() {
        return api.market().venue();
    }

    @Override
    public Instrument instrument(String symbol) {
        Instrument cached = instruments.get(symbol);
        if (cached != null) {
            return cached;
        }
        for (BinanceDtos.SymbolInfo info : api.exchangeInfo(symbol).symbols()) {
            if (symbol.equals(info.symbol())) {
                Instrument loaded = BinanceAdapters.instrument(info, api.market());
                instruments.put(symbol, loaded);
                return loaded;
            }
        }
        throw new ExchangeException(venue(), "unknown market " + symbol);
    }

    /**
     * Opens the market and user-data streams for {@code symbol}, with REST fill polling while the user stream
     * is down. Returns at once; events reach {@code listener} on a dispatcher thread of this subscription.
     *
     * <p>REST-only mode ({@code "streams": false}): opens no socket, creates no listen key and starts no
     * thread; tells {@code listener} once, on the calling thread, that the private stream is down, so the caller
     * polls {@link #fillsSince} itself. Book tops then always come from REST.
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

    /**
     * Places one order. When the answer is lost (timeout, reset, 5xx, unreadable body) the order is looked up by
     * its client id; it is never sent a second time.
     */
    @Override
    public PlaceResult place(OrderRequest request) {
        PlaceResult result = placements.place(request);
        if (result instanceof PlaceResult.Accepted accepted) {
            clientIds.learn(accepted.order().orderId(), accepted.order().clientOrderId());
        }
        return result;
    }

    /**
     * Places up to five futures orders in one {@code batchOrders} request, answered one result per order in the
     * order given. Not part of the core port (the engine places one by one, each with lookup-on-unknown-outcome);
     * a lost answer here is an {@link ExchangeException}, after which the caller looks each order up. Blocks on REST.
     */
    public List<PlaceResult> placeBatch(List<OrderRequest> requests) {
        return api.placeBatch(requests, session.now());
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        return api.cancel(symbol, clientOrderId) ? CancelResult.CANCELLED : CancelResult.NOT_FOUND;
    }

    /**
     * Futures: {@code DELETE /fapi/v1/batchOrders}, ten client ids a request. Spot has no batch cancel by
     * client id, so it cancels one by one. Blocks on REST.
     */
    @Override
    public int cancelOrders(String symbol, Collection<String> clientOrderIds) {
        if (!api.market().isFutures()) {
            return ExchangeGateway.super.cancelOrders(symbol, clientOrderIds);
        }
        List<String> all = List.copyOf(clientOrderIds);
        int cancelled = 0;
        for (int from = 0; from < all.size(); from += BinanceRestApi.MAX_BATCH_CANCEL) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BinanceRestApi.MAX_BATCH_CANCEL));
            cancelled += api.cancelBatch(symbol, batch).size();
        }
        return cancelled;
    }

    /** Futures: ten ids a {@code batchOrders} request; spot: one. */
    @Override
    public int cancelBatchSize() {
        return api.market().isFutures() ? BinanceRestApi.MAX_BATCH_CANCEL : 1;
    }

    /** Cancels every open order on the symbol; Binance does not say how many, so they are counted first. */
    @Override
    public int cancelAll(String symbol) {
        int open = api.openOrders(symbol).size();
        if (open > 0) {
            api.cancelAll(symbol);
        }
        return open;
    }

    @Override
    public List<OpenOrder> openOrders(String symbol) {
        Instant now = session.now();
        List<OpenOrder> out = new ArrayList<>();
        for (BinanceDtos.Order order : api.openOrders(symbol)) {
            clientIds.learn(Long.toString(order.orderId()), order.clientOrderId());
            out.add(BinanceAdapters.openOrder(order, now));
        }
        return out;
    }

    /** {@code GET order} by {@code origClientOrderId}: Binance answers for open and closed orders alike. */
    @Override
    public Optional<OrderState> order(String symbol, String clientOrderId) {
        Optional<BinanceDtos.Order> found = api.queryOrder(symbol, clientOrderId);
        found.ifPresent(o -> clientIds.learn(Long.toString(o.orderId()), o.clientOrderId()));
        return found.map(BinanceAdapters::orderState);
    }

    @Override
    public List<Balance> balances() {
        return api.market().isFutures() ? BinanceAdapters.futuresBalances(api.futuresBalances())
                : BinanceAdapters.spotBalances(api.spotAccount());
    }

    @Override
    public List<Position> positions() {
        if (!api.market().isFutures()) {
            return List.of();
        }
        List<Position> out = new ArrayList<>();
        for (BinanceDtos.PositionRisk p : api.positionRisk()) {
            if (p.positionAmt() != null && p.positionAmt().signum() != 0) {
                out.add(BinanceAdapters.position(p));
            }
        }
        return out;
    }

    /**
     * The trade history from {@code since}. The history names each trade's order by the venue's id only, so each
     * fill gets its client id from the orders this gateway placed or listed, else from one {@code GET order} by
     * {@code orderId} (remembered): a fill booked after a restart still reaches the order it belongs to. A lookup
     * that fails leaves that fill without a client id (booked to the position, attributed to no order).
     */
    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        List<Fill> out = new ArrayList<>();
        for (BinanceDtos.UserTrade trade : api.userTrades(symbol, since.toEpochMilli())) {
            Fill fill = BinanceAdapters.fill(trade);
            out.add(fill.clientOrderId() == null ? withClientId(symbol, fill, trade.orderId()) : fill);
        }
        return out;
    }

    private Fill withClientId(String symbol, Fill fill, long orderId) {
        String clientId = clientIds.get(fill.orderId());
        if (clientId == null) {
            try {
                clientId = api.queryOrderById(symbol, orderId).map(BinanceDtos.Order::clientOrderId).orElse("");
                clientIds.remember(fill.orderId(), clientId);
            } catch (ExchangeException e) {
                LOG.warn("{}: cannot tie trade {} to a client id yet ({})", venue(), fill.fillId(), e.getMessage());
            }
        }
        return clientId == null || clientId.isEmpty() ? fill : new Fill(fill.fillId(), fill.orderId(), clientId,
                fill.symbol(), fill.side(), fill.price(), fill.quantity(), fill.fee(), fill.feeAsset(),
                fill.liquidity(), fill.time());
    }

    /**
     * Sets the futures leverage for {@code symbol}. Blocks on REST.
     *
     * @throws ExchangeException on spot, which has no leverage setting (nothing is sent), or when the call fails
     */
    @Override
    public void setLeverage(String symbol, int leverage) {
        if (!api.market().isFutures()) {
            throw new ExchangeException(venue(), "spot has no leverage setting");
        }
        api.setLeverage(symbol, leverage);
    }

    /** Learns the offset between our clock and Binance's, so {@code timestamp} falls inside {@code recvWindow}. */
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

    /**
     * The combined market stream, and the user data stream whose URL carries a listen key created on every
     * (re)connect and kept alive every 30 minutes on the session's scheduler.
     */
    private List<ReconnectingWebSocket> sockets(String symbol, BookFeed feed, FillPoller poller,
                                                EventDispatcher dispatcher) {
        String wsUrl = session.config().wsUrl();
        ReconnectingWebSocket market = session.socket(venue() + " market " + symbol, () -> wsUrl + "/stream",
                BinanceStreamListener.market(symbol, api.market(), session.mapper(), feed, dispatcher));
        AtomicReference<String> listenKey = new AtomicReference<>();
        AtomicReference<ReconnectingWebSocket> userRef = new AtomicReference<>();
        ReconnectingWebSocket user = session.socket(venue() + " user " + symbol, () -> {
            listenKey.set(api.createListenKey());
            return wsUrl + "/ws/" + listenKey.get();
        }, BinanceStreamListener.user(symbol, api.market(), session.mapper(), dispatcher, poller,
                () -> reconnect(userRef.get())));
        userRef.set(user);
        long period = LISTEN_KEY_KEEP_ALIVE.toMillis();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(session.scheduler().scheduleAtFixedRate(() -> keepAlive(listenKey.get(), user, task.get()),
                period, period, TimeUnit.MILLISECONDS));
        return List.of(market, user);
    }

    /** Keeps the listen key alive while its socket lives; ends itself once the socket was closed (replaced). */
    private void keepAlive(String key, ReconnectingWebSocket user, ScheduledFuture<?> self) {
        if (user.isClosed()) {
            if (self != null) {
                self.cancel(false);
            }
            return;
        }
        if (key == null) {
            return;
        }
        try {
            api.keepAliveListenKey(key);
        } catch (ExchangeException e) {
            LOG.warn("{}: listen key keep-alive failed ({}); reconnecting the user stream", venue(), e.getMessage());
            reconnect(user);
        }
    }

    private static void reconnect(ReconnectingWebSocket socket) {
        if (socket != null) {
            socket.reconnect();
        }
    }

    private OrderBook restBook(String symbol, int depth) {
        return BinanceAdapters.orderBook(symbol, api.depth(symbol, depth), depth, session.now());
    }
}
