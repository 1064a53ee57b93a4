package io.mmkit.exchange.backpack;

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
import io.mmkit.exchange.ws.LocalOrderBook;
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
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Backpack venue (spot and perpetual markets share one API; the symbol decides) behind the core port.
 *
 * <p>Owns its OkHttp client and its scheduler, and releases both in {@link #close()}. Thread-safe; every call
 * may block on REST I/O, bounded by the configured call timeout and retries.
 */
public final class BackpackGateway implements ExchangeGateway {
    private static final Logger LOG = LoggerFactory.getLogger(BackpackGateway.class);
    /** Backpack's documented default limit: 2000 requests a minute per sub-account. */
    private static final int REQUESTS_PER_MINUTE = 2000;

    private final BackpackRestApi api;
    private final OkHttpClient client;
    private final ServerClock clock;
    private final ScheduledExecutorService scheduler;
    private final VenueConfig config;
    private final RandomGenerator random;
    private final ObjectMapper mapper;
    private final Map<String, Instrument> instruments = new ConcurrentHashMap<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private BackpackGateway(BackpackRestApi api, OkHttpClient client, ServerClock clock,
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
     * Builds a gateway. Does no I/O: the first call connects.
     *
     * @param random jitter for retries and reconnects; pass a seeded generator for repeatable runs
     * @throws IllegalArgumentException if the secret is not a base64 32-byte seed
     */
    public static BackpackGateway open(VenueConfig config, TimeSource time, RandomGenerator random) {
        StreamSettings streams = config.streams();
        OkHttpClient client = HttpClients.create(config.http(), streams.pingInterval());
        ObjectMapper mapper = Json.newMapper();
        BackpackErrors errors = new BackpackErrors(mapper);
        ServerClock clock = new ServerClock(time);
        RestTransport transport = new RestTransport(BackpackErrors.VENUE, client, config.http(), clock,
                config.http().rateLimited() ? new WeightRateLimiter(time, REQUESTS_PER_MINUTE, Duration.ofMinutes(1))
                        : WeightRateLimiter.unbounded(time),
                new Backoff(config.http().baseBackoff(), config.http().maxBackoff(), random), errors,
                config.redactor());
        BackpackRestApi api = new BackpackRestApi(transport, HttpUrl.get(config.baseUrl()), config.apiKey(),
                BackpackSigner.fromBase64Seed(config.secret()), config.recvWindowMillis(), mapper, errors);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "backpack-streams");
            t.setDaemon(true);
            return t;
        });
        BackpackGateway gateway = new BackpackGateway(api, client, clock, scheduler, config, random, mapper);
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
        if (closed) {
            throw new IllegalStateException("gateway is closed");
        }
        StreamSettings s = config.streams();
        if (!s.enabled()) {
            LOG.info("backpack {}: streams off (REST-only): book from REST, fills by the caller's polling", symbol);
            listener.onConnectionState(false);
            return;
        }
        TimeSource time = clock.timeSource();
        EventDispatcher dispatcher = new EventDispatcher(listener, "backpack-events-" + symbol, 10_000);
        BookFeed feed = new BookFeed(symbol, LocalOrderBook.Continuity.NEXT_ID, () -> restBook(symbol, 1000),
                scheduler, time, dispatcher);
        FillPoller poller = new FillPoller(symbol, since -> fillsSince(symbol, since), dispatcher, scheduler, time,
                s.fillPollInterval());
        ReconnectingWebSocket market = socket("backpack market " + symbol,
                BackpackStreamListener.market(symbol, mapper, feed));
        ReconnectingWebSocket account = socket("backpack account " + symbol,
                BackpackStreamListener.account(symbol, mapper, dispatcher, poller, clock::nowMillis,
                        api::streamSignature));
        Subscription subscription = new Subscription(feed, poller, dispatcher, List.of(market, account));
        Subscription previous = subscriptions.put(symbol, subscription);
        if (previous != null) {
            previous.close();
        }
        subscription.start();
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
        try {
            return api.execute(request, clock.timeSource().now());
        } catch (TransportException unknown) {
            LOG.warn("backpack: placement {} outcome unknown ({}); looking it up", request.clientOrderId(),
                    unknown.getMessage());
            Optional<BackpackDtos.Order> found;
            try {
                found = api.queryOrder(request.symbol(), request.clientOrderId());
            } catch (ExchangeException lookupFailed) {
                unknown.addSuppressed(lookupFailed);
                throw unknown;
            }
            if (found.isPresent()) {
                return BackpackAdapters.placeResult(request, found.get(), clock.timeSource().now());
            }
            throw new TransportException(venue(), "placement " + request.clientOrderId()
                    + " not confirmed and unknown to the venue; not re-sent", unknown);
        }
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
        Instant now = clock.timeSource().now();
        List<OpenOrder> out = new ArrayList<>();
        for (BackpackDtos.Order order : api.openOrders(symbol)) {
            out.add(BackpackAdapters.openOrder(order, null, now));
        }
        return out;
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
        Instant sent = clock.timeSource().now();
        long server = api.serverTime();
        clock.sync(server, sent, clock.timeSource().now());
        LOG.info("backpack: clock offset {} ms", clock.offsetMillis());
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

    private ReconnectingWebSocket socket(String name, ReconnectingWebSocket.Handler handler) {
        StreamSettings s = config.streams();
        return new ReconnectingWebSocket(name, client, config::wsUrl, handler,
                new Backoff(s.reconnectBase(), s.reconnectMax(), random), scheduler, s.silenceTimeout(),
                config.redactor());
    }

    private OrderBook restBook(String symbol, int depth) {
        return BackpackAdapters.orderBook(symbol, api.depth(symbol), depth, clock.timeSource().now());
    }
}
