package io.mmkit.core.exchange;

import io.mmkit.core.model.Balance;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.Side;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.sim.SimulatedExchange;
import io.mmkit.sim.SimulatedExchangeBuilder;
import io.mmkit.sim.feed.ScriptedFeed;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway contract, against the one simulated matching engine. The engine takes its market from a feed
 * and its funds from deposits when it is built, so the seeding hooks only note what the venue should hold, and
 * the exchange is built at the gateway's first call: the book from a one-step script, balances as deposits, a
 * locked balance as a resting bid far below the market that reserves it, open orders placed as resting ones.
 */
class SimulatedExchangeContractTest extends ExchangeGatewayContract {
    private static final Instrument BTC_USDT = Instrument.spot("BTC_USDT", "BTC", "USDT", "0.01", "0.001");
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    /** The book when a test seeds orders but no book: wide enough for the contract's resting bid at 98. */
    private static final String[] DEFAULT_TOP = {"90", "1", "110", "1"};
    /** The bid that holds a seeded locked balance: far below any seeded book, so it never fills. */
    private static final BigDecimal LOCKING_PRICE = BigDecimal.ONE;

    private final SimulatedTimeSource time = new SimulatedTimeSource(T0);
    private String[] top;
    private final Map<String, Balance> balances = new LinkedHashMap<>();
    private final List<OpenOrder> orders = new ArrayList<>();
    private SimulatedExchange sim;

    @Override
    protected ExchangeGateway createGateway() {
        InvocationHandler buildOnFirstCall = (proxy, method, args) -> {
            try {
                return method.invoke(sim(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (ExchangeGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ExchangeGateway.class}, buildOnFirstCall);
    }

    private SimulatedExchange sim() {
        if (sim != null) {
            return sim;
        }
        String[] book = top != null ? top : DEFAULT_TOP;
        SimulatedExchangeBuilder b = SimulatedExchange.builder(time).instrument(BTC_USDT)
                .feed(ScriptedFeed.builder(BTC_USDT.symbol(), T0).top(book[0], book[1], book[2], book[3]).build());
        if (balances.isEmpty()) {
            b.deposit("USDT", "100000");
        }
        balances.values().forEach(x -> b.deposit(x.asset(), x.free().add(x.locked()).toPlainString()));
        sim = b.build();
        int n = 0;
        for (Balance x : balances.values()) {
            if (x.locked().signum() > 0 && x.asset().equals(BTC_USDT.quoteAsset())) {
                sim.restExisting("lock-" + n++, BTC_USDT.symbol(), Side.BUY, LOCKING_PRICE,
                        x.locked().divide(LOCKING_PRICE, 3, RoundingMode.UNNECESSARY));
            }
        }
        for (OpenOrder o : orders) {
            sim.restExisting(o.clientOrderId(), o.symbol(), o.side(), o.price(), o.remainingQuantity());
        }
        return sim;
    }

    @Override
    protected String symbol() {
        return BTC_USDT.symbol();
    }

    @Override
    protected Instrument expectedInstrument() {
        return BTC_USDT;
    }

    @Override
    protected void givenBookTop(BigDecimal bid, BigDecimal bidQuantity, BigDecimal ask, BigDecimal askQuantity) {
        top = new String[] {bid.toPlainString(), bidQuantity.toPlainString(), ask.toPlainString(),
                askQuantity.toPlainString()};
    }

    @Override
    protected void givenOpenOrder(OpenOrder order) {
        orders.add(order);
    }

    @Override
    protected void givenBalance(Balance balance) {
        balances.put(balance.asset(), balance);
    }
}
