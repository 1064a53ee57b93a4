package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.BookLevel;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderBook;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.Trade;
import io.mmkit.core.time.SystemTimeSource;
import io.mmkit.exchange.PublicMarketData;
import io.mmkit.sim.FillModelName;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PaperVenueTest {
    private static final String SYMBOL = "BTCUSDT";

    private static Map<String, Object> section(Map<String, Object> extra) {
        Map<String, Object> m = new HashMap<>(Map.of("name", "paper",
                "market_data", Map.of("name", "binance", "market", "spot"),
                "balances", Map.of("USDT", "10000", "BTC", "0.2"),
                "fill_model", "touch", "maker_fee", "0.001", "taker_fee", "0.002", "latency", "0ms"));
        m.putAll(extra);
        return m;
    }

    @Test
    void shouldNeedNoKeysAndIgnoreKeyEntriesWhoseVariablesAreUnset() {
        PaperVenue plain = PaperVenue.from("exchange", section(Map.of()));
        PaperVenue withKeys = PaperVenue.from("exchange", section(Map.of("market_data", Map.of("name", "binance",
                "api_key_env", "SURELY_UNSET_MMKIT_KEY", "secret_key_env", "SURELY_UNSET_MMKIT_SECRET"))));

        assertThat(plain.fillModel()).isEqualTo(FillModelName.TOUCH);
        assertThat(plain.balances()).containsEntry("USDT", "10000").containsEntry("BTC", "0.2");
        assertThat(withKeys.marketData().path("name").asText()).isEqualTo("binance");
    }

    @Test
    void shouldAcceptBackpackMarketDataWithoutKeys() {
        PaperVenue venue = PaperVenue.from("markets.hedge.exchange", section(Map.of("market_data",
                Map.of("name", "backpack", "market", "perpetual"))));

        assertThat(venue.endpoint()).isEqualTo("paper trading on backpack market data at backpack's public endpoints");
    }

    @Test
    void shouldNameTheKeyOfABadSection() {
        assertThatThrownBy(() -> PaperVenue.from("exchange", section(Map.of("fill_model", "magic"))))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("exchange.fill_model:");
        assertThatThrownBy(() -> PaperVenue.from("markets.hedge.exchange",
                section(Map.of("market_data", Map.of("name", "binance", "base_url", "nowhere")))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("markets.hedge.exchange.market_data.base_url: not a URL");
        assertThatThrownBy(() -> PaperVenue.from("exchange", section(Map.of("market_data",
                Map.of("name", "kraken"))))).hasMessageStartingWith("exchange.market_data.name: unknown exchange");
        assertThatThrownBy(() -> PaperVenue.from("exchange", section(Map.of("balances", Map.of()))))
                .hasMessageStartingWith("exchange.balances: required");
        assertThatThrownBy(() -> PaperVenue.from("exchange", section(Map.of("leverage", 3))))
                .hasMessageStartingWith("exchange.leverage: unknown key");
        Map<String, Object> noData = section(Map.of());
        noData.remove("market_data");
        assertThatThrownBy(() -> PaperVenue.from("exchange", noData))
                .hasMessageStartingWith("exchange.market_data: required key is missing");
    }

    @Test
    void shouldFillOurOrderFromTheStreamedTradesAndTellTheListenerAsAVenueWould() {
        ScriptedMarketData data = new ScriptedMarketData();
        PaperVenue venue = PaperVenue.from("exchange", section(Map.of()));
        SystemTimeSource wall = new SystemTimeSource();
        List<Fill> told = new CopyOnWriteArrayList<>();
        data.books.add(book("61800.00", "61800.10"));
        try (PaperExchange paper = PaperExchange.open(data, SYMBOL, venue, wall)) {
            paper.subscribe(SYMBOL, new ExchangeListener() {
                @Override
                public void onFill(Fill fill) {
                    told.add(fill);
                }
            });
            assertThat(paper.venue()).isEqualTo("paper:binance");
            assertThat(paper.bookTop(SYMBOL).bidPrice()).isEqualByComparingTo("61800.00");
            PlaceResult placed = paper.place(OrderRequest.postOnly(SYMBOL, "c1", Side.BUY, new BigDecimal("61799.00"),
                    new BigDecimal("0.001")));
            assertThat(placed).isInstanceOf(PlaceResult.Accepted.class);
            assertThat(((PlaceResult.Accepted) placed).order().orderId()).startsWith("paper-");

            data.push(book("61798.00", "61798.10"));
            data.trade(new Trade(SYMBOL, new BigDecimal("61798.00"), new BigDecimal("0.5"), Side.SELL, wall.now()));

            await("the fill reaches the listener").atMost(Duration.ofSeconds(10)).until(() -> !told.isEmpty());
            Fill fill = told.get(0);
            assertThat(fill.fillId()).startsWith("paper-");
            assertThat(fill.price()).isEqualByComparingTo("61799.00");
            assertThat(fill.quantity()).isEqualByComparingTo("0.001");
            assertThat(fill.fee()).isEqualByComparingTo("0.061799");
            assertThat(paper.openOrders(SYMBOL)).isEmpty();
        }
        assertThat(data.closed).as("closing the gateway closes the market data").isTrue();
    }

    @Test
    void shouldGiveEachHedgeMarketIdsOfItsOwn() {
        Instant start = Instant.parse("2026-01-02T03:04:05Z");
        assertThat(PaperExchange.idPrefix("exchange", start)).startsWith("paper-").doesNotContain("hedge");
        assertThat(PaperExchange.idPrefix("markets.hedge.exchange", start)).endsWith("-hedge-");
    }

    private static OrderBook book(String bid, String ask) {
        return new OrderBook(SYMBOL, List.of(new BookLevel(new BigDecimal(bid), new BigDecimal("1"))),
                List.of(new BookLevel(new BigDecimal(ask), new BigDecimal("1"))), 1, Instant.EPOCH);
    }

    /** Public market data whose books and trades the test pushes; the first books are sent on subscribe. */
    private static final class ScriptedMarketData implements PublicMarketData {
        final List<OrderBook> books = new CopyOnWriteArrayList<>();
        volatile Listener listener;
        volatile boolean closed;

        @Override
        public String venue() {
            return "binance";
        }

        @Override
        public Instrument instrument(String symbol) {
            return Instrument.spot(symbol, "BTC", "USDT", "0.01", "0.00001");
        }

        @Override
        public void subscribe(String symbol, Listener l) {
            listener = l;
            books.forEach(l::onBook);
        }

        void push(OrderBook book) {
            listener.onBook(book);
        }

        void trade(Trade trade) {
            listener.onTrade(trade);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
