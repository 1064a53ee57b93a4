package io.mmkit.core.store;

import com.zaxxer.hikari.HikariDataSource;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLDataException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TradeStore} in one SQLite file, through a one-connection HikariCP pool. The file is in WAL
 * mode with a busy timeout, so a reader or a second writer (a tool, an operator's sqlite3 shell) does
 * not make a write fail at once.
 *
 * <p>Every method blocks on local disk I/O and may be called from any thread, one call at a time (the
 * strategy thread, then the shutdown sequence). Database failures surface as {@link StoreException},
 * naming the operation; calls after {@link #close()} throw {@link IllegalStateException}. Whoever opens
 * the store closes it.
 */
public final class SqliteTradeStore implements TradeStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteTradeStore.class);

    private static final Pattern SAFE_INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** The statuses {@link OrderStatus#isOpen()} accepts, as an SQL list, so the two never drift. */
    private static final String OPEN_STATUSES = Arrays.stream(OrderStatus.values())
            .filter(OrderStatus::isOpen)
            .map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", "));

    private static final String UPSERT_ORDER = """
            INSERT INTO orders (client_order_id, order_id, symbol, side, type, time_in_force, price, quantity,
                                reduce_only, status, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (client_order_id) DO UPDATE SET
                order_id = COALESCE(excluded.order_id, orders.order_id),
                symbol = excluded.symbol, side = excluded.side, type = excluded.type,
                time_in_force = excluded.time_in_force, price = excluded.price, quantity = excluded.quantity,
                reduce_only = excluded.reduce_only, status = excluded.status, updated_at = excluded.updated_at""";

    // ON CONFLICT DO NOTHING rather than INSERT OR IGNORE: only the duplicate key is ignored, a broken
    // row (a NOT NULL or CHECK violation) still fails.
    private static final String INSERT_FILL = """
            INSERT INTO fills (fill_id, order_id, client_order_id, symbol, side, price, quantity, fee, fee_asset,
                               liquidity, time, venue)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (venue, symbol, fill_id) DO NOTHING""";

    private static final String SELECT_FILL_BY_ID = """
            SELECT fill_id, order_id, client_order_id, symbol, side, price, quantity, fee, fee_asset, liquidity, time
            FROM fills WHERE venue = ? AND symbol = ? AND fill_id = ?""";

    private static final String SELECT_OPEN_ORDERS = """
            SELECT client_order_id, order_id, symbol, side, price, quantity, status, created_at
            FROM orders WHERE symbol = ? AND status IN (%s) ORDER BY created_at, client_order_id""";

    private static final String SELECT_FILLS = """
            SELECT fill_id, order_id, client_order_id, symbol, side, price, quantity, fee, fee_asset, liquidity, time
            FROM fills WHERE symbol = ? AND time >= ? ORDER BY time, rowid""";

    private static final String UPSERT_STATS = """
            INSERT INTO daily_stats (day, symbol, maker_volume, taker_volume, maker_notional, taker_notional,
                                     realized_pnl, fees, trade_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, symbol) DO UPDATE SET
                maker_volume = excluded.maker_volume, taker_volume = excluded.taker_volume,
                maker_notional = excluded.maker_notional, taker_notional = excluded.taker_notional,
                realized_pnl = excluded.realized_pnl, fees = excluded.fees, trade_count = excluded.trade_count""";

    private static final String SELECT_STATS = """
            SELECT maker_volume, taker_volume, maker_notional, taker_notional, realized_pnl, fees, trade_count
            FROM daily_stats WHERE day = ? AND symbol = ?""";

    private final Path file;
    private final HikariDataSource dataSource;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteTradeStore(Path file, HikariDataSource dataSource) {
        this.file = file;
        this.dataSource = dataSource;
    }

    /**
     * Opens (creating and migrating if needed) the store of one instance: {@code <directory>/<instanceId>.db}.
     * Creates the directory if it does not exist. Blocks on disk I/O; the caller closes the store.
     *
     * @param instanceId ASCII letters, digits, {@code -}, {@code _} and {@code .}; at most 200 characters
     * @throws IllegalArgumentException if the instance id is not a safe file name
     * @throws StoreException if the directory or the file cannot be opened, or the file was written by a
     *                        newer schema
     */
    public static SqliteTradeStore open(Path directory, String instanceId) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(instanceId, "instanceId");
        if (!SAFE_INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instance id must be 1-200 ASCII letters, digits, '-', '_' or '.'"
                    + " (it names the database file), was '" + instanceId + "'");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("open: cannot create store directory " + directory, e);
        }
        return openFile(directory.resolve(instanceId + ".db"));
    }

    /**
     * Opens (creating and migrating if needed) the store in an explicit file, for tests and tools. The
     * parent directory must exist. Blocks on disk I/O; the caller closes the store.
     *
     * @throws StoreException if the file cannot be opened, or was written by a newer schema
     */
    public static SqliteTradeStore openFile(Path file) {
        Objects.requireNonNull(file, "file");
        HikariDataSource dataSource;
        try {
            dataSource = SqlitePool.open(file);
        } catch (RuntimeException e) {
            // Hikari reports a connection that could not be opened as its own unchecked exception.
            throw new StoreException("open: cannot open store " + file, e);
        }
        try (Connection connection = dataSource.getConnection()) {
            Schema.current().migrate(connection, file.toString());
        } catch (SQLException | RuntimeException e) {
            dataSource.close();
            if (e instanceof StoreException storeException) {
                throw storeException;
            }
            throw new StoreException("open: cannot migrate the schema of store " + file, e);
        }
        return new SqliteTradeStore(file, dataSource);
    }

    /** The database file this store writes. */
    public Path file() {
        return file;
    }

    /** {@inheritDoc} Placing the same client order id again updates its row but keeps its first time. */
    @Override
    public void orderPlaced(OrderRequest request, String orderId, OrderStatus status, Instant at) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        String time = SqlText.instant(Objects.requireNonNull(at, "at"));
        run("orderPlaced(" + request.clientOrderId() + ")", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(UPSERT_ORDER)) {
                insert.setString(1, request.clientOrderId());
                insert.setString(2, orderId);
                insert.setString(3, request.symbol());
                insert.setString(4, request.side().name());
                insert.setString(5, request.type().name());
                insert.setString(6, request.timeInForce().name());
                insert.setString(7, SqlText.decimal(request.price()));
                insert.setString(8, SqlText.decimal(request.quantity()));
                insert.setInt(9, request.reduceOnly() ? 1 : 0);
                insert.setString(10, status.name());
                insert.setString(11, time);
                insert.setString(12, time);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** {@inheritDoc} An id the store never saw placed is ignored (logged at debug). */
    @Override
    public void orderStatus(String clientOrderId, OrderStatus status, Instant at) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(status, "status");
        String time = SqlText.instant(Objects.requireNonNull(at, "at"));
        int updated = run("orderStatus(" + clientOrderId + ")", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE orders SET status = ?, updated_at = ? WHERE client_order_id = ?")) {
                update.setString(1, status.name());
                update.setString(2, time);
                update.setString(3, clientOrderId);
                return update.executeUpdate();
            }
        });
        if (updated == 0) {
            LOG.debug("store {}: status {} for unknown order {} ignored", file.getFileName(), status, clientOrderId);
        }
    }

    @Override
    public boolean fill(String venue, Fill fill) {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(fill, "fill");
        String time = SqlText.instant(fill.time());
        boolean added = run("fill(" + fill.fillId() + ", " + fill.symbol() + ")", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_FILL)) {
                insert.setString(1, fill.fillId());
                insert.setString(2, fill.orderId());
                insert.setString(3, fill.clientOrderId());
                insert.setString(4, fill.symbol());
                insert.setString(5, fill.side().name());
                insert.setString(6, SqlText.decimal(fill.price()));
                insert.setString(7, SqlText.decimal(fill.quantity()));
                insert.setString(8, SqlText.decimal(fill.fee()));
                insert.setString(9, fill.feeAsset());
                insert.setString(10, fill.liquidity().name());
                insert.setString(11, time);
                insert.setString(12, venue);
                return insert.executeUpdate() == 1;
            }
        });
        if (!added) {
            warnIfDifferent(venue, fill);
        }
        return added;
    }

    /** A duplicate id is normal (stream and poll both deliver); a duplicate id with other content is not. */
    private void warnIfDifferent(String venue, Fill fill) {
        Optional<Fill> kept = run("fill(" + fill.fillId() + ") lookup", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_FILL_BY_ID)) {
                select.setString(1, venue);
                select.setString(2, fill.symbol());
                select.setString(3, fill.fillId());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(readFill(rows)) : Optional.empty();
                }
            }
        });
        kept.filter(k -> !FillComparison.sameContent(k, fill)).ifPresent(k -> LOG.warn(
                "store {}: {} fill id {} on {} arrived again with different content; kept the first ({}), dropped {}",
                file.getFileName(), venue.isEmpty() ? "a" : venue, fill.fillId(), fill.symbol(), k, fill));
    }

    @Override
    public Optional<Instant> lastFillTime(String venue, String symbol) {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        return run("lastFillTime(" + venue + ", " + symbol + ")", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT MAX(time) FROM fills WHERE symbol = ? AND venue IN (?, '')")) {
                select.setString(1, symbol);
                select.setString(2, venue);
                try (ResultSet rows = select.executeQuery()) {
                    String last = rows.next() ? rows.getString(1) : null;
                    return last == null ? Optional.empty() : Optional.of(SqlText.instant(last));
                }
            }
        });
    }

    @Override
    public List<Fill> fills(String symbol, Instant since) {
        Objects.requireNonNull(symbol, "symbol");
        String from = SqlText.instant(Objects.requireNonNull(since, "since"));
        return run("fills(" + symbol + ")", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_FILLS)) {
                select.setString(1, symbol);
                select.setString(2, from);
                try (ResultSet rows = select.executeQuery()) {
                    List<Fill> fills = new ArrayList<>();
                    while (rows.next()) {
                        fills.add(readFill(rows));
                    }
                    return List.copyOf(fills);
                }
            }
        });
    }

    @Override
    public Optional<DailyStats> dailyStats(LocalDate day, String symbol) {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(symbol, "symbol");
        return run("dailyStats(" + day + ", " + symbol + ")", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_STATS)) {
                select.setString(1, SqlText.day(day));
                select.setString(2, symbol);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(readStats(day, symbol, rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void saveDailyStats(DailyStats stats) {
        Objects.requireNonNull(stats, "stats");
        run("saveDailyStats(" + stats.day() + ", " + stats.symbol() + ")", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT_STATS)) {
                upsert.setString(1, SqlText.day(stats.day()));
                upsert.setString(2, stats.symbol());
                upsert.setString(3, SqlText.decimal(stats.makerVolume()));
                upsert.setString(4, SqlText.decimal(stats.takerVolume()));
                upsert.setString(5, SqlText.decimal(stats.makerNotional()));
                upsert.setString(6, SqlText.decimal(stats.takerNotional()));
                upsert.setString(7, SqlText.decimal(stats.realizedPnl()));
                upsert.setString(8, SqlText.decimal(stats.fees()));
                upsert.setLong(9, stats.tradeCount());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /** {@inheritDoc} Oldest placement first. */
    @Override
    public List<String> openOrderIds(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return run("openOrderIds(" + symbol + ")", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT client_order_id FROM orders"
                    + " WHERE symbol = ? AND status IN (" + OPEN_STATUSES + ") ORDER BY created_at, client_order_id")) {
                select.setString(1, symbol);
                try (ResultSet rows = select.executeQuery()) {
                    List<String> ids = new ArrayList<>();
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                    return List.copyOf(ids);
                }
            }
        });
    }

    /** {@inheritDoc} Oldest placement first. */
    @Override
    public List<RecordedOrder> openOrders(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        return run("openOrders(" + symbol + ")", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_OPEN_ORDERS.formatted(OPEN_STATUSES))) {
                select.setString(1, symbol);
                try (ResultSet rows = select.executeQuery()) {
                    List<RecordedOrder> orders = new ArrayList<>();
                    while (rows.next()) {
                        orders.add(readOrder(rows));
                    }
                    return List.copyOf(orders);
                }
            }
        });
    }

    @Override
    public Optional<RecordedOrder> order(String clientOrderId) {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        return run("order(" + clientOrderId + ")", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT client_order_id, order_id, symbol,"
                    + " side, price, quantity, status, created_at FROM orders WHERE client_order_id = ?")) {
                select.setString(1, clientOrderId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(readOrder(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void describeInstance(String key, String value, Instant at) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        String when = SqlText.instant(Objects.requireNonNull(at, "at"));
        run("describeInstance(" + key + ")", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO instance (key, value, updated_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                    + " updated_at = excluded.updated_at")) {
                upsert.setString(1, key);
                upsert.setString(2, value);
                upsert.setString(3, when);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<String> instanceDescription(String key) {
        return run("instanceDescription(" + key + ")", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT value FROM instance WHERE key = ?")) {
                select.setString(1, key);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Instant> recordRunStart(Instant at) {
        String started = SqlText.instant(Objects.requireNonNull(at, "at"));
        return run("recordRunStart", connection -> {
            Optional<Instant> previous;
            try (var statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT started_at FROM runs ORDER BY run DESC LIMIT 1")) {
                previous = rows.next() ? Optional.of(SqlText.instant(rows.getString(1))) : Optional.empty();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO runs (started_at) VALUES (?)")) {
                insert.setString(1, started);
                insert.executeUpdate();
            }
            return previous;
        });
    }

    /**
     * Closes the pool; SQLite checkpoints the WAL into the file as its last connection closes. Blocks
     * on that disk I/O. Idempotent and safe from any thread.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            dataSource.close();
        }
    }

    /** Reads one pragma on a pooled connection: how tests check the connection settings. */
    String pragma(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a pragma name: " + name);
        }
        return run("pragma(" + name + ")", connection -> {
            try (var statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
                return rows.next() ? rows.getString(1) : null;
            }
        });
    }

    private static Fill readFill(ResultSet rows) throws SQLException {
        try {
            return new Fill(
                    rows.getString("fill_id"),
                    rows.getString("order_id"),
                    rows.getString("client_order_id"),
                    rows.getString("symbol"),
                    Side.valueOf(rows.getString("side")),
                    SqlText.decimal(rows.getString("price")),
                    SqlText.decimal(rows.getString("quantity")),
                    SqlText.decimal(rows.getString("fee")),
                    rows.getString("fee_asset"),
                    Liquidity.valueOf(rows.getString("liquidity")),
                    SqlText.instant(rows.getString("time")));
        } catch (RuntimeException e) {
            throw unreadable("fills", e);
        }
    }

    private static RecordedOrder readOrder(ResultSet rows) throws SQLException {
        try {
            String price = rows.getString("price");
            return new RecordedOrder(
                    rows.getString("client_order_id"),
                    rows.getString("order_id"),
                    rows.getString("symbol"),
                    Side.valueOf(rows.getString("side")),
                    price == null ? null : SqlText.decimal(price),
                    SqlText.decimal(rows.getString("quantity")),
                    OrderStatus.valueOf(rows.getString("status")),
                    SqlText.instant(rows.getString("created_at")));
        } catch (RuntimeException e) {
            throw unreadable("orders", e);
        }
    }

    private static DailyStats readStats(LocalDate day, String symbol, ResultSet rows) throws SQLException {
        try {
            return new DailyStats(day, symbol,
                    SqlText.decimal(rows.getString("maker_volume")),
                    SqlText.decimal(rows.getString("taker_volume")),
                    SqlText.decimal(rows.getString("maker_notional")),
                    SqlText.decimal(rows.getString("taker_notional")),
                    SqlText.decimal(rows.getString("realized_pnl")),
                    SqlText.decimal(rows.getString("fees")),
                    rows.getLong("trade_count"));
        } catch (RuntimeException e) {
            throw unreadable("daily_stats", e);
        }
    }

    /**
     * A row that no longer makes a valid record (edited by hand, or written by a bug) fails like any
     * other database error, so that the caller sees which operation hit it.
     */
    private static SQLException unreadable(String table, RuntimeException cause) {
        return new SQLDataException("unreadable row in " + table + ": " + cause.getMessage(), cause);
    }

    /** Runs one unit of work on a pooled connection, turning any database failure into a StoreException. */
    private <T> T run(String operation, SqlWork<T> work) {
        if (closed.get()) {
            throw new IllegalStateException("store " + file + " is closed; " + operation + " refused");
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException(operation + " failed on store " + file + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
