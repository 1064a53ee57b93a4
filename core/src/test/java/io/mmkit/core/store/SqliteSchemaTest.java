package io.mmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaTest {
    private static final Migration ONE = new Migration(1, "a", List.of("CREATE TABLE a (x TEXT) STRICT"));
    private static final Migration TWO = new Migration(2, "b", List.of(
            "CREATE TABLE b (y TEXT) STRICT", "INSERT INTO a VALUES ('from two')"));

    @TempDir
    Path dir;

    @Test
    void shouldApplyMigrationsInOrderAndRecordThem() throws SQLException {
        try (Connection connection = connect()) {
            int before = new Schema(List.of(ONE, TWO)).migrate(connection, "test");

            assertThat(before).isZero();
            assertThat(strings(connection, "SELECT version || ':' || description FROM schema_version ORDER BY 1"))
                    .containsExactly("1:a", "2:b");
        }
    }

    @Test
    void shouldApplyOnlyMigrationsNewerThanTheFile() throws SQLException {
        try (Connection connection = connect()) {
            new Schema(List.of(ONE)).migrate(connection, "test");

            int before = new Schema(List.of(ONE, TWO)).migrate(connection, "test");
            int again = new Schema(List.of(ONE, TWO)).migrate(connection, "test");

            assertThat(before).isEqualTo(1);
            assertThat(again).isEqualTo(2);
            assertThat(strings(connection, "SELECT x FROM a")).containsExactly("from two");
        }
    }

    @Test
    void shouldKeepNothingOfFailedMigration() throws SQLException {
        Migration broken = new Migration(2, "broken", List.of("CREATE TABLE b (y TEXT) STRICT", "NOT SQL"));
        try (Connection connection = connect()) {
            assertThatThrownBy(() -> new Schema(List.of(ONE, broken)).migrate(connection, "test"))
                    .isInstanceOf(SQLException.class);

            assertThat(strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table'")).isEmpty();
            assertThat(connection.getAutoCommit()).isTrue();
        }
    }

    @Test
    void shouldRefuseFileNewerThanSchema() throws SQLException {
        try (Connection connection = connect()) {
            new Schema(List.of(ONE, TWO)).migrate(connection, "test");

            assertThatThrownBy(() -> new Schema(List.of(ONE)).migrate(connection, "test.db"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("test.db")
                    .hasMessageContaining("schema version 2");
        }
    }

    @Test
    void shouldRejectMigrationsOutOfOrder() {
        assertThatThrownBy(() -> new Schema(List.of(TWO, ONE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Schema(List.of(ONE, new Migration(3, "gap", List.of("SELECT 1")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCreateCurrentSchemaOnEmptyFile() throws SQLException {
        try (Connection connection = connect()) {
            Schema.current().migrate(connection, "test");

            assertThat(strings(connection, "SELECT name FROM sqlite_master WHERE type IN ('table', 'index')"
                    + " AND name NOT LIKE 'sqlite_%' ORDER BY name"))
                    .containsExactly("daily_stats", "fills", "fills_by_symbol_time", "instance", "orders",
                            "orders_by_symbol_status", "runs", "schema_version");
        }
    }

    @Test
    void shouldKeepVersionOneFillsWhenKeyingFillsByVenue() throws SQLException {
        try (Connection connection = connect()) {
            Schema.current().upTo(1).migrate(connection, "test");
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO fills (fill_id, order_id, client_order_id, symbol, side, price, quantity,"
                        + " fee, fee_asset, liquidity, time) VALUES ('7', 'o1', '42', 'SOL_USDC', 'BUY', '99.5', '1.25',"
                        + " '0.01', 'USDC', 'MAKER', '2026-01-01T00:00:00.000000000Z')");
            }

            assertThat(Schema.current().migrate(connection, "test")).isEqualTo(1);

            assertThat(strings(connection, "SELECT venue || '|' || fill_id || '|' || price || '|' || quantity FROM fills"))
                    .containsExactly("|7|99.5|1.25");
            assertThat(strings(connection, "SELECT MAX(version) FROM schema_version"))
                    .containsExactly(String.valueOf(Schema.current().latestVersion()));
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("schema.db"));
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
