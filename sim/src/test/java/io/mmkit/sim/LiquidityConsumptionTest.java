package io.mmkit.sim;

import static io.mmkit.sim.ScriptedVenue.clientId;
import static io.mmkit.sim.ScriptedVenue.dec;
import static io.mmkit.sim.ScriptedVenue.spot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.testing.Script;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What our fills take from a replayed level stays taken until the feed gives that level a new size, so the
 * same displayed quantity is never sold to us twice, and a level we used up is no touch for a resting order.
 * Every figure worked by hand in the Javadoc. TESTUSDT spot, tick 0.1, lot 1, no fees, no latency; queue model.
 */
class LiquidityConsumptionTest {

    static Script twoAskLevels() {
        return new Script()
                .at(0).bid("100", "10").ask("101", "5").ask("102", "5")
                .at(1000).ask("103", "1")
                .at(2000).trade(Side.BUY, "102", "3")
                .at(3000).trade(Side.SELL, "102", "4");
    }

    /**
     * Asks 101 x5 + 102 x5: 10 units exist. Market buy 8: 5 @ 101 + 3 @ 102 (taken: 101 5/5, 102 3/5). Market buy
     * 8: 101 is used up, 102 has 5 - 3 = 2: fills 2 @ 102, the other 6 expire (a market order never rests). GTC
     * buy 102 x100: nothing is left at or below 102, so it does not cross; it rests with 100 x 102 = 10200 USDT
     * reserved, nothing ahead of it at 102. Filled so far 5 + 3 + 2 + 0 = 10. USDT: 100000 - 505 - 306 - 204 =
     * 98985, less 10200 reserved = 88785 free.
     *
     * <p>At 1 s an unrelated ask 103 x1 appears: the best ask we could still trade with is 103, above 102, so
     * nothing fills (before this change the used-up 101 counted as "through" and filled all 90 left as maker).
     * At 2 s a buy-aggressor print at 102 lifts the asks, not our bid: nothing. At 3 s a sell print of 4 at 102
     * hits our bid with nothing ahead: 4 fill as maker, 96 stay open (USDT locked 10200 - 408 = 9792).
     */
    @Test
    void shouldFillTenWhereTenExistedAndNotFillTheRestWithoutATrade() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "100000", "0"), twoAskLevels());

        assertThat(filled(v.market(Side.BUY, "8"))).isEqualByComparingTo("8");
        assertThat(filled(v.market(Side.BUY, "8"))).as("only 2 left at 102").isEqualByComparingTo("2");
        String gtc = clientId(v.limit(Side.BUY, "102", "100", TimeInForce.GTC));

        assertThat(v.fills()).extracting(Fill::price).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(dec("101"), dec("102"), dec("102"));
        assertThat(v.fills()).extracting(Fill::quantity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(dec("5"), dec("3"), dec("2"));
        assertThat(v.fills()).extracting(Fill::liquidity).containsOnly(Liquidity.TAKER);
        assertThat(v.open()).singleElement().satisfies(o -> {
            assertThat(o.clientOrderId()).isEqualTo(gtc);
            assertThat(o.remainingQuantity()).isEqualByComparingTo("100");
        });
        v.assertBalance("USDT", "88785", "10200");
        v.assertBalance("TEST", "10", "0");

        v.at(2500);
        assertThat(v.fills()).as("no trade hit our bid, and the asks we used up are no touch").hasSize(3);

        v.at(3000);
        assertThat(v.fills()).hasSize(4);
        assertThat(v.fills().get(3)).satisfies(f -> {
            assertThat(f.clientOrderId()).isEqualTo(gtc);
            assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(f.price()).isEqualByComparingTo("102");
            assertThat(f.quantity()).as("the print's size, not the 100 resting").isEqualByComparingTo("4");
        });
        assertThat(v.open()).singleElement().satisfies(o -> assertThat(o.remainingQuantity()).isEqualByComparingTo("96"));
        v.assertBalance("USDT", "88785", "9792");
        v.assertBalance("TEST", "14", "0");
    }

    /**
     * The same path with {@code liquidity_consumption} off: each taker order sees the whole displayed book. Market
     * 8: 5 @ 101 + 3 @ 102; market 8: the same again; GTC 102 x100 crosses and takes 5 @ 101 + 5 @ 102, 90 rest.
     * The 103 ask at 1 s re-offers the (replayed, unchanged) 101 x5 and 102 x5 to the resting 90: under queue
     * the ask through 102 and the one at 102 with nothing ahead fill at most what they display, 10 as maker.
     * Then the sell print of 4 at 102: 4 more. 8 + 8 + 10 + 10 + 4 = 40 filled against 10 that existed (before
     * this change: 8 + 8 + 10 + 90 = 116).
     */
    @Test
    void shouldOfferTheDisplayedBookAgainWhenSwitchedOff() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "100000", "0").withLiquidityConsumption(false),
                twoAskLevels());

        assertThat(filled(v.market(Side.BUY, "8"))).isEqualByComparingTo("8");
        assertThat(filled(v.market(Side.BUY, "8"))).isEqualByComparingTo("8");
        assertThat(filled(v.limit(Side.BUY, "102", "100", TimeInForce.GTC))).isEqualByComparingTo("10");

        v.at(3000);

        assertThat(v.fills()).extracting(Fill::quantity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(dec("5"), dec("3"), dec("5"), dec("3"), dec("5"), dec("5"), dec("10"), dec("4"));
        assertThat(v.fills().subList(6, 8)).extracting(Fill::liquidity).containsOnly(Liquidity.MAKER);
        assertThat(v.open()).singleElement().satisfies(o -> assertThat(o.remainingQuantity()).isEqualByComparingTo("76"));
    }

    /**
     * Asks 101 x5, 102 x5. Market buy 8: 5 @ 101 + 3 @ 102 (taken 101 5, 102 3). At 1 s the feed says 101 x4: a
     * new size, so what we took there is forgotten. Market buy 6: 4 @ 101 + 2 @ 102 (102: 5 - 3). At 2 s the feed
     * repeats 102 x5, the size it showed: no news, we still took all of it; 101 is used up too, so a market
     * buy of 1 finds nothing and is rejected. At 3 s the feed says 102 x6: market buy 7 takes 6 @ 102, the 7th
     * expires. Total 8 + 6 + 0 + 6 = 20.
     */
    @Test
    void shouldForgetWhatWasTakenWhenTheFeedGivesTheLevelANewSize() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "100000", "0"), new Script()
                .at(0).bid("100", "10").ask("101", "5").ask("102", "5")
                .at(1000).ask("101", "4")
                .at(2000).ask("102", "5")
                .at(3000).ask("102", "6"));

        assertThat(filled(v.market(Side.BUY, "8"))).isEqualByComparingTo("8");
        v.at(1000);
        assertThat(filled(v.market(Side.BUY, "6"))).isEqualByComparingTo("6");
        v.at(2000);
        PlaceResult nothingLeft = v.market(Side.BUY, "1");
        assertThat(nothingLeft).isInstanceOfSatisfying(PlaceResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.NO_LIQUIDITY));
        v.at(3000);
        assertThat(filled(v.market(Side.BUY, "7"))).isEqualByComparingTo("6");

        assertThat(v.fills()).extracting(f -> f.quantity().toPlainString() + "@" + f.price().toPlainString())
                .containsExactly("5@101", "3@102", "4@101", "2@102", "6@102");
        assertThat(v.exchange.bookTop(v.symbol).askPrice()).as("the strategy still sees the feed's book")
                .isEqualByComparingTo("101");
    }

    @Test
    void shouldBeOnByDefault() {
        assertThat(ExchangeSettings.of(ScriptedVenue.SPOT, FillModelName.QUEUE, Map.of()).liquidityConsumption())
                .isTrue();
        assertThat(spot(FillModelName.QUEUE, "1", "1").withLiquidityConsumption(false).liquidityConsumption())
                .isFalse();
    }

    private static BigDecimal filled(PlaceResult r) {
        assertThat(r.isAccepted()).as("accepted: " + r).isTrue();
        return ((PlaceResult.Accepted) r).order().filledQuantity();
    }
}
