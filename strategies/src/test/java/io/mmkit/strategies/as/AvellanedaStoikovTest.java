package io.mmkit.strategies.as;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The closed forms and the quotes they give, against numbers worked out by hand. */
class AvellanedaStoikovTest {
    private static final Instant T0 = Instant.parse("2024-07-23T00:00:00Z");
    private static final Instrument INST = Instrument.spot("TEST", "BASE", "QUOTE", "0.01", "0.01");

    private static AsParams params(Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("order_quantity", "0.5", "gamma", "0.1"));
        m.putAll(extra);
        return AsParams.read(StrategyParams.of(m));
    }

    private static BookTop top(String bid, String ask) {
        return new BookTop("TEST", new BigDecimal(bid), BigDecimal.ONE, new BigDecimal(ask), BigDecimal.ONE, T0);
    }

    @Test
    void shouldGiveTheReservationPriceAndSpreadWorkedOutByHand() {
        // q = 2, γ = 0.1, σ = 2 ticks/√s, τ = 30 s, κ = 0.5 per tick, s = 1000 ticks:
        // r = 1000 − 2·0.1·4·30 = 976;  δa+δb = 0.1·4·30 + 20·ln(1.2) = 12 + 3.6464311 = 15.6464311
        assertThat(AvellanedaStoikov.reservationPrice(1000, 2, 0.1, 2, 30)).isCloseTo(976.0, within(1e-9));
        assertThat(AvellanedaStoikov.spread(0.1, 2, 30, 0.5)).isCloseTo(15.646431136, within(1e-8));
        // flat inventory: r is the mid; τ = 0 leaves only the intensity term (2/γ)·ln(1+γ/κ)
        assertThat(AvellanedaStoikov.reservationPrice(1000, 0, 0.1, 2, 30)).isEqualTo(1000.0);
        assertThat(AvellanedaStoikov.spread(0.1, 2, 0, 0.5)).isCloseTo(3.646431136, within(1e-8));
    }

    @Test
    void shouldRoundTheBidDownAndTheAskUpAroundTheReservationPrice() {
        // position 1.0 = 2 order quantities; mid 10.00 = 1000 ticks of 0.01; r − 7.823 = 968.18 -> 968 (down),
        // r + 7.823 = 983.82 -> 984 (up)
        List<Quote> quotes = AvellanedaStoikovMaker.quotes(INST, top("9.70", "10.30"), new BigDecimal("1.0"),
                params(Map.of()), 2, 0.5, 30);

        assertThat(quotes).extracting(Quote::side).containsExactly(Side.BUY, Side.SELL);
        assertThat(quotes.get(0).price()).isEqualByComparingTo("9.68");
        assertThat(quotes.get(1).price()).isEqualByComparingTo("9.84");
        assertThat(quotes).allSatisfy(q -> assertThat(q.quantity()).isEqualByComparingTo("0.5"));
    }

    @Test
    void shouldKeepASkewedAskPostOnlyByClampingItAboveTheBestBid() {
        // the same numbers on a one-tick book: the ask's 9.84 would cross the 9.99 bid
        List<Quote> quotes = AvellanedaStoikovMaker.quotes(INST, top("9.99", "10.01"), new BigDecimal("1.0"),
                params(Map.of()), 2, 0.5, 30);

        assertThat(quotes.get(0).price()).isEqualByComparingTo("9.68");
        assertThat(quotes.get(1).price()).isEqualByComparingTo("10.00");
    }

    @Test
    void shouldWithholdTheSideThatWouldGrowInventoryPastItsLimit() {
        AsParams limited = params(Map.of("max_inventory", "1.0"));

        assertThat(AvellanedaStoikovMaker.quotes(INST, top("9.70", "10.30"), new BigDecimal("1.0"), limited, 2, 0.5,
                30)).extracting(Quote::side).containsExactly(Side.SELL);
        assertThat(AvellanedaStoikovMaker.quotes(INST, top("9.70", "10.30"), new BigDecimal("-1.0"), limited, 2, 0.5,
                30)).extracting(Quote::side).containsExactly(Side.BUY);
        assertThat(AvellanedaStoikovMaker.quotes(INST, top("9.70", "10.30"), new BigDecimal("0.5"), limited, 2, 0.5,
                30)).hasSize(2);
    }

    @Test
    void shouldCountTheFiniteHorizonDownAndRestartItWhileTheRollingOneStaysFixed() {
        AsParams finite = params(Map.of("horizon", "finite", "time_horizon", "60s"));
        AsParams rolling = params(Map.of("time_horizon", "60s"));

        assertThat(finite.remainingSeconds(Duration.ofSeconds(0))).isEqualTo(60.0);
        assertThat(finite.remainingSeconds(Duration.ofSeconds(45))).isEqualTo(15.0);
        assertThat(finite.remainingSeconds(Duration.ofSeconds(70))).isEqualTo(50.0);
        assertThat(rolling.remainingSeconds(Duration.ofSeconds(45))).isEqualTo(60.0);
    }

    @Test
    void shouldEstimateSigmaOverTheLastWindowOfMidReturns() {
        MidVolatility v = new MidVolatility(3);
        v.add(100, T0);
        v.add(102, T0.plusSeconds(1));
        v.add(101, T0.plusSeconds(2));
        assertThat(v.ready()).isFalse();
        v.add(101, T0.plusSeconds(3));
        // returns 2, −1, 0 over 3 s: σ² = 5/3
        assertThat(v.ready()).isTrue();
        assertThat(v.sigma()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
        v.add(105, T0.plusSeconds(5));
        // window drops the 2: returns −1, 0, 4 over 1 + 1 + 2 s: σ² = 17/4
        assertThat(v.sigma()).isCloseTo(Math.sqrt(17.0 / 4), within(1e-12));
        v.add(200, T0.plusSeconds(5));      // same instant: ignored
        assertThat(v.sigma()).isCloseTo(Math.sqrt(17.0 / 4), within(1e-12));
    }

    @Test
    void shouldEstimateKappaFromHowDeepTheTouchWasDepleted() {
        BookDepletionIntensity k = new BookDepletionIntensity(10);
        assertThat(k.kappa(1.5)).isEqualTo(1.5);
        k.add(100, 102);
        k.add(99, 102);     // bid reach 1
        k.add(99, 104);     // ask reach 2
        k.add(97, 105);     // bid reach 2, ask reach 1
        k.add(98, 104);     // the book came back in: no depletion
        // n = 4, Σk = 6: κ = −ln(1 − 4/7)
        assertThat(k.samples()).isEqualTo(4);
        assertThat(k.kappa(1.5)).isCloseTo(-Math.log(3.0 / 7), within(1e-12));
    }
}
