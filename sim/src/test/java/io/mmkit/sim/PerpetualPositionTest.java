package io.mmkit.sim;

import static io.mmkit.sim.ScriptedVenue.dec;
import static io.mmkit.sim.ScriptedVenue.perp;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.testing.Script;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import org.junit.jupiter.api.Test;

/**
 * A TESTUSDT perpetual (lot 0.1) with 1000 USDT: fills move a signed position, realized PnL and fees settle in
 * USDT, and funding events charge the position. Sign convention (as venues use it): a positive rate means longs
 * pay shorts; the payment is position x mid x rate, positive = we paid. It is taken from USDT and summed in
 * {@link Position#fundingPaid()} (negative when we received).
 *
 * <p>Book: 100 x10 | 100.5 x10 (mid 100.25) until 1000 ms, then 103 x10 | 103.5 x10 (mid 103.25).
 */
class PerpetualPositionTest {

    static Script path() {
        return new Script()
                .at(0).bid("100", "10").ask("100.5", "10")
                .at(1000).ask("103.5", "10").ask("100.5", "0").bid("103", "10").bid("100", "0");
    }

    /**
     * Taker fee 0.04%. Buy 2 @ 100.5 (fee 0.0804); sell 0.5 @ 103 (fee 0.0206) realizes 0.5 x 2.5 = 1.25.
     * USDT 1000 - 0.0804 + 1.25 - 0.0206 = 1001.149; 1.5 left at entry 100.5, unrealized 1.5 x 2.75 = 4.125.
     */
    @Test
    void shouldRealizeTheExactPnlOfAPartialClose() {
        ScriptedVenue v = new ScriptedVenue(perp(FillModelName.QUEUE, "1000").withFees(dec("0"), dec("0.0004")),
                path());
        v.market(Side.BUY, "2");
        assertPosition(v, "2", "100.5", "0");
        v.assertBalance("USDT", "999.9196", "0");

        v.at(1500);
        assertThat(v.reduceOnlyMarket(Side.SELL, "0.5").isAccepted()).isTrue();

        v.assertBalance("USDT", "1001.149", "0");
        Position p = assertPosition(v, "1.5", "100.5", "0");
        assertThat(p.markPrice()).isEqualByComparingTo("103.25");
        assertThat(p.unrealizedPnl()).isEqualByComparingTo("4.125");
        assertThat(v.exchange.balances()).as("a perpetual moves no base asset").hasSize(1);
    }

    /** Long 2 @ 100.5, sell 3 @ 103: closes 2 (realized 5) and opens a short of 1 at 103. */
    @Test
    void shouldRealizeTheCloseAndReopenAtTheFillPriceWhenTradingThroughFlat() {
        ScriptedVenue v = new ScriptedVenue(perp(FillModelName.QUEUE, "1000"), path());
        v.market(Side.BUY, "2");

        v.at(1500).market(Side.SELL, "3");

        assertPosition(v, "-1", "103", "0");
        v.assertBalance("USDT", "1005", "0");
    }

    /**
     * Long 2 at mid 100.25: rate 0.0001 costs 2 x 100.25 x 0.0001 = 0.02005; rate -0.0002 then pays us 0.0401.
     */
    @Test
    void shouldChargeALongAtAPositiveFundingRateAndCreditItAtANegativeOne() {
        ScriptedVenue v = new ScriptedVenue(perp(FillModelName.QUEUE, "1000"), new Script()
                .at(0).bid("100", "10").ask("100.5", "10")
                .at(1000).funding("0.0001")
                .at(2000).funding("-0.0002"));
        v.market(Side.BUY, "2");

        v.at(1000);
        v.assertBalance("USDT", "999.97995", "0");
        assertPosition(v, "2", "100.5", "0.02005");

        v.at(2000);
        v.assertBalance("USDT", "1000.02005", "0");
        assertPosition(v, "2", "100.5", "-0.02005");
    }

    /** Short 1 at mid 100.25, rate 0.0001: the short receives 0.010025. */
    @Test
    void shouldCreditAShortAtAPositiveFundingRate() {
        ScriptedVenue v = new ScriptedVenue(perp(FillModelName.QUEUE, "1000"), new Script()
                .at(0).bid("100", "10").ask("100.5", "10")
                .at(1000).funding("0.0001"));
        v.market(Side.SELL, "1");

        v.at(1000);

        v.assertBalance("USDT", "1000.010025", "0");
        assertPosition(v, "-1", "100", "-0.010025");
    }

    @Test
    void shouldChargeNoFundingWhenFlat() {
        ScriptedVenue v = new ScriptedVenue(perp(FillModelName.QUEUE, "1000"), new Script()
                .at(0).bid("100", "10").ask("100.5", "10")
                .at(1000).funding("0.0001"));

        v.at(1000);

        v.assertBalance("USDT", "1000", "0");
        assertPosition(v, "0", "0", "0");
    }

    @Test
    void shouldRejectAReduceOnlyOrderThatWouldOpenGrowOrFlipThePosition() {
        ScriptedVenue v = new ScriptedVenue(perp(FillModelName.QUEUE, "1000"), path());

        assertReduceOnlyRejected(v.reduceOnlyMarket(Side.SELL, "1"));
        v.market(Side.BUY, "2");
        assertReduceOnlyRejected(v.reduceOnlyMarket(Side.BUY, "1"));
        assertReduceOnlyRejected(v.reduceOnlyMarket(Side.SELL, "2.1"));
        assertPosition(v, "2", "100.5", "0");

        assertThat(v.reduceOnlyMarket(Side.SELL, "2").isAccepted()).isTrue();
        assertPosition(v, "0", "0", "0");
        v.assertBalance("USDT", "999", "0");
    }

    private static Position assertPosition(ScriptedVenue v, String quantity, String entry, String fundingPaid) {
        Position p = v.exchange.positions().get(0);
        assertThat(p.quantity()).as("position").isEqualByComparingTo(quantity);
        assertThat(p.entryPrice()).as("entry price").isEqualByComparingTo(entry);
        assertThat(p.fundingPaid()).as("funding paid").isEqualByComparingTo(fundingPaid);
        return p;
    }

    private static void assertReduceOnlyRejected(PlaceResult result) {
        assertThat(result).isInstanceOfSatisfying(PlaceResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.REDUCE_ONLY_REJECTED));
    }
}
