package io.mmkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.testing.Script;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link BacktestExchange} on a {@link Script}, driven by its own virtual clock: {@link #at(long)} moves the
 * clock to a millisecond offset from {@link Script#T0}, replaying the script up to there. No wall clock, no
 * sleeps. Shorthands for the calls the engine tests make.
 */
final class ScriptedVenue {
    static final Instrument SPOT = Instrument.spot("TESTUSDT", "TEST", "USDT", "0.1", "1");
    static final Instrument PERP = Instrument.perpetual("TESTUSDT", "TEST", "USDT", "0.1", "0.1");

    final BacktestExchange exchange;
    final String symbol;
    private int nextId = 1;

    ScriptedVenue(ExchangeSettings settings, Script script) {
        this.exchange = new BacktestExchange(settings, new ListReplaySource(script.events()), null);
        this.symbol = settings.instrument().symbol();
        assertThat(exchange.warmUp()).as("the script opens with a two-sided book").isTrue();
    }

    static ExchangeSettings spot(FillModelName model, String usdt, String test) {
        return ExchangeSettings.of(SPOT, model, Map.of("USDT", new BigDecimal(usdt), "TEST", new BigDecimal(test)));
    }

    static ExchangeSettings perp(FillModelName model, String usdt) {
        return ExchangeSettings.of(PERP, model, Map.of("USDT", new BigDecimal(usdt)));
    }

    /** Moves the virtual clock to {@code millis} after {@link Script#T0}. */
    ScriptedVenue at(long millis) {
        exchange.time().advanceTo(Script.T0.plusMillis(millis));
        return this;
    }

    PlaceResult postOnly(Side side, String price, String quantity) {
        return exchange.place(OrderRequest.postOnly(symbol, nextId(), side, dec(price), dec(quantity)));
    }

    PlaceResult limit(Side side, String price, String quantity, TimeInForce tif) {
        return exchange.place(OrderRequest.limit(symbol, nextId(), side, dec(price), dec(quantity), tif));
    }

    PlaceResult market(Side side, String quantity) {
        return exchange.place(OrderRequest.market(symbol, nextId(), side, dec(quantity)));
    }

    PlaceResult reduceOnlyMarket(Side side, String quantity) {
        return exchange.place(OrderRequest.market(symbol, nextId(), side, dec(quantity)).asReduceOnly());
    }

    List<Fill> fills() {
        return exchange.allFills();
    }

    List<OpenOrder> open() {
        return exchange.openOrders(symbol);
    }

    Balance balance(String asset) {
        return exchange.balances().stream().filter(b -> b.asset().equals(asset)).findFirst().orElseThrow();
    }

    /** Asserts an asset's free and locked amounts exactly. */
    void assertBalance(String asset, String free, String locked) {
        Balance b = balance(asset);
        assertThat(b.free()).as(asset + " free").isEqualByComparingTo(free);
        assertThat(b.locked()).as(asset + " locked").isEqualByComparingTo(locked);
    }

    static String clientId(PlaceResult r) {
        assertThat(r.isAccepted()).as("accepted: " + r).isTrue();
        return ((PlaceResult.Accepted) r).order().clientOrderId();
    }

    static Instant ms(long millis) {
        return Script.T0.plusMillis(millis);
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    /** Records the fills the exchange pushes to its subscribers. */
    static final class RecordingListener implements ExchangeListener {
        final List<Fill> fills = new ArrayList<>();

        @Override
        public void onFill(Fill fill) {
            fills.add(fill);
        }
    }

    /** Shorthand for {@link Duration#ofMillis}. */
    static Duration millis(long ms) {
        return Duration.ofMillis(ms);
    }

    private String nextId() {
        return "c" + nextId++;
    }
}
