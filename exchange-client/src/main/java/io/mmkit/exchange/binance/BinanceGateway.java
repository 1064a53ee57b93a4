package io.mmkit.exchange.binance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.exchange.TransportException;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.http.Backoff;
import io.mmkit.exchange.http.HttpClients;
import io.mmkit.exchange.http.Json;
import io.mmkit.exchange.http.RestTransport;
import io.mmkit.exchange.http.ServerClock;
import io.mmkit.exchange.http.WeightRateLimiter;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.EventDispatcher;
import io.mmkit.exchange.ws.FillPoller;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import io.mmkit.exchange.ws.StreamSettings;
import io.mmkit.exchange.ws.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance spot or USDⓈ-M futures behind the core port.
 *
 * <p>Owns its OkHttp client and its scheduler, and releases both in {@link #close()}. Thread-safe; every call
 * may block on REST I/O, bounded by the configured call timeout and retries.
 */
public final class BinanceGateway implements ExchangeGateway {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceGateway.class);
    /** Binance expires a listen key after 60 minutes without a keep-alive; it asks for one every 30. */
    private static final Duration LISTEN_KEY_KEEP_ALIVE = Duration.ofMinutes(30);

    private final BinanceRestApi api;
    private final OkHttpClient client;
    private final ServerClock clock;
    private final ScheduledExecutorService scheduler;
    private final VenueConfig config;
    private final RandomGenerator random;
    private final ObjectMapper mapper;
    private final Map<String, Instrument> instruments = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private BinanceGateway(BinanceRestApi api, OkHttpClient client, ServerClock clock,
                           ScheduledExecutorService scheduler, VenueConfig config, RandomGenerator random,
                           ObjectMapper mapper) {
        this.api = api;
        this.client = client;
        this.clock = clock;
        this.scheduler = scheduler;
        this.config = config;
        this.random = random;
        this.mapper = mapper;
    }

    /**
     * Builds a gateway for {@code config.market()} (spot: {@code /api/v3}, perpetual: {@code /fapi/v1}). Does no
     * I/O: the first call connects.
     *
     * @param random jitter for retries and reconnects; pass a seeded generator for repeatable runs
     */
    public static BinanceGateway open(VenueConfig config, TimeSource time, RandomGenerator random) {
        BinanceMarket market = BinanceMarket.of(config.market());
        OkHttpClient client = HttpClients.create(config.http(), config.streams().pingInterval());
        ObjectMapper mapper = Json.newMapper();
        BinanceErrors errors = new BinanceErrors(mapper);
        ServerClock clock = new ServerClock(time);
        RestTransport transport = new RestTransport(BinanceErrors.VENUE, client, config.http(), clock,
                config.http().rateLimited()
                        ? new WeightRateLimiter(time, market.weightPerMinute(), Duration.ofMinutes(1))
                        : WeightRateLimiter.unbounded(time),
                new Backoff(config.http().baseBackoff(), config.http().maxBackoff(), random), errors,
                config.redactor());
        BinanceRestApi api = new BinanceRestApi(transport, market, HttpUrl.get(config.baseUrl()), config.apiKey(),
                new BinanceSigner(config.secret()), config.recvWindowMillis(), mapper, errors);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "binance-streams");
            t.setDaemon(true);
            return t;
        });
        BinanceGateway gateway = new BinanceGateway(api, client, clock, scheduler, config, random, mapper);
        transport.onClockSkew(gateway::syncTime);
        return gateway;
    }

    @Override
    public String venue() {
        return BinanceErrors.VENUE;
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
        if (closed) {
            throw new IllegalStateException("gateway is closed");
        }
        StreamSettings s = config.streams();
        if (!s.enabled()) {
            LOG.info("binance {}: streams off (REST-only): book from REST, fills by the caller's polling", symbol);
            listener.onConnectionState(false);
            return;
        }
        TimeSource time = clock.timeSource();
        EventDispatcher dispatcher = new EventDispatcher(listener, "binance-events-" + symbol, 10_000);
        BookFeed feed = new BookFeed(symbol, api.market().continuity(), () -> restBook(symbol, 1000), scheduler, time,
                dispatcher);
        FillPoller poller = new FillPoller(symbol, since -> fillsSince(symbol, since), dispatcher, scheduler, time,
                s.fillPollInterval());
        ReconnectingWebSocket market = socket("binance market " + symbol, () -> config.wsUrl() + "/stream",
                BinanceStreamListener.market(symbol, api.market(), mapper, feed, dispatcher));
        AtomicReference<String> listenKey = new AtomicReference<>();
        AtomicReference<ReconnectingWebSocket> userRef = new AtomicReference<>();
        ReconnectingWebSocket user = socket("binance user " + symbol, () -> {
            listenKey.set(api.createListenKey());
            return config.wsUrl() + "/ws/" + listenKey.get();
        }, BinanceStreamListener.user(symbol, api.market(), mapper, dispatcher, poller,
                () -> reconnect(userRef.get())));
        userRef.set(user);
        Subscription subscription = new Subscription(feed, poller, dispatcher, List.of(market, user));
        Subscription previous = subscriptions.put(symbol, subscription);
        if (previous != null) {
            previous.close();
        }
        subscription.start();
        long period = LISTEN_KEY_KEEP_ALIVE.toMillis();
        scheduler.scheduleAtFixedRate(() -> keepAlive(listenKey.get(), user), period, period, TimeUnit.MILLISECONDS);
    }

    /** The streamed top when fresh; otherwise a REST depth snapshot. Never a quote older than {@code stale_after}. */
    @Override
    public BookTop bookTop(String symbol) {
        Subscription s = subscriptions.get(symbol);
        if (s != null) {
            Optional<BookTop> fresh = s.feed().freshTop(config.streams().staleAfter());
            if (fresh.isPresent()) {
                return fresh.get();
            }
        }
        return restBook(symbol, 5).top()
                .orElseThrow(() -> new ExchangeException(venue(), symbol + ": the book has no bid or no ask"));
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        Subscription s = subscriptions.get(symbol);
        if (s != null) {
            Optional<OrderBook> fresh = s.feed().freshBook(depth, config.streams().staleAfter());
            if (fresh.isPresent()) {
                return fresh.get();
            }
        }
        return restBook(symbol, depth);
    }

    /**
     * Places one order. When the answer is lost (timeout, reset, 5xx, unreadable body) the order is looked up by
     * its client id; it is never sent a second time.
     */
    @Override
    public PlaceResult place(OrderRequest request) {
        try {
            return api.placeOrder(request, clock.timeSource().now());
        } catch (TransportException unknown) {
            LOG.warn("binance: placement {} outcome unknown ({}); looking it up", request.clientOrderId(),
                    unknown.getMessage());
            Optional<BinanceDtos.Order> found;
            try {
                found = api.queryOrder(request.symbol(), request.clientOrderId());
            } catch (ExchangeException lookupFailed) {
                unknown.addSuppressed(lookupFailed);
                throw unknown;
            }
            if (found.isPresent()) {
                return BinanceAdapters.placeResult(request, found.get(), clock.timeSource().now());
            }
            throw new TransportException(venue(), "placement " + request.clientOrderId()
                    + " not confirmed and unknown to the venue; not re-sent", unknown);
        }
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        return api.cancel(symbol, clientOrderId) ? CancelResult.CANCELLED : CancelResult.NOT_FOUND;
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
        Instant now = clock.timeSource().now();
        List<OpenOrder> out = new ArrayList<>();
        for (BinanceDtos.Order order : api.openOrders(symbol)) {
            out.add(BinanceAdapters.openOrder(order, now));
        }
        return out;
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

    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        List<Fill> out = new ArrayList<>();
        for (BinanceDtos.UserTrade trade : api.userTrades(symbol, since.toEpochMilli())) {
            out.add(BinanceAdapters.fill(trade));
        }
        return out;
    }

    /**
     * Sets the futures leverage for {@code symbol}. Blocks on REST.
     *
     * @throws ExchangeException on spot, which has no leverage setting (nothing is sent), or when the call fails
     */
    @Override
    public void setLeverage(String symbol, int leverage) {
        if (!api.market().isFutures()) {
            throw new ExchangeException(venue(), "binance spot has no leverage setting");
        }
        api.setLeverage(symbol, leverage);
    }

    /** Learns the offset between our clock and Binance's, so {@code timestamp} falls inside {@code recvWindow}. */
    public void syncTime() {
        Instant sent = clock.timeSource().now();
        long server = api.serverTime();
        clock.sync(server, sent, clock.timeSource().now());
        LOG.info("binance: clock offset {} ms", clock.offsetMillis());
    }

    /** The live subscription for {@code symbol}; for tests and health checks. */
    public Optional<Subscription> subscription(String symbol) {
        return Optional.ofNullable(subscriptions.get(symbol));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriptions.values().forEach(Subscription::close);
        subscriptions.clear();
        scheduler.shutdownNow();
        HttpClients.shutdown(client);
    }

    private void keepAlive(String key, ReconnectingWebSocket user) {
        if (key == null) {
            return;
        }
        try {
            api.keepAliveListenKey(key);
        } catch (ExchangeException e) {
            LOG.warn("binance: listen key keep-alive failed ({}); reconnecting the user stream", e.getMessage());
            reconnect(user);
        }
    }

    private static void reconnect(ReconnectingWebSocket socket) {
        if (socket != null) {
            socket.reconnect();
        }
    }

    private ReconnectingWebSocket socket(String name, java.util.function.Supplier<String> url,
                                         ReconnectingWebSocket.Handler handler) {
        StreamSettings s = config.streams();
        return new ReconnectingWebSocket(name, client, url, handler,
                new Backoff(s.reconnectBase(), s.reconnectMax(), random), scheduler, s.silenceTimeout(),
                config.redactor());
    }

    private OrderBook restBook(String symbol, int depth) {
        return BinanceAdapters.orderBook(symbol, api.depth(symbol, depth), depth, clock.timeSource().now());
    }
}
