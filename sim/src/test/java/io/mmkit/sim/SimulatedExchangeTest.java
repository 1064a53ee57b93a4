package io.mmkit.sim;

import static io.mmkit.core.testing.SimFixtures.SYMBOL;
import static io.mmkit.core.testing.SimFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.exchange.TransportException;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import io.mmkit.core.testing.SimFixtures;
import io.mmkit.core.time.SimulatedTimeSource;
import io.mmkit.sim.feed.RandomWalkFeed;
import io.mmkit.sim.feed.ScriptedFeed;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedExchangeTest {
    private final SimulatedTimeSource time = new SimulatedTimeSource(T0);

    private static ScriptedFeed.Builder script() {
        return ScriptedFeed.builder(SYMBOL, T0).top("99.99", "100.01");
    }

    private SimulatedExchange exchange(ScriptedFeed feed, FillModelName model) {
        return SimFixtures.exchange(time, feed).fillModel(model).fees("0.0002", "0.0005").build();
    }

    private static OrderRequest bid(String id, String price, String qty) {
        return OrderRequest.postOnly(SYMBOL, id, Side.BUY, new BigDecimal(price), new BigDecimal(qty));
    }

    private BigDecimal balance(SimulatedExchange sim, String asset, boolean locked) {
        return sim.balances().stream().filter(b -> b.asset().equals(asset))
                .map(locked ? Balance::locked : Balance::free).findFirst().orElseThrow();
    }

    @Test
    void shouldRejectAPostOnlyOrderThatWouldCross() {
        SimulatedExchange sim = exchange(script().build(), FillModelName.TOUCH);
        PlaceResult r = sim.place(bid("1", "100.01", "1"));
        assertThat(r).isInstanceOfSatisfying(PlaceResult.Rejected.class,
                x -> assertThat(x.reason()).isEqualTo(RejectReason.POST_ONLY_WOULD_CROSS));
    }

    @Test
    void shouldFillOnTouchButNotOnTradeThroughWhenTheTradeIsAtOurPrice() {
        ScriptedFeed.Builder path = script().at(Duration.ofSeconds(1)).trade("99.50", "5", Side.SELL);
        SimulatedExchange touch = exchange(path.build(), FillModelName.TOUCH);
        SimulatedExchange through = exchange(script().at(Duration.ofSeconds(1)).trade("99.50", "5", Side.SELL).build(),
                FillModelName.TRADE_THROUGH);
        touch.place(bid("1", "99.50", "1"));
        through.place(bid("1", "99.50", "1"));

        time.advance(Duration.ofSeconds(2));

        assertThat(touch.allFills()).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo("99.50");
            assertThat(f.liquidity()).isEqualTo(Liquidity.MAKER);
            assertThat(f.fee()).isEqualByComparingTo("0.0199"); // 99.5 * 1 * 0.0002
        });
        assertThat(through.allFills()).isEmpty();
        assertThat(through.allOpenOrders()).hasSize(1);
    }

    @Test
    void shouldFillTradeThroughOnlyUpToTheTradeSize() {
        SimulatedExchange sim = exchange(script().at(Duration.ofSeconds(1)).trade("99.40", "0.3", Side.SELL).build(),
                FillModelName.TRADE_THROUGH);
        sim.place(bid("1", "99.50", "1"));
        time.advance(Duration.ofSeconds(1));
        assertThat(sim.allFills()).singleElement().satisfies(f -> assertThat(f.quantity()).isEqualByComparingTo("0.3"));
        assertThat(sim.allOpenOrders()).singleElement()
                .satisfies(o -> assertThat(o.remainingQuantity()).isEqualByComparingTo("0.7"));
    }

    @Test
    void shouldLockQuoteForABidAndReleaseItOnCancel() {
        SimulatedExchange sim = exchange(script().build(), FillModelName.TOUCH);
        sim.place(bid("1", "99.50", "2"));
        assertThat(balance(sim, "USDC", true)).isEqualByComparingTo("199");
        sim.cancel(SYMBOL, "1");
        assertThat(balance(sim, "USDC", true)).isEqualByComparingTo("0");
        assertThat(balance(sim, "USDC", false)).isEqualByComparingTo("100000");
    }

    @Test
    void shouldExecuteMarketOrdersAtTheTouchAsTaker() {
        SimulatedExchange sim = exchange(script().build(), FillModelName.TOUCH);
        PlaceResult r = sim.place(OrderRequest.market(SYMBOL, "7", Side.BUY, BigDecimal.ONE));
        assertThat(r.isAccepted()).isTrue();
        assertThat(sim.allFills()).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo("100.01");
            assertThat(f.liquidity()).isEqualTo(Liquidity.TAKER);
        });
        assertThat(balance(sim, "BTC", false)).isEqualByComparingTo("11");
    }

    @Test
    void shouldNotFillBeforeTheEntryLatencyHasPassed() {
        SimulatedExchange sim = SimFixtures.exchange(time, script()
                        .at(Duration.ofMillis(100)).trade("99.40", "5", Side.SELL)
                        .at(Duration.ofMillis(600)).trade("99.40", "5", Side.SELL).build())
                .latency(Duration.ofMillis(500)).build();
        sim.place(bid("1", "99.50", "1"));
        time.advance(Duration.ofMillis(200));
        assertThat(sim.allFills()).isEmpty();
        time.advance(Duration.ofMillis(500));
        assertThat(sim.allFills()).singleElement().satisfies(f -> assertThat(f.time()).isEqualTo(T0.plusMillis(600)));
    }

    @Test
    void shouldRejectReduceOnlyThatWouldOpenAPosition() {
        SimulatedExchange sim = SimFixtures.exchange(time,
                ScriptedFeed.builder(SimFixtures.PERP_SYMBOL, T0).top("99.9", "100.1").build()).build();
        var req = new OrderRequest(SimFixtures.PERP_SYMBOL, "1", Side.SELL, io.mmkit.core.model.OrderType.MARKET,
                TimeInForce.IOC, null, BigDecimal.ONE, true);
        assertThat(sim.place(req)).isInstanceOfSatisfying(PlaceResult.Rejected.class,
                x -> assertThat(x.reason()).isEqualTo(RejectReason.REDUCE_ONLY_REJECTED));
    }

    @Test
    void shouldFailInjectedCallsThenRecover() {
        SimulatedExchange sim = exchange(script().build(), FillModelName.TOUCH);
        sim.faults().fail(FaultPlan.Operation.PLACE, 1);
        assertThatThrownBy(() -> sim.place(bid("1", "99.5", "1"))).isInstanceOf(TransportException.class);
        assertThat(sim.place(bid("1", "99.5", "1")).isAccepted()).isTrue();
    }

    @Test
    void shouldGiveTheSameFillsForTheSameSeedAndOtherFillsForAnother() {
        List<String> first = randomWalkFills(7);
        List<String> again = randomWalkFills(7);
        List<String> other = randomWalkFills(8);

        assertThat(first).isNotEmpty().isEqualTo(again);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void shouldPutTheIdPrefixInFrontOfEveryOrderAndFillId() {
        SimulatedExchange sim = SimulatedExchange.builder(time).instrument(SimFixtures.BTC_USDC).idPrefix("r1-")
                .feed(script().at(Duration.ofSeconds(1)).trade("99.40", "5", Side.SELL).build())
                .deposit("USDC", "1000").build();

        PlaceResult placed = sim.place(bid("1", "99.50", "1"));
        time.advance(Duration.ofSeconds(1));

        assertThat(placed).isInstanceOfSatisfying(PlaceResult.Accepted.class,
                a -> assertThat(a.order().orderId()).isEqualTo("r1-S1"));
        assertThat(sim.allFills()).singleElement().satisfies(f -> {
            assertThat(f.fillId()).isEqualTo("r1-F1");
            assertThat(f.orderId()).isEqualTo("r1-S1");
        });
        assertThat(sim.fillsSince(SYMBOL, T0)).extracting(Fill::fillId).containsExactly("r1-F1");
    }

    @Test
    void shouldKeepIdsOfSeveralMarketsApart() {
        SimulatedExchange sim = exchange(script().build(), FillModelName.TOUCH);

        PlaceResult placed = sim.place(bid("1", "99.50", "1"));

        assertThat(placed).isInstanceOfSatisfying(PlaceResult.Accepted.class,
                a -> assertThat(a.order().orderId()).isEqualTo("m1-S1"));
    }

    /** A ladder of bids and asks around 100 on a seeded random walk, left for a minute; its fills. */
    private static List<String> randomWalkFills(long seed) {
        SimulatedTimeSource clock = new SimulatedTimeSource(T0);
        SimulatedExchange sim = SimulatedExchange.builder(clock).instrument(SimFixtures.BTC_USDC)
                .feed(new RandomWalkFeed(SYMBOL, new BigDecimal("100"), new BigDecimal("0.01"), T0,
                        Duration.ofMillis(200), 6, seed))
                .deposit("USDC", "100000").deposit("BTC", "10").build();
        for (int i = 1; i <= 10; i++) {
            BigDecimal offset = new BigDecimal("0.05").multiply(BigDecimal.valueOf(i));
            sim.place(bid("b" + i, new BigDecimal("99.98").subtract(offset).toPlainString(), "0.1"));
            sim.place(OrderRequest.postOnly(SYMBOL, "a" + i, Side.SELL, new BigDecimal("100.02").add(offset),
                    new BigDecimal("0.1")));
        }
        clock.advance(Duration.ofMinutes(1));
        return sim.allFills().stream().map(f -> f.fillId() + " " + f.side() + " " + f.price().toPlainString() + " "
                + f.time()).toList();
    }
}
