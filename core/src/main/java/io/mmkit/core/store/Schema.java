package io.mmkit.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database's versioned schema: the ordered migrations that build it (the trade store's own is
 * {@code current()}; other stores, such as the data collector's, bring theirs). {@link #migrate} brings a
 * database file up to {@link #latestVersion()} in one transaction and is a no-op on a file that is
 * already there.
 */
public final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    /*
     * STRICT tables: a decimal bound as a string stays TEXT (no numeric affinity rounding it through
     * a double), and a wrong type fails loudly instead of being stored.
     */
    private static final Migration V1 = new Migration(1, "orders, fills and daily statistics", List.of(
            """
            CREATE TABLE orders (
                client_order_id TEXT NOT NULL PRIMARY KEY,
                order_id        TEXT,
                symbol          TEXT NOT NULL,
                side            TEXT NOT NULL,
                type            TEXT NOT NULL,
                time_in_force   TEXT NOT NULL,
                price           TEXT,
                quantity        TEXT NOT NULL,
                reduce_only     INTEGER NOT NULL CHECK (reduce_only IN (0, 1)),
                status          TEXT NOT NULL,
                created_at      TEXT NOT NULL,
                updated_at      TEXT NOT NULL
            ) STRICT""",
            "CREATE INDEX orders_by_symbol_status ON orders (symbol, status)",
            """
            CREATE TABLE fills (
                fill_id         TEXT NOT NULL,
                order_id        TEXT NOT NULL,
                client_order_id TEXT,
                symbol          TEXT NOT NULL,
                side            TEXT NOT NULL,
                price           TEXT NOT NULL,
                quantity        TEXT NOT NULL,
                fee             TEXT NOT NULL,
                fee_asset       TEXT NOT NULL,
                liquidity       TEXT NOT NULL,
                time            TEXT NOT NULL,
                PRIMARY KEY (fill_id, symbol)
            ) STRICT""",
            "CREATE INDEX fills_by_symbol_time ON fills (symbol, time)",
            """
            CREATE TABLE daily_stats (
                day             TEXT NOT NULL,
                symbol          TEXT NOT NULL,
                maker_volume    TEXT NOT NULL,
                taker_volume    TEXT NOT NULL,
                maker_notional  TEXT NOT NULL,
                taker_notional  TEXT NOT NULL,
                realized_pnl    TEXT NOT NULL,
                fees            TEXT NOT NULL,
                trade_count     INTEGER NOT NULL CHECK (trade_count >= 0),
                PRIMARY KEY (day, symbol)
            ) STRICT"""));

    /*
     * Fill ids are unique per venue account, not per symbol alone: one store may hold two venues' fills (a hedge)
     * whose ids collide. SQLite cannot change a primary key in place, so the table is rebuilt; rows from before
     * carry an empty venue. Run starts tell a restart since when an earlier run may have traded.
     */
    private static final Migration V2 = new Migration(2, "fills keyed by venue; runs", List.of(
            """
            CREATE TABLE fills_by_venue (
                venue           TEXT NOT NULL,
                fill_id         TEXT NOT NULL,
                order_id        TEXT NOT NULL,
                client_order_id TEXT,
                symbol          TEXT NOT NULL,
                side            TEXT NOT NULL,
                price           TEXT NOT NULL,
                quantity        TEXT NOT NULL,
                fee             TEXT NOT NULL,
                fee_asset       TEXT NOT NULL,
                liquidity       TEXT NOT NULL,
                time            TEXT NOT NULL,
                PRIMARY KEY (venue, symbol, fill_id)
            ) STRICT""",
            """
            INSERT INTO fills_by_venue (venue, fill_id, order_id, client_order_id, symbol, side, price, quantity, fee,
                                        fee_asset, liquidity, time)
            SELECT '', fill_id, order_id, client_order_id, symbol, side, price, quantity, fee, fee_asset, liquidity,
                   time FROM fills ORDER BY rowid""",
            "DROP TABLE fills",
            "ALTER TABLE fills_by_venue RENAME TO fills",
            "CREATE INDEX fills_by_symbol_time ON fills (symbol, time)",
            """
            CREATE TABLE runs (
                run             INTEGER PRIMARY KEY,
                started_at      TEXT NOT NULL
            ) STRICT"""));

    /** What the instance is (e.g. {@code mode = paper | live}): one row a key, the latest value kept. */
    private static final Migration V3 = new Migration(3, "instance description", List.of(
            """
            CREATE TABLE instance (
                key             TEXT PRIMARY KEY,
                value           TEXT NOT NULL,
                updated_at      TEXT NOT NULL
            ) STRICT"""));

    private static final Schema CURRENT = new Schema(List.of(V1, V2, V3));

    private final List<Migration> migrations;

    /** @param migrations numbered 1, 2, 3... in order, with no gaps */
    public Schema(List<Migration> migrations) {
        this.migrations = List.copyOf(migrations);
        for (int i = 0; i < this.migrations.size(); i++) {
            if (this.migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration at position " + i + " must have version " + (i + 1)
                        + ", has " + this.migrations.get(i).version());
            }
        }
    }

    /** The schema this build of the store reads and writes. */
    static Schema current() {
        return CURRENT;
    }

    /** The first {@code version} migrations of this schema: how tests build a file as an older release left it. */
    Schema upTo(int version) {
        return new Schema(migrations.subList(0, version));
    }

    public int latestVersion() {
        return migrations.size();
    }

    /**
     * Applies, in one transaction, every migration newer than the file's recorded version. Blocks on
     * disk I/O; the caller owns (and closes) the connection.
     *
     * @param file names the database in error messages
     * @return the version the file was at before
     * @throws StoreException if the file's version is newer than this schema knows
     * @throws SQLException if a statement fails; nothing of this call is then kept
     */
    public int migrate(Connection connection, String file) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            int found = migrateInTransaction(connection, file);
            connection.commit();
            return found;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private int migrateInTransaction(Connection connection, String file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL) STRICT");
            int found = recordedVersion(statement);
            if (found > latestVersion()) {
                throw new StoreException("database " + file + " is at schema version " + found
                        + ", newer than the " + latestVersion() + " this build knows; refusing to open it"
                        + " (was it written by a newer mmkit?)");
            }
            for (Migration migration : migrations.subList(found, migrations.size())) {
                LOG.info("store {}: applying schema migration {} ({})", file, migration.version(),
                        migration.description());
                apply(connection, statement, migration);
            }
            return found;
        }
    }

    private static int recordedVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, Statement statement, Migration migration)
            throws SQLException {
        for (String sql : migration.statements()) {
            statement.execute(sql);
        }
        try (var insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, description) VALUES (?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.executeUpdate();
        }
    }
}
