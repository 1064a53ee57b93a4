package io.mmkit.exchange.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.http.CallSafety;
import io.mmkit.exchange.http.RestTransport;
import io.mmkit.exchange.signing.EthKey;
import io.mmkit.exchange.venue.PlacementRecovery;
import io.mmkit.exchange.venue.StreamingSubscriptions;
import io.mmkit.exchange.venue.VenueSession;
import io.mmkit.exchange.ws.BookFeed;
import io.mmkit.exchange.ws.EventDispatcher;
import io.mmkit.exchange.ws.FillPoller;
import io.mmkit.exchange.ws.LocalOrderBook;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import io.mmkit.exchange.ws.Subscription;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Hyperliquid perpetuals behind the core port, trading with an API wallet for a master account.
 *
 * <p>The config's {@code api_key_env} names the variable holding the <em>account address</em> (the master account
 * whose orders, fills and positions are queried), {@code secret_key_env} the one holding the <em>API wallet's
 * private key</em> that signs. Symbols are Hyperliquid's coin names ({@code BTC}, {@code ETH}). Client order ids map
 * to cloids by {@link HyperliquidCloids}. Actions are signed for mainnet when the base URL is Hyperliquid's mainnet
 * API and for testnet otherwise, as the Python SDK decides.
 *
 * <p>Owns its {@link VenueSession} and releases it in {@link #close()}. Thread-safe; every call may block on REST.
 */
public final class HyperliquidGateway implements ExchangeGateway {
    public static final String MAINNET_URL = "https://api.hyperliquid.xyz";
    public static final String MAINNET_WS = "wss://api.hyperliquid.xyz/ws";
    /** Slippage allowed to a market order, sent as an IOC limit this far through the touch (the SDK's 5 %). */
    static final BigDecimal MARKET_SLIPPAGE = new BigDecimal("0.05");
    private static final int CANCEL_BATCH = 20;
    private static final int FILL_PAGE = 2000;
    private static final int MAX_FILL_PAGES = 20;
    private static final int BOOK_DEPTH = 20;
    /** Hyperliquid closes a connection that has sent nothing for a minute. */
    private static final long PING_SECONDS = 30;
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    /** One perpetual: its asset id (its index in {@code meta.universe}), size decimals and rules. */
    private record Market(int asset, int szDecimals, Instrument instrument) {
    }

    private final HyperliquidRestApi api;
    private final VenueSession session;
    private final String user;
    private final StreamingSubscriptions streams;
    private final PlacementRecovery<HyperliquidDtos.OrderWithStatus> placements;
    private final Map<String, Market> markets = new ConcurrentHashMap<>();
    private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pinging = new AtomicBoolean();

    private HyperliquidGateway(HyperliquidRestApi api, VenueSession session, String user) {
        this.api = api;
        this.session = session;
        this.user = user;
        this.streams = new StreamingSubscriptions(session, LocalOrderBook.Continuity.NEXT_ID, this::restBook,
                this::fillsSince, this::sockets);
        this.placements = new PlacementRecovery<>(HyperliquidErrors.VENUE, this::send,
                (symbol, id) -> api.orderStatus(user, HyperliquidCloids.toCloid(id)),
                HyperliquidAdapters::recovered);
    }

    /**
     * Builds a gateway. Does no I/O: the first call connects.
     *
     * @throws IllegalArgumentException if the account address or the API wallet key is malformed (see
     *     {@link #checkKeys})
     */
    public static HyperliquidGateway open(VenueConfig config, TimeSource time, RandomGenerator random) {
        checkKeys(config.apiKey(), config.secret());
        boolean mainnet = MAINNET_URL.equals(config.baseUrl());
        HyperliquidSigner signer = new HyperliquidSigner(EthKey.fromHex(config.secret()), mainnet);
        VenueSession session = VenueSession.open(HyperliquidErrors.VENUE, config, time, random);
        HyperliquidErrors errors = new HyperliquidErrors();
        RestTransport transport = session.transport(errors, HyperliquidRestApi.WEIGHT_PER_MINUTE);
        HyperliquidRestApi api = new HyperliquidRestApi(transport, HttpUrl.get(config.baseUrl()), signer,
                session.mapper(), errors);
        return new HyperliquidGateway(api, session, config.apiKey().toLowerCase(Locale.ROOT));
    }

    /**
     * Checks the key material without I/O: the account is an address ({@code 0x} and 40 hex digits) and the wallet
     * key a secp256k1 private key.
     *
     * @throws IllegalArgumentException saying which is wrong; never containing the key
     */
    public static void checkKeys(String accountAddress, String walletKey) {
        if (accountAddress == null || !ADDRESS.matcher(accountAddress.trim()).matches()) {
            throw new IllegalArgumentException("the account address must be 0x and 40 hex digits");
        }
        EthKey.fromHex(walletKey);
    }

    @Override
    public String venue() {
        return HyperliquidErrors.VENUE;
    }

    @Override
    public Instrument instrument(String symbol) {
        return market(symbol).instrument();
    }

    private Market market(String symbol) {
        Market cached = markets.get(symbol);
        if (cached != null) {
            return cached;
        }
        HyperliquidRestApi.Universe universe = api.universe();
        List<HyperliquidDtos.AssetInfo> assets = universe.meta().universe();
        for (int i = 0; i < assets.size(); i++) {
            HyperliquidDtos.AssetInfo a = assets.get(i);
            if (a.name().equals(symbol)) {
                BigDecimal reference = i < universe.contexts().size() ? reference(universe.contexts().get(i)) : null;
                if (reference == null) {
                    throw new ExchangeException(venue(), symbol + ": no mark price to derive the tick from");
                }
                Market m = new Market(i, a.szDecimals(), HyperliquidAdapters.instrument(a, reference));
                markets.put(symbol, m);
                return m;
            }
        }
        throw new ExchangeException(venue(), "unknown market " + symbol + " (Hyperliquid perpetuals are named by coin,"
                + " e.g. BTC or ETH)");
    }

    private static BigDecimal reference(HyperliquidDtos.AssetCtx ctx) {
        if (ctx.markPx() != null && ctx.markPx().signum() > 0) {
            return ctx.markPx();
        }
        return ctx.midPx() != null && ctx.midPx().signum() > 0 ? ctx.midPx() : null;
    }

    /**
     * Opens the market ({@code l2Book}, {@code trades}) and account ({@code orderUpdates}, {@code userFills})
     * streams for {@code symbol}, with REST fill polling while the account stream is down. Returns at once; events
     * reach {@code listener} on a dispatcher thread. REST-only mode ({@code "streams": false}) opens nothing and
     * tells {@code listener} the private stream is down.
     */
    @Override
    public void subscribe(String symbol, ExchangeListener listener) {
        streams.subscribe(symbol, listener);
        subscribed.add(symbol);
        if (session.config().streams().enabled() && pinging.compareAndSet(false, true)) {
            try {
                session.scheduler().scheduleAtFixedRate(this::ping, PING_SECONDS, PING_SECONDS, TimeUnit.SECONDS);
            } catch (RejectedExecutionException closed) {
                pinging.set(false);
            }
        }
    }

    @Override
    public BookTop bookTop(String symbol) {
        return streams.bookTop(symbol);
    }

    @Override
    public OrderBook orderBook(String symbol, int depth) {
        return streams.orderBook(symbol, depth);
    }

    /**
     * Places one order. Prices and sizes off Hyperliquid's rules are refused here, as a value, and never sent. A
     * market order is sent as an IOC limit 5 % through the touch. When the answer is lost, the order is looked up by
     * its cloid ({@code orderStatus}); it is never sent a second time.
     */
    @Override
    public PlaceResult place(OrderRequest request) {
        return placements.place(request);
    }

    private PlaceResult send(OrderRequest request) {
        Market m = market(request.symbol());
        BigDecimal price = request.isMarket() ? marketLimit(request, m) : request.price();
        if (!HyperliquidTicks.isValidPrice(price, m.szDecimals(), true)) {
            return PlaceResult.rejected(request.clientOrderId(), RejectReason.INVALID_PRECISION, "price "
                    + price.toPlainString() + " has more than 5 significant figures or "
                    + HyperliquidTicks.priceDecimals(m.szDecimals(), true) + " decimals; not sent");
        }
        if (!HyperliquidTicks.isValidSize(request.quantity(), m.szDecimals())) {
            return PlaceResult.rejected(request.clientOrderId(), RejectReason.INVALID_PRECISION, "size "
                    + request.quantity().toPlainString() + " has more than " + m.szDecimals() + " decimals; not sent");
        }
        String cloid = HyperliquidCloids.toCloid(request.clientOrderId());
        TimeInForce tif = request.isMarket() ? TimeInForce.IOC : request.timeInForce();
        Map<String, Object> wire = HyperliquidActions.orderWire(m.asset(), request.side() == Side.BUY,
                HyperliquidTicks.wire(price), HyperliquidTicks.wire(request.quantity()), request.reduceOnly(),
                HyperliquidAdapters.tif(tif), cloid);
        List<JsonNode> statuses = api.act("place " + request.clientOrderId(), HyperliquidActions.order(List.of(wire)),
                CallSafety.PLACE);
        if (statuses.isEmpty()) {
            throw new ExchangeException(venue(), "place " + request.clientOrderId() + ": answer has no order status");
        }
        return HyperliquidAdapters.placeResult(request, price, statuses.get(0), session.now());
    }

    private BigDecimal marketLimit(OrderRequest request, Market m) {
        BookTop top = bookTop(request.symbol());
        boolean buy = request.side() == Side.BUY;
        BigDecimal touch = buy ? top.askPrice() : top.bidPrice();
        BigDecimal through = touch.multiply(buy ? BigDecimal.ONE.add(MARKET_SLIPPAGE)
                : BigDecimal.ONE.subtract(MARKET_SLIPPAGE));
        return HyperliquidTicks.round(through, m.szDecimals(), true, buy ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }

    @Override
    public CancelResult cancel(String symbol, String clientOrderId) {
        return cancelOrders(symbol, List.of(clientOrderId)) == 1 ? CancelResult.CANCELLED : CancelResult.NOT_FOUND;
    }

    /**
     * One {@code cancelByCloid} action for all of them. An order the venue says was never placed, already cancelled
     * or filled is not counted; any other per-order error is thrown.
     */
    @Override
    public int cancelOrders(String symbol, Collection<String> clientOrderIds) {
        if (clientOrderIds.isEmpty()) {
            return 0;
        }
        Market m = market(symbol);
        List<String> cloids = clientOrderIds.stream().map(HyperliquidCloids::toCloid).toList();
        List<JsonNode> statuses = api.act("cancel " + String.join(",", clientOrderIds),
                HyperliquidActions.cancelByCloid(m.asset(), cloids), CallSafety.CANCEL);
        return countCancelled("cancel", statuses);
    }

    @Override
    public int cancelBatchSize() {
        return CANCEL_BATCH;
    }

    @Override
    public int cancelAll(String symbol) {
        Market m = market(symbol);
        List<Long> oids = new ArrayList<>();
        for (HyperliquidDtos.Order o : api.openOrders(user)) {
            if (symbol.equals(o.coin())) {
                oids.add(o.oid());
            }
        }
        if (oids.isEmpty()) {
            return 0;
        }
        return countCancelled("cancel all " + symbol,
                api.act("cancel all " + symbol, HyperliquidActions.cancelByOid(m.asset(), oids), CallSafety.CANCEL));
    }

    private int countCancelled(String what, List<JsonNode> statuses) {
        int cancelled = 0;
        for (JsonNode s : statuses) {
            if (s.isTextual() && "success".equals(s.asText())) {
                cancelled++;
            } else if (s.has("error") && !HyperliquidErrors.isNotResting(s.get("error").asText())) {
                throw new ExchangeException(venue(), what + ": " + s.get("error").asText());
            }
        }
        return cancelled;
    }

    @Override
    public List<OpenOrder> openOrders(String symbol) {
        List<OpenOrder> out = new ArrayList<>();
        for (HyperliquidDtos.Order o : api.openOrders(user)) {
            if (symbol.equals(o.coin())) {
                out.add(HyperliquidAdapters.openOrder(o));
            }
        }
        return out;
    }

    /** The venue's record by cloid ({@code orderStatus}), resting or finished; empty for {@code unknownOid}. */
    @Override
    public Optional<OrderState> order(String symbol, String clientOrderId) {
        return api.orderStatus(user, HyperliquidCloids.toCloid(clientOrderId))
                .map(found -> HyperliquidAdapters.orderState(found, clientOrderId));
    }

    @Override
    public List<Balance> balances() {
        return HyperliquidAdapters.balances(api.clearinghouseState(user), api.spotState(user));
    }

    @Override
    public List<Position> positions() {
        List<Position> out = new ArrayList<>();
        for (HyperliquidDtos.AssetPosition p : api.clearinghouseState(user).assetPositions()) {
            if (p.position() != null) {
                out.add(HyperliquidAdapters.position(p.position()));
            }
        }
        return out;
    }

    /**
     * Our fills on {@code symbol} at or after {@code since} ({@code userFillsByTime}, all coins, 2000 a page: pages
     * are followed from the last fill's time until one is short).
     */
    @Override
    public List<Fill> fillsSince(String symbol, Instant since) {
        List<Fill> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long from = since.toEpochMilli();
        for (int page = 0; page < MAX_FILL_PAGES; page++) {
            List<HyperliquidDtos.Fill> fills = api.fillsSince(user, from);
            long last = from;
            for (HyperliquidDtos.Fill f : fills) {
                last = Math.max(last, f.time());
                Fill fill = HyperliquidAdapters.fill(f);
                if (symbol.equals(f.coin()) && !fill.time().isBefore(since) && seen.add(fill.fillId())) {
                    out.add(fill);
                }
            }
            if (fills.size() < FILL_PAGE || last == from) {
                break;
            }
            from = last;
        }
        return out;
    }

    /** Cross-margin leverage for {@code symbol} ({@code updateLeverage}). */
    @Override
    public void setLeverage(String symbol, int leverage) {
        api.act("leverage " + symbol + " " + leverage,
                HyperliquidActions.updateLeverage(market(symbol).asset(), true, leverage), CallSafety.CANCEL);
    }

    /** The live subscription for {@code symbol}; for tests and health checks. */
    public Optional<Subscription> subscription(String symbol) {
        return streams.subscription(symbol);
    }

    @Override
    public void close() {
        streams.close();
        session.close();
    }

    private void ping() {
        for (String symbol : subscribed) {
            streams.subscription(symbol).ifPresent(s -> s.sockets().forEach(
                    socket -> socket.send("{\"method\":\"ping\"}")));
        }
    }

    private List<ReconnectingWebSocket> sockets(String symbol, BookFeed feed, FillPoller poller,
                                                EventDispatcher dispatcher) {
        ReconnectingWebSocket market = session.socket("hyperliquid market " + symbol, session.config()::wsUrl,
                HyperliquidStreamListener.market(symbol, session.mapper(), feed, dispatcher));
        ReconnectingWebSocket account = session.socket("hyperliquid account " + symbol, session.config()::wsUrl,
                HyperliquidStreamListener.account(symbol, user, session.mapper(), dispatcher, poller));
        return List.of(market, account);
    }

    private OrderBook restBook(String symbol, int depth) {
        return HyperliquidAdapters.orderBook(symbol, api.l2Book(symbol), Math.min(depth, BOOK_DEPTH));
    }
}
