package io.mmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.OrderType;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteTradeStoreTest extends TradeStoreContract {

    @TempDir
    Path dir;

    @Override
    protected TradeStore newStore() {
        return SqliteTradeStore.open(dir, "test-instance");
    }

    private Path file() {
        return dir.resolve("test-instance.db");
    }

    @Test
    void shouldOpenOneFilePerInstanceInCreatedDirectory() {
        Path nested = dir.resolve("data/stores");

        try (SqliteTradeStore a = SqliteTradeStore.open(nested, "bot-A_1.spot");
             SqliteTradeStore b = SqliteTradeStore.open(nested, "bot-B")) {
            a.fill(fill("f-1", "BTC_USDC", T0));

            assertThat(a.file()).isEqualTo(nested.resolve("bot-A_1.spot.db"));
            assertThat(nested.resolve("bot-A_1.spot.db")).exists();
            assertThat(nested.resolve("bot-B.db")).exists();
            assertThat(b.fills("BTC_USDC", T0)).isEmpty();
        }
    }

    @Test
    void shouldKeepTheLatestDescriptionOfTheInstanceAcrossReopens() {
        try (SqliteTradeStore a = SqliteTradeStore.open(dir, "paper-bot")) {
            assertThat(a.instanceDescription("mode")).isEmpty();
            a.describeInstance("mode", "live", T0);
            a.describeInstance("mode", "paper", T0.plusSeconds(1));
        }
        try (SqliteTradeStore again = SqliteTradeStore.open(dir, "paper-bot")) {
            assertThat(again.instanceDescription("mode")).contains("paper");
            assertThat(again.instanceDescription("venue")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../escape", "a/b", "a\\b", "with space", "semi;colon", "caf\u00e9", "q?mode=ro"})
    void shouldRejectUnsafeInstanceId(String instanceId) {
        assertThatThrownBy(() -> SqliteTradeStore.open(dir, instanceId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("instance id");
    }

    @Test
    void shouldRejectOverlongInstanceId() {
        assertThatThrownBy(() -> SqliteTradeStore.open(dir, "x".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldOpenExplicitFile() {
        Path file = dir.resolve("explicit.sqlite");

        try (SqliteTradeStore explicit = SqliteTradeStore.openFile(file)) {
            assertThat(explicit.fill(fill("f-1", "BTC_USDC", T0))).isTrue();
        }
        assertThat(file).exists();
    }

    @Test
    void shouldStoreEveryOrderColumnAsText() throws SQLException {
        OrderRequest request = new OrderRequest("BTC_PERP", "mm-1", Side.SELL,
                OrderType.LIMIT, TimeInForce.GTC, new BigDecimal("123456789.123456789"),
                new BigDecimal("0.00000001"), true);
        Instant at = Instant.parse("2024-03-01T12:00:00.000000001Z");

        store.orderPlaced(request, "venue-9", OrderStatus.NEW, at);

        assertThat(row("SELECT * FROM orders")).containsExactly(
                Map.entry("client_order_id", "mm-1"),
                Map.entry("order_id", "venue-9"),
                Map.entry("symbol", "BTC_PERP"),
                Map.entry("side", "SELL"),
                Map.entry("type", "LIMIT"),
                Map.entry("time_in_force", "GTC"),
                Map.entry("price", "123456789.123456789"),
                Map.entry("quantity", "0.00000001"),
                Map.entry("reduce_only", "1"),
                Map.entry("status", "NEW"),
                Map.entry("created_at", "2024-03-01T12:00:00.000000001Z"),
                Map.entry("updated_at", "2024-03-01T12:00:00.000000001Z"));
    }

    @Test
    void shouldStoreMarketOrderWithoutPrice() throws SQLException {
        store.orderPlaced(OrderRequest.market("BTC_USDC", "mm-1", Side.BUY, BigDecimal.ONE), null,
                OrderStatus.UNKNOWN, T0);

        Map<String, String> row = row("SELECT * FROM orders");
        assertThat(row).containsEntry("price", null).containsEntry("order_id", null)
                .containsEntry("type", "MARKET").containsEntry("reduce_only", "0");
        assertThat(store.openOrderIds("BTC_USDC")).containsExactly("mm-1");
    }

    @Test
    void shouldKeepFirstPlacementTimeAndVenueIdWhenPlacementIsRecordedAgain() throws SQLException {
        store.orderPlaced(order("BTC_USDC", "mm-1"), "venue-1", OrderStatus.NEW, T0);

        store.orderPlaced(order("BTC_USDC", "mm-1"), null, OrderStatus.REJECTED, T0.plusSeconds(5));

        assertThat(row("SELECT order_id, status, created_at, updated_at FROM orders")).containsExactly(
                Map.entry("order_id", "venue-1"),
                Map.entry("status", "REJECTED"),
                Map.entry("created_at", "2024-03-01T12:00:00.000000000Z"),
                Map.entry("updated_at", "2024-03-01T12:00:05.000000000Z"));
    }

    @Test
    void shouldRecordStatusChangeTime() throws SQLException {
        store.orderPlaced(order("BTC_USDC", "mm-1"), "venue-1", OrderStatus.NEW, T0);

        store.orderStatus("mm-1", OrderStatus.CANCELLED, T0.plusMillis(1));

        assertThat(row("SELECT status, updated_at FROM orders")).containsExactly(
                Map.entry("status", "CANCELLED"),
                Map.entry("updated_at", "2024-03-01T12:00:00.001000000Z"));
    }

    @Test
    void shouldStoreDecimalsAsPlainTextNeverExponent() throws SQLException {
        store.fill(new Fill("f-1", "o-1", "mm-1", "BTC_USDC", Side.BUY,
                new BigDecimal("1E+3"), new BigDecimal("1E-8"), new BigDecimal("-0.5"), "USDC",
                Liquidity.MAKER, T0));

        assertThat(row("SELECT price, typeof(price) AS t, quantity, fee FROM fills")).containsExactly(
                Map.entry("price", "1000"),
                Map.entry("t", "text"),
                Map.entry("quantity", "0.00000001"),
                Map.entry("fee", "-0.5"));
    }

    @Test
    void shouldKeepDataAcrossReopen() {
        store.fill(fill("f-1", "BTC_USDC", T0));
        store.orderPlaced(order("BTC_USDC", "mm-1"), "venue-1", OrderStatus.NEW, T0);
        DailyStats stats = DailyStats.empty(LocalDate.of(2024, 3, 1), "BTC_USDC");
        store.saveDailyStats(stats);
        store.close();

        store = SqliteTradeStore.open(dir, "test-instance");

        assertThat(store.fills("BTC_USDC", T0)).containsExactly(fill("f-1", "BTC_USDC", T0));
        assertThat(store.fill(fill("f-1", "BTC_USDC", T0))).isFalse();
        assertThat(store.openOrderIds("BTC_USDC")).containsExactly("mm-1");
        assertThat(store.dailyStats(stats.day(), "BTC_USDC")).contains(stats);
    }

    @Test
    void shouldNotRerunMigrationsOnReopen() throws SQLException {
        store.close();
        store = SqliteTradeStore.open(dir, "test-instance");
        store.close();
        store = SqliteTradeStore.open(dir, "test-instance");

        // Migration 1 creates its tables without IF NOT EXISTS: reopening at all proves it did not run twice.
        assertThat(row("SELECT COUNT(*) AS n, MAX(version) AS v FROM schema_version")).containsExactly(
                Map.entry("n", String.valueOf(Schema.current().latestVersion())),
                Map.entry("v", String.valueOf(Schema.current().latestVersion())));
    }

    @Test
    void shouldRefuseFileWithNewerSchemaVersion() throws SQLException {
        store.close();
        execute("INSERT INTO schema_version (version, description) VALUES (99, 'from the future')");

        assertThatThrownBy(() -> SqliteTradeStore.open(dir, "test-instance"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("newer");
    }

    @Test
    void shouldNameOperationWhenRowIsUnreadable() throws SQLException {
        store.fill(fill("f-1", "BTC_USDC", T0));
        execute("UPDATE fills SET side = 'SIDEWAYS'");

        assertThatThrownBy(() -> store.fills("BTC_USDC", T0))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("fills(BTC_USDC)")
                .hasMessageContaining("unreadable row in fills");
    }

    @Test
    void shouldRefuseEveryCallAfterClose() {
        store.close();
        Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
        calls.put("orderPlaced", () -> store.orderPlaced(order("BTC_USDC", "mm-1"), null, OrderStatus.NEW, T0));
        calls.put("orderStatus", () -> store.orderStatus("mm-1", OrderStatus.FILLED, T0));
        calls.put("fill", () -> store.fill(fill("f-1", "BTC_USDC", T0)));
        calls.put("fills", () -> store.fills("BTC_USDC", T0));
        calls.put("dailyStats", () -> store.dailyStats(LocalDate.of(2024, 3, 1), "BTC_USDC"));
        calls.put("saveDailyStats", () -> store.saveDailyStats(DailyStats.empty(LocalDate.of(2024, 3, 1), "X")));
        calls.put("openOrderIds", () -> store.openOrderIds("BTC_USDC"));

        calls.forEach((name, call) -> assertThatThrownBy(call).as(name)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed"));
    }

    @Test
    void shouldRejectTimeItCannotStoreInOrder() {
        assertThatThrownBy(() -> store.fill(fill("f-1", "BTC_USDC", Instant.parse("+10000-01-01T00:00:00Z"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFailWithStoreExceptionWhenFileCannotBeOpened() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

        assertThatThrownBy(() -> SqliteTradeStore.open(notADirectory, "bot"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("open");
    }

    /** The single row a query returns, column name to text, read on a connection of its own. */
    private Map<String, String> row(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from " + sql).isTrue();
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                row.put(rows.getMetaData().getColumnLabel(i), rows.getString(i));
            }
            assertThat(rows.next()).as("only one row from " + sql).isFalse();
            return row;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
