package io.mmkit.sim;

import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Order entry against the {@link MatchingEngine}: validation and answers at request time, execution when the
 * order arrives (after entry latency). A post-only order is checked against the book when it is sent; one that
 * would cross by the time it arrives is cancelled unfilled, as a venue rejects it on arrival. Any other order is
 * judged again on arrival too: a limit that crosses only then takes liquidity (paying from free balances, its
 * reservation released), one that no longer crosses rests with funds reserved, and an IOC or market order that
 * no longer crosses expires unfilled. A taker order walks the book's levels, taking what each has available:
 * with liquidity consumption on, what it took stays taken (a second order finds it gone, and a level used up
 * does not count as crossing) until the feed gives that level a new size. Confined to {@link BacktestExchange}'s
 * lock.
 */
final class OrderEntry {
    private final MatchingEngine engine;
    private final Instrument instrument;
    private final long entryLatency;
    private final long jitter;
    private final SplittableRandom random;
    private final Map<String, SimulatedOrder> byClientId = new HashMap<>();
    private long nextOrderId = 1;

    OrderEntry(MatchingEngine engine, ExchangeSettings settings) {
        this.engine = engine;
        this.instrument = settings.instrument();
        this.entryLatency = settings.entryLatency().toNanos();
        this.jitter = settings.latencyJitter().toNanos();
        this.random = new SplittableRandom(settings.seed());
        engine.onArrival(this::arrive);
    }

    PlaceResult place(OrderRequest request) {
        String id = request.clientOrderId();
        if (byClientId.containsKey(id)) {
            return PlaceResult.rejected(id, RejectReason.DUPLICATE_CLIENT_ID, "client id in use");
        }
        if (!request.symbol().equals(instrument.symbol())) {
            return PlaceResult.rejected(id, RejectReason.OTHER, "unknown symbol " + request.symbol());
        }
        var invalid = instrument.validate(request.price(), request.quantity());
        if (invalid.isPresent()) {
            return PlaceResult.rejected(id, invalid.get(), "instrument rules");
        }
        DepthBook book = engine.book;
        if (!book.isTwoSided()) {
            return PlaceResult.rejected(id, RejectReason.OTHER, "no market data yet");
        }
        if (request.reduceOnly() && !reduces(request)) {
            return PlaceResult.rejected(id, RejectReason.REDUCE_ONLY_REJECTED, "would not reduce the position");
        }
        long price = request.isMarket()
                ? (request.side() == Side.BUY ? Long.MAX_VALUE : 0)
                : engine.px.units(request.price());
        boolean crosses = crosses(request.side(), price);
        if (crosses && request.timeInForce() == TimeInForce.POST_ONLY) {
            return PlaceResult.rejected(id, RejectReason.POST_ONLY_WOULD_CROSS, "would take liquidity");
        }
        if (!crosses && (request.timeInForce() == TimeInForce.IOC || request.isMarket())) {
            return PlaceResult.rejected(id, RejectReason.NO_LIQUIDITY, "IOC did not cross");
        }
        boolean funded = crosses
                ? engine.account.canAfford(request.side(), takerPrice(request), request.quantity())
                : engine.account.lockFor(request.side(), request.price(), request.quantity());
        if (!funded) {
            return PlaceResult.rejected(id, RejectReason.INSUFFICIENT_FUNDS, "balance too low");
        }
        long now = engine.now();
        SimulatedOrder o = new SimulatedOrder("S" + nextOrderId++, request, price,
                engine.qty.units(request.quantity()), MatchingEngine.instant(now), now + latency());
        o.reserved = !crosses;
        engine.addLive(o);
        byClientId.put(id, o);
        engine.dueAt(o.activeAt);
        engine.processDue(now);
        return PlaceResult.accepted(view(o));
    }

    CancelResult cancel(String symbol, String clientOrderId) {
        SimulatedOrder o = byClientId.get(clientOrderId);
        if (o == null || !symbol.equals(instrument.symbol()) || o.remaining() == 0 || !engine.live.contains(o)) {
            return CancelResult.NOT_FOUND;
        }
        if (!o.cancelRequested) {
            o.cancelRequested = true;
            o.cancelAt = engine.now() + latency();
            engine.dueAt(o.cancelAt);
            engine.processDue(engine.now());
        }
        return CancelResult.CANCELLED;
    }

    /** Orders the venue would list as open: sent, not filled, no cancel requested. */
    List<OpenOrder> openOrders() {
        List<OpenOrder> out = new ArrayList<>();
        for (SimulatedOrder o : engine.live) {
            if (!o.cancelRequested && !o.request.isMarket() && o.request.timeInForce() != TimeInForce.IOC) {
                out.add(view(o));
            }
        }
        return out;
    }

    private void arrive(SimulatedOrder o) {
        o.active = true;
        OrderRequest r = o.request;
        if (o.cancelRequested && o.cancelAt <= o.activeAt) {
            return;
        }
        boolean neverRests = r.isMarket() || r.timeInForce() == TimeInForce.IOC;
        // The book may have moved while the order travelled: whether it crosses is decided again here, and the
        // reservation made (or not) when it was sent is put right for what it does now.
        if (crosses(o.side, o.price)) {
            if (r.timeInForce() == TimeInForce.POST_ONLY) {
                cancelUnfilled(o);
                return;
            }
            release(o);
            takeLiquidity(o);
            engine.settleConsumption();
            if (o.remaining() == 0 || neverRests) {
                removeLater(o);
                return;
            }
        } else if (neverRests) {
            removeLater(o);
            return;
        }
        if (!o.reserved) {
            if (!engine.account.lockFor(o.side, r.price(), engine.qty.decimal(o.remaining()))) {
                removeLater(o);
                return;
            }
            o.reserved = true;
        }
        engine.rule.onRest(o, engine.book.available(o.side, o.price));
    }

    /** Gives back a reservation made for an order that now takes liquidity and pays from free balances. */
    private void release(SimulatedOrder o) {
        if (o.reserved) {
            engine.account.unlockFor(o.side, o.request.price(), engine.qty.decimal(o.remaining()));
            o.reserved = false;
        }
    }

    private void takeLiquidity(SimulatedOrder o) {
        DepthBook book = engine.book;
        Side opposite = o.side.opposite();
        for (int i = 0; i < book.depth(opposite) && o.remaining() > 0; i++) {
            long levelPrice = book.priceAt(opposite, i);
            if (!FillRule.reached(o, levelPrice)) {
                break;
            }
            long take = Math.min(book.availableAtRank(opposite, i), o.remaining());
            if (take == 0) {
                continue; // used up by our earlier fills
            }
            BigDecimal q = engine.qty.decimal(take);
            if (!engine.account.canAfford(o.side, engine.px.decimal(levelPrice), q)) {
                break;
            }
            engine.takerFill(o, levelPrice, take);
            book.consume(opposite, levelPrice, take);
        }
    }

    private void cancelUnfilled(SimulatedOrder o) {
        o.cancelRequested = true;
        removeLater(o);
    }

    private void removeLater(SimulatedOrder o) {
        o.cancelAt = Math.min(o.cancelAt, o.activeAt);
        o.cancelRequested = true;
        engine.dueAt(o.cancelAt);
    }

    /** Whether an order at {@code price} would take liquidity: levels our fills used up do not count. */
    private boolean crosses(Side side, long price) {
        DepthBook book = engine.book;
        long best = book.bestAvailable(side.opposite());
        return side == Side.BUY
                ? best != DepthBook.NO_ASK && price >= best
                : best != DepthBook.NO_BID && price <= best;
    }

    /**
     * The price a taker order is checked against when sent: its limit, or for a market order the best opposite
     * price (a lower bound of what walking the book costs; on arrival it fills only what it can pay for).
     */
    private BigDecimal takerPrice(OrderRequest request) {
        if (!request.isMarket()) {
            return request.price();
        }
        DepthBook book = engine.book;
        return engine.px.decimal(book.bestAvailable(request.side().opposite()));
    }

    private boolean reduces(OrderRequest request) {
        BigDecimal pos = engine.account.position();
        return pos.signum() != 0 && pos.signum() != request.side().sign()
                && request.quantity().compareTo(pos.abs()) <= 0;
    }

    private long latency() {
        return jitter == 0 ? entryLatency : entryLatency + random.nextLong(jitter + 1);
    }

    private OpenOrder view(SimulatedOrder o) {
        BigDecimal shown = o.request.price();
        if (shown == null) {
            long p = o.isBuy ? engine.book.bestAsk() : engine.book.bestBid();
            shown = engine.px.decimal(p);
        }
        return o.toOpenOrder(engine.qty, shown);
    }
}
