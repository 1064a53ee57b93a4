package io.mmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import io.mmkit.core.testing.LogCapture;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TradeStore} must do, seen through the interface only. Each implementation has one
 * small subclass that says how to open a fresh, empty store.
 */
public abstract class TradeStoreContract {
    protected static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    protected TradeStore store;

    /** A new, empty store; the contract closes it after each test. */
    protected abstract TradeStore newStore() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldReturnNewFillOnce() {
        Fill fill = fill("f-1", "BTC_USDC", T0);

        assertThat(store.fill(fill)).isTrue();
        assertThat(store.fills("BTC_USDC", T0)).containsExactly(fill);
    }

    @Test
    void shouldKeepDuplicateFillOnce() {
        Fill fill = fill("f-1", "BTC_USDC", T0);
        store.fill(fill);

        assertThat(store.fill(fill)).isFalse();
        assertThat(store.fills("BTC_USDC", T0.minusSeconds(1))).containsExactly(fill);
    }

    @Test
    void shouldKeepSameFillIdOnDifferentSymbolsApart() {
        assertThat(store.fill(fill("f-1", "BTC_USDC", T0))).isTrue();
        assertThat(store.fill(fill("f-1", "ETH_USDC", T0))).isTrue();

        assertThat(store.fills("BTC_USDC", T0)).hasSize(1);
        assertThat(store.fills("ETH_USDC", T0)).hasSize(1);
    }

    @Test
    void shouldKeepFillDecimalsExactly() {
        Fill tiny = new Fill("f-1", "o-1", "mm-1", "BTC_USDC", Side.BUY, Decimals.of("123456789.123456789"),
                Decimals.of("0.00000001"), Decimals.of("-0.000000000000000001"), "USDC", Liquidity.MAKER, T0);
        store.fill(tiny);

        Fill read = store.fills("BTC_USDC", T0).get(0);

        assertThat(read.price()).isEqualByComparingTo("123456789.123456789");
        assertThat(read.quantity()).isEqualByComparingTo("0.00000001");
        assertThat(read.fee()).isEqualByComparingTo("-0.000000000000000001");
        assertThat(read).isEqualTo(tiny);
    }

    @Test
    void shouldKeepFillTimeToTheNanosecond() {
        Instant time = Instant.parse("2024-03-01T12:00:00.123456789Z");
        store.fill(fill("f-1", "BTC_USDC", time));

        assertThat(store.fills("BTC_USDC", time).get(0).time()).isEqualTo(time);
        assertThat(store.fills("BTC_USDC", time.plusNanos(1))).isEmpty();
    }

    @Test
    void shouldKeepFillWithoutClientOrderId() {
        Fill foreign = new Fill("f-1", "o-1", null, "BTC_USDC", Side.SELL, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ZERO, "USDC", Liquidity.TAKER, T0);
        store.fill(foreign);

        assertThat(store.fills("BTC_USDC", T0)).containsExactly(foreign);
    }

    @Test
    void shouldReturnFillsOfOneSymbolSinceTimeOldestFirst() {
        // Whole seconds and fractions mixed: the order must hold across differently written times.
        Fill late = fill("f-3", "BTC_USDC", T0.plusSeconds(1));
        Fill early = fill("f-2", "BTC_USDC", T0.plusMillis(500));
        Fill atStart = fill("f-1", "BTC_USDC", T0);
        Fill before = fill("f-0", "BTC_USDC", T0.minusNanos(1));
        Fill otherSymbol = fill("f-4", "ETH_USDC", T0.plusMillis(700));
        for (Fill f : new Fill[] {late, early, atStart, before, otherSymbol}) {
            store.fill(f);
        }

        assertThat(store.fills("BTC_USDC", T0)).containsExactly(atStart, early, late);
    }

    @Test
    void shouldReturnNoDailyStatsForUnknownDay() {
        assertThat(store.dailyStats(LocalDate.of(2024, 3, 1), "BTC_USDC")).isEmpty();
    }

    @Test
    void shouldKeepDailyStatsExactly() {
        DailyStats stats = new DailyStats(LocalDate.of(2024, 3, 1), "BTC_USDC", Decimals.of("0.00000001"),
                Decimals.of("2.5"), Decimals.of("123456789.123456789"), Decimals.of("0"), Decimals.of("-12.34"),
                Decimals.of("-0.0001"), 42);
        store.saveDailyStats(stats);

        DailyStats read = store.dailyStats(LocalDate.of(2024, 3, 1), "BTC_USDC").orElseThrow();

        assertThat(read.makerVolume()).isEqualByComparingTo("0.00000001");
        assertThat(read.makerNotional()).isEqualByComparingTo("123456789.123456789");
        assertThat(read.realizedPnl()).isEqualByComparingTo("-12.34");
        assertThat(read.fees()).isEqualByComparingTo("-0.0001");
        assertThat(read).isEqualTo(stats);
    }

    @Test
    void shouldReplaceDailyStatsOfSameDayAndSymbol() {
        LocalDate day = LocalDate.of(2024, 3, 1);
        DailyStats first = DailyStats.empty(day, "BTC_USDC").plus(fill("f-1", "BTC_USDC", T0), BigDecimal.ONE,
                BigDecimal.ZERO);
        DailyStats second = first.plus(fill("f-2", "BTC_USDC", T0), BigDecimal.ONE, new BigDecimal("3.5"));
        DailyStats otherSymbol = DailyStats.empty(day, "ETH_USDC");

        store.saveDailyStats(first);
        store.saveDailyStats(otherSymbol);
        store.saveDailyStats(second);

        assertThat(store.dailyStats(day, "BTC_USDC")).contains(second);
        assertThat(store.dailyStats(day, "ETH_USDC")).contains(otherSymbol);
        assertThat(store.dailyStats(day.plusDays(1), "BTC_USDC")).isEmpty();
    }

    @Test
    void shouldListOnlyOpenOrdersOfTheSymbol() {
        for (OrderStatus status : OrderStatus.values()) {
            store.orderPlaced(order("BTC_USDC", "mm-" + status), "o-" + status, status, T0);
        }
        store.orderPlaced(order("ETH_USDC", "mm-eth"), "o-eth", OrderStatus.NEW, T0);

        assertThat(store.openOrderIds("BTC_USDC"))
                .containsExactlyInAnyOrder("mm-NEW", "mm-PARTIALLY_FILLED", "mm-UNKNOWN");
        assertThat(store.openOrderIds("SOL_USDC")).isEmpty();
    }

    @Test
    void shouldStopListingOrderOnceItIsDone() {
        store.orderPlaced(order("BTC_USDC", "mm-1"), "o-1", OrderStatus.NEW, T0);
        store.orderPlaced(order("BTC_USDC", "mm-2"), null, OrderStatus.UNKNOWN, T0);

        store.orderStatus("mm-1", OrderStatus.PARTIALLY_FILLED, T0.plusSeconds(1));
        store.orderStatus("mm-2", OrderStatus.CANCELLED, T0.plusSeconds(1));

        assertThat(store.openOrderIds("BTC_USDC")).containsExactly("mm-1");

        store.orderStatus("mm-1", OrderStatus.FILLED, T0.plusSeconds(2));

        assertThat(store.openOrderIds("BTC_USDC")).isEmpty();
    }

    @Test
    void shouldIgnoreStatusOfUnknownOrder() {
        store.orderStatus("never-placed", OrderStatus.CANCELLED, T0);

        assertThat(store.openOrderIds("BTC_USDC")).isEmpty();
    }

    @Test
    void shouldKeepSameFillIdOfTwoVenuesApart() {
        assertThat(store.fill("backpack", fill("f-1", "BTC_USDC", T0))).isTrue();
        assertThat(store.fill("binance", fill("f-1", "BTC_USDC", T0))).isTrue();
        assertThat(store.fill("binance", fill("f-1", "BTC_USDC", T0))).isFalse();

        assertThat(store.fills("BTC_USDC", T0)).hasSize(2);
    }

    @Test
    void shouldWarnWhenAFillIdComesBackWithDifferentContent() {
        Fill first = fill("f-1", "BTC_USDC", T0);
        Fill other = new Fill("f-1", first.orderId(), first.clientOrderId(), "BTC_USDC", Side.SELL, first.price(),
                new BigDecimal("9"), first.fee(), "USDC", Liquidity.TAKER, T0.plusSeconds(5));
        store.fill("backpack", first);

        try (LogCapture log = LogCapture.of(store.getClass())) {
            assertThat(store.fill("backpack", new Fill("f-1", first.orderId(), first.clientOrderId(), "BTC_USDC",
                    Side.BUY, new BigDecimal("100.50"), new BigDecimal("0.250"), first.fee(), "USDC", Liquidity.MAKER,
                    T0))).as("the same fill, decimals written differently").isFalse();
            assertThat(log.messages()).as("an ordinary duplicate is silent").isEmpty();

            assertThat(store.fill("backpack", other)).isFalse();

            assertThat(log.messages()).singleElement().asString()
                    .contains("f-1", "different content", "SELL", "TAKER");
        }
        assertThat(store.fills("BTC_USDC", T0)).containsExactly(first);
    }

    @Test
    void shouldTellTheLastFillTimeOfAVenueAndSymbol() {
        store.fill("backpack", fill("f-1", "BTC_USDC", T0.plusSeconds(30)));
        store.fill("backpack", fill("f-2", "BTC_USDC", T0.plusSeconds(10)));
        store.fill("binance", fill("f-3", "BTC_USDC", T0.plusSeconds(90)));
        store.fill("backpack", fill("f-4", "ETH_USDC", T0.plusSeconds(60)));

        assertThat(store.lastFillTime("backpack", "BTC_USDC")).contains(T0.plusSeconds(30));
        assertThat(store.lastFillTime("binance", "BTC_USDC")).contains(T0.plusSeconds(90));
        assertThat(store.lastFillTime("backpack", "SOL_USDC")).isEmpty();
    }

    @Test
    void shouldListOpenOrdersWithWhatWasPlacedOldestFirst() {
        store.orderPlaced(order("BTC_USDC", "mm-2"), "o-2", OrderStatus.NEW, T0.plusSeconds(2));
        store.orderPlaced(order("BTC_USDC", "mm-1"), null, OrderStatus.UNKNOWN, T0.plusSeconds(1));
        store.orderPlaced(order("BTC_USDC", "mm-3"), "o-3", OrderStatus.FILLED, T0);
        store.orderStatus("mm-2", OrderStatus.PARTIALLY_FILLED, T0.plusSeconds(9));

        assertThat(store.openOrders("BTC_USDC")).containsExactly(
                new RecordedOrder("mm-1", null, "BTC_USDC", Side.BUY, new BigDecimal("100.5"), new BigDecimal("0.25"),
                        OrderStatus.UNKNOWN, T0.plusSeconds(1)),
                new RecordedOrder("mm-2", "o-2", "BTC_USDC", Side.BUY, new BigDecimal("100.5"), new BigDecimal("0.25"),
                        OrderStatus.PARTIALLY_FILLED, T0.plusSeconds(2)));
        assertThat(store.order("mm-3")).map(RecordedOrder::status).contains(OrderStatus.FILLED);
        assertThat(store.order("never")).isEmpty();
    }

    @Test
    void shouldRecordRunStartsAndTellThePreviousOne() {
        assertThat(store.recordRunStart(T0)).isEmpty();
        assertThat(store.recordRunStart(T0.plusSeconds(60))).contains(T0);
        assertThat(store.recordRunStart(T0.plusSeconds(120))).contains(T0.plusSeconds(60));
    }

    @Test
    void shouldCloseIdempotently() {
        store.close();
        store.close();
    }

    protected static Fill fill(String fillId, String symbol, Instant time) {
        return new Fill(fillId, "o-" + fillId, "mm-" + fillId, symbol, Side.BUY, new BigDecimal("100.5"),
                new BigDecimal("0.25"), new BigDecimal("0.01"), "USDC", Liquidity.MAKER, time);
    }

    protected static OrderRequest order(String symbol, String clientOrderId) {
        return OrderRequest.postOnly(symbol, clientOrderId, Side.BUY, new BigDecimal("100.5"), new BigDecimal("0.25"));
    }
}
