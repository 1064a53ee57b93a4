package io.mmkit.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteReconcilerTest {
    private final Instrument inst = Instrument.spot("SOL_USDC", "SOL", "USDC", "0.01", "0.01");

    private static OpenOrder live(String id, Side side, String price, String qty) {
        return new OpenOrder("o" + id, id, "SOL_USDC", side, new BigDecimal(price), new BigDecimal(qty),
                BigDecimal.ZERO, TimeInForce.POST_ONLY, false, Instant.EPOCH);
    }

    @Test
    void shouldKeepOrdersWithinToleranceAndReplaceOnlyTheStaleSide() {
        var bid = live("1", Side.BUY, "99.50", "1");
        var ask = live("2", Side.SELL, "100.50", "1");
        var plan = QuoteReconciler.plan(inst, List.of(bid, ask),
                List.of(Quote.bid(new BigDecimal("99.52"), BigDecimal.ONE),
                        Quote.ask(new BigDecimal("100.60"), BigDecimal.ONE)),
                new BigDecimal("0.05"));

        assertThat(plan.keep()).containsExactly(bid);
        assertThat(plan.cancel()).containsExactly(ask);
        assertThat(plan.place()).singleElement().satisfies(q -> {
            assertThat(q.side()).isEqualTo(Side.SELL);
            assertThat(q.price()).isEqualByComparingTo("100.60");
        });
    }

    @Test
    void shouldRoundWantedQuotesInTheMakersFavourBeforeComparing() {
        var plan = QuoteReconciler.plan(inst, List.of(),
                List.of(Quote.bid(new BigDecimal("99.519"), new BigDecimal("1.019")),
                        Quote.ask(new BigDecimal("100.501"), BigDecimal.ONE)),
                BigDecimal.ZERO);

        assertThat(plan.place()).extracting(Quote::price).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("99.51"), new BigDecimal("100.51"));
        assertThat(plan.place().get(0).quantity()).isEqualByComparingTo("1.01");
    }

    @Test
    void shouldDropQuotesThatRoundToNothing() {
        var plan = QuoteReconciler.plan(inst, List.of(),
                List.of(Quote.bid(new BigDecimal("99.5"), new BigDecimal("0.001"))), BigDecimal.ZERO);
        assertThat(plan.place()).isEmpty();
    }

    @Test
    void shouldCancelEverythingWhenNothingIsWanted() {
        var bid = live("1", Side.BUY, "99.50", "1");
        var plan = QuoteReconciler.plan(inst, List.of(bid), List.of(), BigDecimal.ZERO);
        assertThat(plan.cancel()).containsExactly(bid);
        assertThat(plan.place()).isEmpty();
    }

    @Test
    void shouldKeepAPartlyFilledOrderWhenTheQuoteAsksForWhatIsLeftOfIt() {
        var partlyFilled = live("1", Side.BUY, "99.50", "1").withFilled(new BigDecimal("0.4"));
        var plan = QuoteReconciler.plan(inst, List.of(partlyFilled),
                List.of(Quote.bid(new BigDecimal("99.50"), new BigDecimal("0.6"))), BigDecimal.ZERO);

        assertThat(plan.keep()).as("keeps its queue place").containsExactly(partlyFilled);
        assertThat(plan.cancel()).isEmpty();
        assertThat(plan.place()).isEmpty();
    }

    @Test
    void shouldTopUpAPartlyFilledOrderWhenTheQuoteAsksForItsFullSizeAgain() {
        var partlyFilled = live("1", Side.SELL, "100.50", "1").withFilled(new BigDecimal("0.25"));
        var plan = QuoteReconciler.plan(inst, List.of(partlyFilled),
                List.of(Quote.ask(new BigDecimal("100.50"), BigDecimal.ONE)), BigDecimal.ZERO);

        assertThat(plan.cancel()).containsExactly(partlyFilled);
        assertThat(plan.place()).singleElement().satisfies(q -> assertThat(q.quantity()).isEqualByComparingTo("1"));
    }

    @Test
    void shouldReplaceAPartlyFilledOrderWhenTheQuoteAsksForAnotherSize() {
        var partlyFilled = live("1", Side.BUY, "99.50", "1").withFilled(new BigDecimal("0.4"));
        var plan = QuoteReconciler.plan(inst, List.of(partlyFilled),
                List.of(Quote.bid(new BigDecimal("99.50"), new BigDecimal("0.3"))), BigDecimal.ZERO);

        assertThat(plan.cancel()).containsExactly(partlyFilled);
        assertThat(plan.place()).singleElement().satisfies(q -> assertThat(q.quantity()).isEqualByComparingTo("0.3"));
    }

    @Test
    void shouldPlanInFixedPointExactlyAsInDecimals() {
        Instrument rules = Instrument.spot("NEXOUSDT", "NEXO", "USDT", "0.001", "0.01")
                .withMinimums(new BigDecimal("0.1"), new BigDecimal("5"));
        QuoteUnits units = QuoteUnits.of(rules);
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 2_000; round++) {
            List<OpenOrder> orders = new java.util.ArrayList<>();
            List<Quote> wanted = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                BigDecimal price = BigDecimal.valueOf(1150 + random.nextInt(100), 3);
                BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(800), 2);
                orders.add(new OpenOrder("o" + i, "c" + i, "NEXOUSDT", side, price, qty, BigDecimal.ZERO,
                        TimeInForce.POST_ONLY, false, Instant.EPOCH));
                // Wanted prices off the tick and sizes off the lot: rounding decides, and some fall below 5 USDT.
                wanted.add(Quote.of(side, BigDecimal.valueOf(1_150_000 + random.nextInt(100_000), 6),
                        BigDecimal.valueOf(100 + random.nextInt(80_000), 4)));
            }
            if (random.nextBoolean()) {
                wanted.add(Quote.of(orders.get(0).side(), orders.get(0).price(), orders.get(0).quantity()));
            }
            BigDecimal tolerance = BigDecimal.valueOf(random.nextInt(4), 3);

            var fast = QuoteReconciler.plan(units, rules, orders, wanted, tolerance);
            var exact = QuoteReconciler.plan(null, rules, orders, wanted, tolerance);

            assertThat(fast).as("round %d", round).isEqualTo(exact);
        }
    }

    @Test
    void shouldDropQuotesBelowTheMinimumNotionalInFixedPoint() {
        Instrument rules = inst.withMinimums(new BigDecimal("0.01"), new BigDecimal("10"));
        var plan = QuoteReconciler.plan(rules, List.of(),
                List.of(Quote.bid(new BigDecimal("99.99"), new BigDecimal("0.1")),    // 9.999: below
                        Quote.ask(new BigDecimal("100.00"), new BigDecimal("0.1"))),  // 10.000: enough
                BigDecimal.ZERO);

        assertThat(plan.place()).singleElement().satisfies(q -> assertThat(q.side()).isEqualTo(Side.SELL));
    }
}
