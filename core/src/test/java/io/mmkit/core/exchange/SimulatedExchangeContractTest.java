package io.mmkit.core.exchange;

import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.sim.MarketEvent;
import io.mmkit.core.sim.QueueFeed;
import io.mmkit.core.sim.SimulatedExchange;
import io.mmkit.core.time.SimulatedTimeSource;
import java.math.BigDecimal;
import java.time.Instant;

/** The gateway contract, against the in-process simulated exchange. */
class SimulatedExchangeContractTest extends ExchangeGatewayContract {
    private static final Instrument BTC_USDT = Instrument.spot("BTC_USDT", "BTC", "USDT", "0.01", "0.001");
    private final SimulatedTimeSource time = new SimulatedTimeSource(Instant.parse("2025-01-01T00:00:00Z"));
    private final QueueFeed feed = new QueueFeed();
    private SimulatedExchange sim;

    @Override
    protected ExchangeGateway createGateway() {
        sim = SimulatedExchange.builder(time).instrument(BTC_USDT).feed(feed).deposit("USDT", "100000").build();
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
        feed.push(new MarketEvent.TopChanged(new BookTop(symbol(), bid, bidQuantity, ask, askQuantity, time.now())));
    }

    @Override
    protected void givenOpenOrder(OpenOrder order) {
        sim.restExisting(order.clientOrderId(), order.symbol(), order.side(), order.price(), order.remainingQuantity());
    }

    @Override
    protected void givenBalance(Balance balance) {
        sim.setBalance(balance.asset(), balance.free(), balance.locked());
    }
}
