package io.mmkit.core.engine;

import io.mmkit.core.accounting.PositionLedger;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderType;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.core.store.DailyStats;
import io.mmkit.core.store.OrderStatus;
import io.mmkit.core.store.TradeStore;
import io.mmkit.core.time.TimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One symbol on one venue, as a strategy trades it: order entry that assigns our client ids, tracks
 * what rests and records it in the store, plus the market's position ledger.
 *
 * <p>Owned by the strategy thread; the shutdown sequence uses it only after the loop has ended. Every
 * method that talks to the venue blocks on network I/O, bounded by the venue client's timeouts, and
 * throws {@link ExchangeException} when the venue cannot be reached.
 */
public final class Market {
    private static final Logger LOG = LoggerFactory.getLogger(Market.class);

    private final String name;
    private final ExchangeGateway gateway;
    private final String symbol;
    private final ClientOrderIds ids;
    private final TradeStore store;
    private final TimeSource time;
    /** Read by the shutdown sequence's worker while a timed-out step may still write: hence synchronized. */
    private final Map<String, OpenOrder> resting = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Bumped on every change to {@link #resting}: how the reconciler knows the live orders are as it left them. */
    private final java.util.concurrent.atomic.AtomicLong restingVersion = new java.util.concurrent.atomic.AtomicLong();
    /**
     * Placements whose outcome is unknown (the request failed in transit), with when that happened: settled by
     * a fill, by the venue listing the order, or after {@link #settleUnknown} finds neither; cancelled at
     * shutdown all the same.
     */
    private final Map<String, Instant> unknown = Collections.synchronizedMap(new LinkedHashMap<>());
    /**
     * Orders we asked the venue to cancel and whose cancel it answered, but whose absence its open-orders listing
     * has not yet confirmed (value: the order as we last tracked it, null for a placement whose outcome was
     * unknown). The store says CANCELLED only once the listing agrees ({@link #confirmAgainst}).
     */
    private final Map<String, OpenOrder> cancelling = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Of those, the ones whose cancel the venue answered CANCELLED (not NOT_FOUND, not a short batch count). */
    private final Set<String> answeredCancelled = Collections.synchronizedSet(new LinkedHashSet<>());
    /** Whether this run has sent the venue any order call (placement or cancel) on this market. */
    private volatile boolean sentOrderCalls;
    private Instrument instrument;
    private PositionLedger ledger;
    private DailyStats today;
    private boolean statsDirty;
    private EngineObserver observer = EngineObserver.NONE;
    /** Told of every top the strategy reads here, so that a move from it can wake the loop; null for none. */
    private BookWatch bookWatch;

    Market(String name, ExchangeGateway gateway, String symbol, ClientOrderIds ids, TradeStore store,
           TimeSource time) {
        this.name = Objects.requireNonNull(name, "name");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.ids = ids;
        this.store = store;
        this.time = time;
    }

    /** Where this market reports placements, rejections, cancels and fills; set by the engine before start. */
    void observe(EngineObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Where the tops read here are marked for the loop's book wake-up; set by the engine after {@link #load}. */
    void watchBook(BookWatch watch) {
        this.bookWatch = watch;
    }

    /** Loads the instrument rules and today's statistics. Called once by the engine at start. */
    void load() {
        instrument = gateway.instrument(symbol);
        ledger = new PositionLedger(symbol, instrument.baseAsset(), instrument.quoteAsset());
        LocalDate day = LocalDate.ofInstant(time.now(), ZoneOffset.UTC);
        today = store.dailyStats(day, symbol).orElse(DailyStats.empty(day, symbol));
    }

    public String name() {
        return name;
    }

    public String symbol() {
        return symbol;
    }

    public String venue() {
        return gateway.venue();
    }

    public Instrument instrument() {
        return instrument;
    }

    /** FIFO accounting of what this instance traded on this market since it started. */
    public PositionLedger ledger() {
        return ledger;
    }

    /**
     * The venue's best bid and ask now. In event-driven mode ({@link WakeSettings}) the top read here is the one a
     * later book move is measured from.
     */
    public BookTop bookTop() {
        BookTop top = gateway.bookTop(symbol);
        BookWatch watch = bookWatch;
        if (watch != null) {
            watch.read(top);
        }
        return top;
    }

    public OrderBook orderBook(int depth) {
        return gateway.orderBook(symbol, depth);
    }

    public List<Balance> balances() {
        return gateway.balances();
    }

    /** This symbol's position at the venue, or flat. */
    public Position position() {
        for (Position p : gateway.positions()) {
            if (p.symbol().equals(symbol)) {
                return p;
            }
        }
        return Position.flat(symbol);
    }

    public void setLeverage(int leverage) {
        gateway.setLeverage(symbol, leverage);
    }

    private void track(String clientOrderId, OpenOrder order) {
        resting.put(clientOrderId, order);
        restingVersion.incrementAndGet();
    }

    private OpenOrder untrack(String clientOrderId) {
        OpenOrder removed = resting.remove(clientOrderId);
        if (removed != null) {
            restingVersion.incrementAndGet();
        }
        return removed;
    }

    /**
     * Whether the venue's view of an order is what we track, fill count aside (ours counts): then the tracked order
     * stays, and the reconciler does not see a change where there is none. Cheaper than the records' equals.
     */
    private static boolean sameAsTracked(OpenOrder venue, OpenOrder tracked) {
        return venue.price().compareTo(tracked.price()) == 0 && venue.quantity().compareTo(tracked.quantity()) == 0
                && venue.side() == tracked.side() && venue.timeInForce() == tracked.timeInForce()
                && venue.reduceOnly() == tracked.reduceOnly() && venue.orderId().equals(tracked.orderId())
                && venue.createdAt().equals(tracked.createdAt()) && venue.symbol().equals(tracked.symbol());
    }

    /** Changes with every change to {@link #restingOrders()}: equal versions, equal lists. */
    long restingVersion() {
        return restingVersion.get();
    }

    /** Our orders resting here, as this instance tracks them (oldest first). */
    public List<OpenOrder> restingOrders() {
        synchronized (resting) {
            return List.copyOf(resting.values());
        }
    }

    /** Places a limit order, already rounded by the caller or rounded here in the maker's favour. */
    public PlaceResult placeLimit(Side side, BigDecimal price, BigDecimal quantity, TimeInForce tif,
                                  boolean reduceOnly) {
        BigDecimal rounded = instrument.roundPrice(side, price);
        OrderRequest request = new OrderRequest(symbol, nextId(), side, OrderType.LIMIT, tif, rounded,
                instrument.roundQuantity(quantity), reduceOnly);
        return submit(request);
    }

    /** Places a market order (a taker order: hedges, stop-loss and emergency closes). */
    public PlaceResult placeMarket(Side side, BigDecimal quantity, boolean reduceOnly) {
        OrderRequest request = new OrderRequest(symbol, nextId(), side, OrderType.MARKET, TimeInForce.IOC, null,
                instrument.roundQuantity(quantity), reduceOnly);
        return submit(request);
    }

    /** Sends a fully formed request whose client id came from this market's id source. */
    PlaceResult submit(OrderRequest request) {
        PlaceResult result;
        sentOrderCalls = true;
        try {
            result = gateway.place(request);
        } catch (ExchangeException e) {
            // The venue may or may not have the order: remember it so shutdown cancels it regardless.
            unknown.put(request.clientOrderId(), time.now());
            store.orderPlaced(request, null, OrderStatus.UNKNOWN, time.now());
            observer.onOrderUnknown(name, request, e.getMessage());
            throw e;
        }
        if (result instanceof PlaceResult.Accepted accepted) {
            OpenOrder order = accepted.order();
            boolean rests = request.type() == OrderType.LIMIT && request.timeInForce() != TimeInForce.IOC
                    && order.remainingQuantity().signum() > 0;
            if (rests) {
                track(request.clientOrderId(), order);
            }
            store.orderPlaced(request, order.orderId(), OrderStatus.NEW, time.now());
            observer.onOrderPlaced(name, request);
            LOG.info("[{}] placed {} {} {} @ {} (id {})", name, request.side(), request.quantity().toPlainString(),
                    symbol, request.price() == null ? "market" : request.price().toPlainString(),
                    request.clientOrderId());
        } else if (result instanceof PlaceResult.Rejected rejected) {
            store.orderPlaced(request, null, OrderStatus.REJECTED, time.now());
            observer.onOrderRejected(name, request, rejected.reason() + " " + rejected.detail());
            LOG.info("[{}] rejected {} {} @ {}: {} {}", name, request.side(), request.quantity().toPlainString(),
                    request.price() == null ? "market" : request.price().toPlainString(), rejected.reason(),
                    rejected.detail());
        }
        return result;
    }

    /**
     * Cancels one of our orders. Once the venue has answered, the order no longer counts as resting (nothing is
     * quoted against it), but the store keeps its last status until the venue's open-orders listing confirms it
     * gone: a venue may answer a cancel and keep the order.
     */
    public CancelResult cancel(String clientOrderId) {
        sentOrderCalls = true;
        CancelResult result = gateway.cancel(symbol, clientOrderId);
        cancelAnswered(clientOrderId, result == CancelResult.CANCELLED);
        return result;
    }

    /** Cancels several of our orders in one venue call where the venue allows it; see {@link #cancel}. */
    void cancelAllOf(Collection<String> clientOrderIds) {
        if (clientOrderIds.isEmpty()) {
            return;
        }
        sentOrderCalls = true;
        int confirmed = gateway.cancelOrders(symbol, clientOrderIds);
        // A batch answer counts, it does not name: unless every cancel was confirmed, the venue's record of each
        // order decides (looked up once the listing no longer shows it).
        boolean allConfirmed = confirmed >= clientOrderIds.size();
        clientOrderIds.forEach(id -> cancelAnswered(id, allConfirmed));
    }

    /** How many client ids the venue takes in one cancel request (1 where it cancels one at a time). */
    int cancelBatchSize() {
        return Math.max(1, gateway.cancelBatchSize());
    }

    private void cancelAnswered(String clientOrderId, boolean venueSaidCancelled) {
        if (venueSaidCancelled) {
            answeredCancelled.add(clientOrderId);
        }
        boolean wasUnknown = unknown.remove(clientOrderId) != null;
        OpenOrder order = untrack(clientOrderId);
        if (order != null || wasUnknown || !cancelling.containsKey(clientOrderId)) {
            cancelling.put(clientOrderId, order);
        }
    }

    /**
     * Settles what we asked to cancel against the venue's listing of our open orders, read after the cancels
     * were answered: an order it no longer lists is CANCELLED in the store (an unknown placement stays as the
     * store has it: it may never have existed); one it still lists keeps its status and stays to be cancelled
     * again. Our orders it lists that we do not track (orphans) are added to be cancelled.
     *
     * @return the ids the venue still lists that we asked to cancel or did not know
     */
    Set<String> confirmAgainst(Collection<String> listedOwnIds) {
        Set<String> listed = new LinkedHashSet<>(listedOwnIds);
        Set<String> stillThere = new LinkedHashSet<>();
        Map<String, OpenOrder> asked;
        synchronized (cancelling) {
            asked = new LinkedHashMap<>(cancelling);
        }
        asked.forEach((id, order) -> {
            if (listed.contains(id)) {
                stillThere.add(id);
            } else {
                boolean saidCancelled = answeredCancelled.remove(id);
                if (order != null) {
                    // Not listed: cancelled if the venue answered so; else (NOT_FOUND, a batch count short) it may
                    // have filled: the venue's record of the order says which.
                    OrderStatus fate = saidCancelled ? OrderStatus.CANCELLED : OrderFate.lookUp(gateway, symbol, id);
                    if (fate.isOpen() && fate != OrderStatus.UNKNOWN) {
                        stillThere.add(id); // the listing lagged the order's own record
                        return;
                    }
                    store.orderStatus(id, fate, time.now());
                    if (fate == OrderStatus.CANCELLED) {
                        observer.onOrderCancelled(name, id);
                    }
                }
                cancelling.remove(id);
            }
        });
        for (String id : listed) {
            if (!resting.containsKey(id) && !unknown.containsKey(id) && !cancelling.containsKey(id)) {
                cancelling.put(id, null);
                stillThere.add(id);
            }
        }
        return stillThere;
    }

    /** Whether this run ever sent this market an order call: if not, nothing of ours can rest here. */
    boolean sentOrderCalls() {
        return sentOrderCalls;
    }

    /** Orders whose cancel the venue answered but whose absence its listing has not confirmed yet. */
    Set<String> cancellingIds() {
        synchronized (cancelling) {
            return new LinkedHashSet<>(cancelling.keySet());
        }
    }

    private String nextId() {
        // Placements may be sent from the order-call pool; the id source is shared by every market.
        synchronized (ids) {
            return ids.next();
        }
    }

    /**
     * Books a fill: resting order, ledger, store, today's statistics.
     *
     * @return false if the store already had this fill (a duplicate from polling or a restart)
     */
    boolean book(Fill fill) {
        if (!store.fill(gateway.venue(), fill)) {
            return false;
        }
        String id = fill.clientOrderId();
        OpenOrder order = id == null ? null : resting.get(id);
        if (order != null) {
            OpenOrder updated = order.withFilled(order.filledQuantity().add(fill.quantity()).min(order.quantity()));
            if (updated.remainingQuantity().signum() == 0) {
                untrack(id);
                store.orderStatus(id, OrderStatus.FILLED, fill.time());
            } else {
                track(id, updated);
                store.orderStatus(id, OrderStatus.PARTIALLY_FILLED, fill.time());
            }
        } else if (id != null && unknown.remove(id) != null) {
            store.orderStatus(id, OrderStatus.PARTIALLY_FILLED, fill.time());
        } else if (id != null && cancelling.containsKey(id)) {
            bookOnCancelling(id, fill);
        } else if (id != null) {
            bookOnUntracked(id, fill);
        }
        BigDecimal realized = ledger.apply(fill);
        observer.onFill(name, fill);
        LocalDate day = LocalDate.ofInstant(fill.time(), ZoneOffset.UTC);
        if (!day.equals(today.day())) {
            store.saveDailyStats(today);
            today = store.dailyStats(day, symbol).orElse(DailyStats.empty(day, symbol));
        }
        today = today.plus(fill, ledger.feeInQuote(fill), realized);
        statsDirty = true;
        LOG.info("[{}] FILL {} {} @ {} ({}, fee {} {}) -> position {}, realized {}", name, fill.side(),
                fill.quantity().toPlainString(), fill.price().toPlainString(), fill.liquidity(),
                fill.fee().toPlainString(), fill.feeAsset(), ledger.position().toPlainString(),
                ledger.realizedPnl().toPlainString());
        return true;
    }

    /** A fill of an order whose cancel was answered but not yet confirmed: it traded before the cancel took. */
    private void bookOnCancelling(String id, Fill fill) {
        OpenOrder order = cancelling.get(id);
        if (order == null) {
            store.orderStatus(id, OrderStatus.PARTIALLY_FILLED, fill.time());
            return;
        }
        OpenOrder updated = order.withFilled(order.filledQuantity().add(fill.quantity()).min(order.quantity()));
        if (updated.remainingQuantity().signum() == 0) {
            cancelling.remove(id);
            store.orderStatus(id, OrderStatus.FILLED, fill.time());
        } else {
            cancelling.put(id, updated);
            store.orderStatus(id, OrderStatus.PARTIALLY_FILLED, fill.time());
        }
    }

    /**
     * A fill of an order we no longer track — settled while its fill was still on the way (a cancel answered
     * NOT_FOUND at shutdown, a lookup that came back UNKNOWN): the fill is the venue's word, so an open row follows
     * it to PARTIALLY_FILLED or FILLED by what the order's fills now add up to. A CANCELLED row becomes FILLED only
     * when its fills cover the whole order (a partial fill before a cancel leaves it CANCELLED, which it is).
     */
    private void bookOnUntracked(String id, Fill fill) {
        store.order(id).ifPresent(o -> {
            if (!o.status().isOpen() && o.status() != OrderStatus.CANCELLED) {
                return;
            }
            BigDecimal filled = BigDecimal.ZERO;
            for (Fill f : store.fills(o.symbol(), o.createdAt().minus(Duration.ofMinutes(1)))) { // venue clocks differ
                if (id.equals(f.clientOrderId())) {
                    filled = filled.add(f.quantity());
                }
            }
            boolean complete = o.quantity() != null && filled.compareTo(o.quantity()) >= 0;
            if (complete) {
                store.orderStatus(id, OrderStatus.FILLED, fill.time());
            } else if (o.status().isOpen()) {
                store.orderStatus(id, OrderStatus.PARTIALLY_FILLED, fill.time());
            }
        });
    }

    /** Writes today's statistics if they changed. */
    void saveStats() {
        if (statsDirty && today != null) {
            store.saveDailyStats(today);
            statsDirty = false;
        }
    }

    /**
     * Compares what we track with the venue's open orders: adopts our orders whose placement outcome was
     * unknown and that rest, forgets tracked orders the venue no longer has, and cancels orphans that carry our
     * prefix.
     */
    void reconcileWithVenue() {
        List<OpenOrder> venueOrders = ownOrdersAtVenue();
        Set<String> atVenue = new LinkedHashSet<>();
        List<String> orphans = new ArrayList<>();
        for (OpenOrder o : venueOrders) {
            atVenue.add(o.clientOrderId());
            OpenOrder tracked = resting.get(o.clientOrderId());
            if (tracked != null) {
                // The venue's fill count may run ahead of the fills booked so far, which are what the strategy
                // sized its quotes from: keep ours, or a partly filled order would look unwanted and lose its place.
                if (!sameAsTracked(o, tracked)) {
                    track(o.clientOrderId(), o.withFilled(tracked.filledQuantity()));
                }
            } else if (unknown.remove(o.clientOrderId()) != null) {
                track(o.clientOrderId(), o);
                store.orderStatus(o.clientOrderId(), OrderStatus.NEW, time.now());
            } else {
                // An orphan with our prefix, or an order whose cancel the venue answered and did not carry out.
                orphans.add(o.clientOrderId());
            }
        }
        confirmAgainst(atVenue.stream().filter(id -> !resting.containsKey(id)).toList());
        for (String id : restingIds()) {
            if (!atVenue.contains(id)) {
                // Gone from the listing: filled (its fill may not be booked yet) or cancelled; the venue's record says.
                OrderStatus fate = OrderFate.lookUp(gateway, symbol, id);
                if (fate.isOpen() && fate != OrderStatus.UNKNOWN) {
                    continue; // the listing lagged the order's own record: still resting
                }
                untrack(id);
                store.orderStatus(id, fate, time.now());
                LOG.info("[{}] order {} is no longer at the venue: {}", name, id, fate);
            }
        }
        // Unknown placements not listed here may still have traded: settleUnknown decides after a fill poll.
        if (!orphans.isEmpty()) {
            LOG.warn("[{}] cancelling {} order(s) with our prefix the venue still lists: {}", name, orphans.size(),
                    orphans);
            cancelAllOf(orphans);
        }
    }

    /**
     * Whether a placement's outcome is still unknown here (its answer was lost in transit). A strategy that
     * sends taker orders (a hedge) must not send another for the same purpose until it is settled, or it may
     * trade twice.
     */
    public boolean hasUnsettledPlacements() {
        return !unknown.isEmpty();
    }

    /**
     * Settles placements unknown for at least {@code after}: the caller has just polled fills, so an order
     * that traded has been booked (and left this set); one the venue lists resting is adopted; the rest are
     * taken as never placed. Blocks on one open-orders call when anything is due.
     */
    void settleUnknown(Duration after) {
        List<String> due = new ArrayList<>();
        synchronized (unknown) {
            unknown.forEach((id, since) -> {
                if (!since.plus(after).isAfter(time.now())) {
                    due.add(id);
                }
            });
        }
        if (due.isEmpty()) {
            return;
        }
        Map<String, OpenOrder> atVenue = new LinkedHashMap<>();
        ownOrdersAtVenue().forEach(o -> atVenue.put(o.clientOrderId(), o));
        for (String id : due) {
            unknown.remove(id);
            OpenOrder resting = atVenue.get(id);
            if (resting != null) {
                track(id, resting);
                store.orderStatus(id, OrderStatus.NEW, time.now());
                LOG.info("[{}] placement {} (answer lost) is resting at the venue: adopted", name, id);
            } else {
                store.orderStatus(id, OrderStatus.REJECTED, time.now());
                LOG.warn("[{}] placement {} (answer lost): no fill and not resting after {} ms, taken as not placed",
                        name, id, after.toMillis());
            }
        }
    }

    /** Our orders (by prefix) that the venue reports open right now. */
    List<OpenOrder> ownOrdersAtVenue() {
        List<OpenOrder> own = new ArrayList<>();
        for (OpenOrder o : gateway.openOrders(symbol)) {
            if (ids.isOwn(o.clientOrderId())) {
                own.add(o);
            }
        }
        return own;
    }

    /** Every client id we might still have at the venue: resting, unknown outcomes, and unconfirmed cancels. */
    Set<String> possiblyOpenIds() {
        Set<String> all = new LinkedHashSet<>(restingIds());
        synchronized (unknown) {
            all.addAll(unknown.keySet());
        }
        all.addAll(cancellingIds());
        return all;
    }

    ExchangeGateway gateway() {
        return gateway;
    }

    private List<String> restingIds() {
        synchronized (resting) {
            return List.copyOf(resting.keySet());
        }
    }
}
