package io.mmkit.sim;

import static io.mmkit.sim.ScriptedVenue.clientId;
import static io.mmkit.sim.ScriptedVenue.millis;
import static io.mmkit.sim.ScriptedVenue.ms;
import static io.mmkit.sim.ScriptedVenue.spot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.testing.Script;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Entry latency (100 ms here): an order sent at t reaches the venue at t + 100 ms, and only then can it trade;
 * a cancel sent at t takes effect at t + 100 ms, and the order can still fill until then. The place/cancel call
 * itself answers at once. Response latency delays only the fills pushed to subscribers.
 *
 * <p>Every script opens with the book 100 x10 | 101 x10 at 0 ms; spot TESTUSDT, no fees.
 */
class EntryLatencyTest {
    static final Duration LATENCY = millis(100);

    static ScriptedVenue venue(FillModelName model, String usdt, String test, Script script) {
        return new ScriptedVenue(spot(model, usdt, test).withLatency(LATENCY, Duration.ZERO, Duration.ZERO), script);
    }

    static Script opening() {
        return new Script().at(0).bid("100", "10").ask("101", "10");
    }

    @Test
    void shouldNotMatchAnOrderBeforeItsEntryLatencyHasPassed() {
        ScriptedVenue v = venue(FillModelName.TOUCH, "10000", "0", opening()
                .at(50).trade(Side.SELL, "100", "1")
                .at(150).trade(Side.SELL, "100", "1"));
        v.postOnly(Side.BUY, "100", "1");
        assertThat(v.open()).as("listed (and funds reserved) from the moment it is sent").hasSize(1);
        v.assertBalance("USDT", "9900", "100");

        v.at(99);
        assertThat(v.fills()).as("the print at 50 ms came before the order arrived").isEmpty();

        v.at(200);
        assertThat(v.fills()).singleElement().satisfies(f -> assertThat(f.time()).isEqualTo(ms(150)));
        v.assertBalance("USDT", "9900", "0");
        v.assertBalance("TEST", "1", "0");
    }

    /** trade-through, bid 100 x5: cancel sent at 200 ms, a print through it at 250 ms, cancel effective at 300 ms. */
    @Test
    void shouldKeepFillingACancelledOrderUntilTheCancelArrives() {
        ScriptedVenue v = venue(FillModelName.TRADE_THROUGH, "10000", "0", opening()
                .at(250).trade(Side.SELL, "99.9", "2")
                .at(400).trade(Side.SELL, "99.9", "5"));
        String id = clientId(v.postOnly(Side.BUY, "100", "5"));

        v.at(200);
        assertThat(v.exchange.cancel(v.symbol, id)).isEqualTo(CancelResult.CANCELLED);
        assertThat(v.open()).as("no longer listed once the cancel is sent").isEmpty();

        v.at(299);
        assertThat(v.fills()).singleElement().satisfies(f -> assertThat(f.quantity()).isEqualByComparingTo("2"));
        v.assertBalance("USDT", "9500", "300");

        v.at(300);
        v.assertBalance("USDT", "9800", "0");

        v.at(500);
        assertThat(v.fills()).as("gone before the print at 400 ms").hasSize(1);
        v.assertBalance("TEST", "2", "0");
    }

    /** A post-only bid at 100.5 is fine when sent; the ask comes down to 100.5 at 50 ms, before it arrives. */
    @Test
    void shouldCancelAPostOnlyOrderThatWouldCrossOnArrivalAndReleaseItsFunds() {
        ScriptedVenue v = venue(FillModelName.TOUCH, "10000", "0", opening()
                .at(50).topAsk("100.5", "5")
                .at(200).trade(Side.SELL, "100.5", "5"));
        assertThat(v.postOnly(Side.BUY, "100.5", "2").isAccepted()).isTrue();
        v.assertBalance("USDT", "9799", "201");

        v.at(100);
        assertThat(v.open()).isEmpty();
        v.assertBalance("USDT", "10000", "0");

        v.at(300);
        assertThat(v.fills()).isEmpty();
    }

    /**
     * A GTC bid 2 @ 100.5 rests-to-be when sent (funds reserved: 201); the ask drops to 100.4 at 50 ms, so on
     * arrival it takes 2 @ 100.4 as taker. It pays 200.8 and must keep nothing reserved.
     */
    @Test
    void shouldReleaseTheReservationOfALimitThatCrossesOnlyOnArrival() {
        ScriptedVenue v = venue(FillModelName.TOUCH, "10000", "0", opening()
                .at(50).topAsk("100.4", "5"));
        v.limit(Side.BUY, "100.5", "2", TimeInForce.GTC);
        v.assertBalance("USDT", "9799", "201");

        v.at(100);

        assertThat(v.fills()).singleElement().satisfies(f -> {
            assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
            assertThat(f.price()).isEqualByComparingTo("100.4");
            assertThat(f.time()).isEqualTo(ms(100));
        });
        assertThat(v.open()).isEmpty();
        v.assertBalance("USDT", "9799.2", "0");
        v.assertBalance("TEST", "2", "0");
    }

    /**
     * A GTC bid 2 @ 101 crosses when sent (nothing reserved then); the ask lifts to 101.5 at 50 ms, so on
     * arrival it rests at 101 and must reserve 202 like any resting bid; a sell print at 101 fills it as maker.
     */
    @Test
    void shouldReserveFundsForALimitThatNoLongerCrossesOnArrival() {
        ScriptedVenue v = venue(FillModelName.TOUCH, "10000", "0", opening()
                .at(50).topAsk("101.5", "5")
                .at(200).trade(Side.SELL, "101", "2"));
        v.limit(Side.BUY, "101", "2", TimeInForce.GTC);

        v.at(150);
        assertThat(v.fills()).isEmpty();
        assertThat(v.open()).hasSize(1);
        v.assertBalance("USDT", "9798", "202");

        v.at(250);
        assertThat(v.fills()).singleElement().satisfies(f -> assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER));
        v.assertBalance("USDT", "9798", "0");
        v.assertBalance("TEST", "2", "0");
    }

    /** An IOC bid 2 @ 101 crosses when sent; the ask lifts to 101.5 before it arrives: it expires unfilled. */
    @Test
    void shouldExpireAnIocThatNoLongerCrossesOnArrival() {
        ScriptedVenue v = venue(FillModelName.TOUCH, "10000", "0", opening()
                .at(50).topAsk("101.5", "5")
                .at(200).trade(Side.SELL, "101", "5"));
        v.limit(Side.BUY, "101", "2", TimeInForce.IOC);

        v.at(300);

        assertThat(v.fills()).as("an IOC never rests, so the print at 200 ms is not ours").isEmpty();
        assertThat(v.open()).isEmpty();
        v.assertBalance("USDT", "10000", "0");
    }

    /**
     * One iteration at 1000 ms cancels a resting bid, sells 1 at market and sends a new ask at 102; all three
     * take effect together at 1100 ms. The new ask must rest and fill on the buy print at 102.
     */
    @Test
    void shouldHandleEveryOrderThatArrivesAtTheSameMoment() {
        ScriptedVenue v = venue(FillModelName.TOUCH, "10000", "10", opening()
                .at(1500).trade(Side.BUY, "102", "1"));
        String oldBid = clientId(v.postOnly(Side.BUY, "99", "1"));
        v.at(1000);
        v.exchange.cancel(v.symbol, oldBid);
        v.market(Side.SELL, "1");
        v.postOnly(Side.SELL, "102", "1");

        v.at(2000);

        assertThat(v.fills()).extracting(Fill::liquidity).containsExactly(Liquidity.TAKER, Liquidity.MAKER);
        assertThat(v.fills()).extracting(Fill::time).containsExactly(ms(1100), ms(1500));
        assertThat(v.open()).isEmpty();
        v.assertBalance("USDT", "10202", "0");
        v.assertBalance("TEST", "8", "0");
    }

    /**
     * Response latency 200 ms: a fill at 1000 ms is in the venue's record (and {@code fillsSince}) at once, but
     * reaches subscribers only at 1200 ms.
     */
    @Test
    void shouldDelayPushedFillsByTheResponseLatency() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.TOUCH, "10000", "0")
                .withLatency(Duration.ZERO, millis(200), Duration.ZERO), opening()
                .at(1000).trade(Side.SELL, "100", "1"));
        ScriptedVenue.RecordingListener pushed = new ScriptedVenue.RecordingListener();
        v.exchange.subscribe(v.symbol, pushed);
        v.postOnly(Side.BUY, "100", "1");

        v.at(1199);
        assertThat(v.fills()).singleElement().satisfies(f -> assertThat(f.time()).isEqualTo(ms(1000)));
        assertThat(v.exchange.fillsSince(v.symbol, Instant.EPOCH)).hasSize(1);
        assertThat(pushed.fills).isEmpty();

        v.at(1200);
        assertThat(pushed.fills).containsExactlyElementsOf(v.fills());
    }
}
