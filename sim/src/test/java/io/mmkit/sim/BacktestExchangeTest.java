package io.mmkit.sim;

import static io.mmkit.sim.ScriptedVenue.clientId;
import static io.mmkit.sim.ScriptedVenue.dec;
import static io.mmkit.sim.ScriptedVenue.millis;
import static io.mmkit.sim.ScriptedVenue.ms;
import static io.mmkit.sim.ScriptedVenue.spot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.testing.Script;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's promises, each on a few scripted events worked by hand: partial fills, maker/taker fees (a
 * negative maker fee is a rebate), post-only, and determinism. Latency, spot balances and perpetual positions
 * have their own classes ({@link EntryLatencyTest}, {@link SpotBalancesTest}, {@link PerpetualPositionTest}).
 *
 * <p>Instrument: TESTUSDT spot, tick 0.1, lot 1. Fees are fractions of notional, charged in USDT.
 */
class BacktestExchangeTest {

    /**
     * trade-through: a bid 100 x5 behind a book of 100 x10 | 101 x10. A sell print of 2 through 99.9 fills 2;
     * a later print of 4 fills the remaining 3 (not 4). USDT: 10000 - 500 reserved, paid out 200 then 300.
     */
    @Test
    void shouldFillARestingOrderPartlyThenTheRestLater() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.TRADE_THROUGH, "10000", "0"), new Script()
                .at(0).bid("100", "10").ask("101", "10")
                .at(1000).trade(Side.SELL, "99.9", "2")
                .at(2000).trade(Side.SELL, "99.9", "4"));
        String id = clientId(v.postOnly(Side.BUY, "100", "5"));

        v.at(1500);
        assertThat(v.fills()).hasSize(1);
        Fill first = v.fills().get(0);
        assertThat(first.clientOrderId()).isEqualTo(id);
        assertThat(first.quantity()).isEqualByComparingTo("2");
        assertThat(first.price()).isEqualByComparingTo("100");
        assertThat(first.liquidity()).isEqualTo(Liquidity.MAKER);
        assertThat(first.time()).isEqualTo(ms(1000));
        assertThat(v.open()).as("still open in between").singleElement().satisfies(o -> {
            assertThat(o.clientOrderId()).isEqualTo(id);
            assertThat(o.quantity()).isEqualByComparingTo("5");
            assertThat(o.filledQuantity()).isEqualByComparingTo("2");
            assertThat(o.remainingQuantity()).isEqualByComparingTo("3");
        });
        v.assertBalance("USDT", "9500", "300");
        v.assertBalance("TEST", "2", "0");

        v.at(2500);
        assertThat(v.fills()).hasSize(2);
        Fill second = v.fills().get(1);
        assertThat(second.quantity()).as("the rest, not the print's 4").isEqualByComparingTo("3");
        assertThat(second.time()).isEqualTo(ms(2000));
        assertThat(second.orderId()).isEqualTo(first.orderId());
        assertThat(second.fillId()).isNotEqualTo(first.fillId());
        assertThat(v.fills()).extracting(Fill::fillId).containsExactly("F1", "F2");
        assertThat(v.open()).isEmpty();
        v.assertBalance("USDT", "9500", "0");
        v.assertBalance("TEST", "5", "0");
    }

    /** Maker fee -0.0002 on 5 x 100 = 500: fee -0.1, so USDT is 10000 - 500 + 0.1. */
    @Test
    void shouldCreditANegativeMakerFeeAsARebate() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.TOUCH, "10000", "0")
                .withFees(dec("-0.0002"), dec("0.001")), new Script()
                .at(0).bid("100", "10").ask("101", "10")
                .at(1000).trade(Side.SELL, "100", "5"));
        v.postOnly(Side.BUY, "100", "5");

        v.at(1000);

        assertThat(v.fills()).singleElement().satisfies(f -> {
            assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(f.fee()).isEqualByComparingTo("-0.1");
            assertThat(f.feeAsset()).isEqualTo("USDT");
        });
        v.assertBalance("USDT", "9500.1", "0");
        v.assertBalance("TEST", "5", "0");
    }

    /** Market buy 3 against asks 101 x2, 102 x5: 2 @ 101 (fee 0.202) and 1 @ 102 (fee 0.102), taker fee 0.1%. */
    @Test
    void shouldChargeTheTakerFeeOnAMarketOrderWalkingTheBook() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "10000", "0")
                .withFees(dec("-0.0002"), dec("0.001")), new Script()
                .at(0).bid("100", "10").ask("101", "2").ask("102", "5"));

        PlaceResult r = v.market(Side.BUY, "3");

        assertThat(((PlaceResult.Accepted) r).order().filledQuantity()).isEqualByComparingTo("3");
        assertThat(v.fills()).extracting(Fill::liquidity).containsOnly(Liquidity.TAKER);
        assertThat(v.fills()).extracting(Fill::price).usingElementComparator(Comparable::compareTo)
                .containsExactly(dec("101"), dec("102"));
        assertThat(v.fills()).extracting(Fill::quantity).usingElementComparator(Comparable::compareTo)
                .containsExactly(dec("2"), dec("1"));
        assertThat(v.fills()).extracting(Fill::fee).usingElementComparator(Comparable::compareTo)
                .containsExactly(dec("0.202"), dec("0.102"));
        assertThat(v.fills()).extracting(Fill::feeAsset).containsOnly("USDT");
        v.assertBalance("USDT", "9695.696", "0");
        v.assertBalance("TEST", "3", "0");
        assertThat(v.open()).isEmpty();
    }

    /** IOC buy 5 @ 101 against 101 x2, 102 x5: takes the 2 at 101, the other 3 are cancelled, nothing rests. */
    @Test
    void shouldFillAnIocOrderAsTakerAndDropItsRest() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.TOUCH, "10000", "0")
                .withFees(dec("-0.0002"), dec("0.001")), new Script()
                .at(0).bid("100", "10").ask("101", "2").ask("102", "5")
                .at(1000).trade(Side.SELL, "101", "5"));

        v.limit(Side.BUY, "101", "5", TimeInForce.IOC);
        v.at(2000);

        assertThat(v.fills()).singleElement().satisfies(f -> {
            assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(f.quantity()).isEqualByComparingTo("2");
            assertThat(f.fee()).isEqualByComparingTo("0.202");
        });
        assertThat(v.open()).isEmpty();
        v.assertBalance("USDT", "9797.798", "0");
    }

    /**
     * GTC buy 5 @ 101 against 101 x2: 2 taken at once (taker fee 0.202), 3 rest at 101 reserving 303 and fill
     * later as maker (rebate 3 x 101 x 0.0002 = 0.0606). USDT: 10000 - 505 - 0.202 + 0.0606 = 9494.8586.
     */
    @Test
    void shouldTakeWhatACrossingLimitReachesAndRestTheRestAsMaker() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.TOUCH, "10000", "0")
                .withFees(dec("-0.0002"), dec("0.001")), new Script()
                .at(0).bid("100", "10").ask("101", "2").ask("102", "5")
                .at(1000).trade(Side.SELL, "101", "3"));

        v.limit(Side.BUY, "101", "5", TimeInForce.GTC);
        assertThat(v.open()).singleElement().extracting(OpenOrder::filledQuantity)
                .satisfies(q -> assertThat(q).isEqualByComparingTo("2"));
        v.assertBalance("USDT", "9494.798", "303");

        v.at(1000);
        assertThat(v.fills()).extracting(Fill::liquidity).containsExactly(Liquidity.TAKER, Liquidity.MAKER);
        assertThat(v.fills().get(1).fee()).isEqualByComparingTo("-0.0606");
        v.assertBalance("USDT", "9494.8586", "0");
        v.assertBalance("TEST", "5", "0");
    }

    @Test
    void shouldRejectAPostOnlyOrderThatWouldCrossAsAValue() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "10000", "10"), new Script()
                .at(0).bid("100", "10").ask("101", "10"));

        PlaceResult buy = v.postOnly(Side.BUY, "101", "1");
        PlaceResult sell = v.postOnly(Side.SELL, "100", "1");

        assertThat(buy).isInstanceOfSatisfying(PlaceResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.POST_ONLY_WOULD_CROSS));
        assertThat(sell).isInstanceOfSatisfying(PlaceResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.POST_ONLY_WOULD_CROSS));
        assertThat(v.open()).isEmpty();
        assertThat(v.fills()).isEmpty();
        v.assertBalance("USDT", "10000", "0");
        v.assertBalance("TEST", "10", "0");
    }

    @Test
    void shouldGiveIdenticalFillsForTheSameScriptCallsAndSeed() {
        List<Fill> first = jitteredRun(7);
        List<Fill> second = jitteredRun(7);

        assertThat(first).hasSizeGreaterThanOrEqualTo(3);
        assertThat(second).isEqualTo(first);
    }

    /** Queue model with 30 ms entry latency and up to 40 ms seeded jitter; orders sent at three moments. */
    private static List<Fill> jitteredRun(long seed) {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "10000", "10")
                .withFees(dec("0.0001"), dec("0.0005"))
                .withLatency(millis(30), millis(10), millis(40)).withSeed(seed), new Script()
                .at(0).bid("100", "4").bid("99.9", "6").ask("100.5", "5").ask("100.6", "5")
                .at(500).trade(Side.SELL, "100", "5")
                .at(900).trade(Side.BUY, "100.5", "7")
                .at(1300).trade(Side.SELL, "99.9", "9")
                .at(1700).trade(Side.SELL, "99.8", "1"));
        v.postOnly(Side.BUY, "100", "2");
        v.postOnly(Side.BUY, "99.9", "2");
        v.postOnly(Side.SELL, "100.5", "2");
        v.at(1000);
        v.market(Side.SELL, "1");
        v.exchange.time().advance(Duration.ofSeconds(1));
        return v.fills();
    }
}
