package io.mmkit.sim;

import static io.mmkit.sim.ScriptedVenue.clientId;
import static io.mmkit.sim.ScriptedVenue.dec;
import static io.mmkit.sim.ScriptedVenue.spot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.testing.Script;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Spot balances of TESTUSDT (base TEST, quote USDT): a resting bid reserves price x quantity of USDT, a resting
 * ask reserves its quantity of TEST, a cancel gives back exactly what is still reserved, and an order the free
 * balance cannot pay for is rejected with {@link RejectReason#INSUFFICIENT_FUNDS}, as a value.
 */
class SpotBalancesTest {

    static Script book() {
        return new Script().at(0).bid("100", "10").ask("101", "10");
    }

    @Test
    void shouldReserveQuoteForABidAndReleaseExactlyOnCancel() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "10000", "10"), book());

        String id = clientId(v.postOnly(Side.BUY, "99.9", "3"));
        v.assertBalance("USDT", "9700.3", "299.7");
        v.assertBalance("TEST", "10", "0");

        assertThat(v.exchange.cancel(v.symbol, id)).isEqualTo(CancelResult.CANCELLED);
        v.assertBalance("USDT", "10000", "0");
        assertThat(v.exchange.cancel(v.symbol, id)).as("a second cancel finds nothing").isEqualTo(CancelResult.NOT_FOUND);
        v.assertBalance("USDT", "10000", "0");
    }

    @Test
    void shouldReserveBaseForAnAskAndReleaseExactlyOnCancel() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "10000", "10"), book());

        String id = clientId(v.postOnly(Side.SELL, "101.5", "4"));
        v.assertBalance("TEST", "6", "4");
        v.assertBalance("USDT", "10000", "0");

        v.exchange.cancel(v.symbol, id);
        v.assertBalance("TEST", "10", "0");
    }

    /** trade-through: 2 of 5 fill at 100, then the cancel returns the 300 still reserved for the other 3. */
    @Test
    void shouldReleaseOnlyTheUnfilledRemainderOnCancel() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.TRADE_THROUGH, "10000", "0"), book()
                .at(1000).trade(Side.SELL, "99.9", "2"));
        String id = clientId(v.postOnly(Side.BUY, "100", "5"));

        v.at(1500);
        v.assertBalance("USDT", "9500", "300");
        v.exchange.cancel(v.symbol, id);

        v.assertBalance("USDT", "9800", "0");
        v.assertBalance("TEST", "2", "0");
    }

    @Test
    void shouldRejectARestingOrderTheFreeBalanceCannotPayFor() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "100", "0"), book());

        PlaceResult bid = v.postOnly(Side.BUY, "100", "2");
        PlaceResult ask = v.postOnly(Side.SELL, "101", "1");

        assertInsufficientFunds(bid);
        assertInsufficientFunds(ask);
        assertThat(v.open()).isEmpty();
        v.assertBalance("USDT", "100", "0");

        assertThat(v.postOnly(Side.BUY, "100", "1").isAccepted()).as("exactly the free balance is enough").isTrue();
        v.assertBalance("USDT", "0", "100");
        assertInsufficientFunds(v.postOnly(Side.BUY, "99.9", "1"));
    }

    /** A taker order is checked too: at its limit price, or for a market buy at the best ask. */
    @Test
    void shouldRejectATakerOrderTheFreeBalanceCannotPayFor() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "100", "0"), book());

        assertInsufficientFunds(v.market(Side.BUY, "1"));
        assertInsufficientFunds(v.market(Side.SELL, "1"));
        assertInsufficientFunds(v.limit(Side.BUY, "101", "1", TimeInForce.IOC));

        assertThat(v.fills()).isEmpty();
        v.assertBalance("USDT", "100", "0");
        v.assertBalance("TEST", "0", "0");
    }

    /**
     * Maker 0.1%, taker 0.2% (unused). Buy 3 @ 100 (fee 0.3), sell 3 @ 102 (fee 0.306): PnL 6, fees 0.606, so
     * USDT ends at 10000 + 6 - 0.606 = 10005.394 and TEST where it started.
     */
    @Test
    void shouldEndARoundTripAtStartPlusPnlMinusFees() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.TOUCH, "10000", "0")
                .withFees(dec("0.001"), dec("0.002")), new Script()
                .at(0).bid("100", "10").ask("103", "10")
                .at(1000).trade(Side.SELL, "100", "5")
                .at(2000).trade(Side.BUY, "102", "3"));
        v.postOnly(Side.BUY, "100", "3");
        v.at(1500);
        v.assertBalance("USDT", "9699.7", "0");
        v.postOnly(Side.SELL, "102", "3");
        v.assertBalance("TEST", "0", "3");

        v.at(2500);

        BigDecimal fees = v.fills().stream().map(Fill::fee).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(fees).isEqualByComparingTo("0.606");
        v.assertBalance("USDT", "10005.394", "0");
        v.assertBalance("TEST", "0", "0");
    }

    @Test
    void shouldIgnoreFundingOnSpot() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.TOUCH, "10000", "10"), book()
                .at(1000).funding("0.01"));

        v.at(2000);

        v.assertBalance("USDT", "10000", "0");
        v.assertBalance("TEST", "10", "0");
        assertThat(v.exchange.positions()).isEmpty();
    }

    private static void assertInsufficientFunds(PlaceResult result) {
        assertThat(result).isInstanceOfSatisfying(PlaceResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.INSUFFICIENT_FUNDS));
    }
}
