package io.mmkit.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.mmkit.collector.CollectedEvent.DiffReceived;
import io.mmkit.collector.CollectedEvent.SnapshotTaken;
import io.mmkit.collector.CollectedEvent.TradeReceived;
import io.mmkit.core.store.SqlText;
import io.mmkit.core.store.SqlitePool;
import io.mmkit.core.store.StoreException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/**
 * The collector's SQLite file (core's pool conventions: WAL, busy timeout, one connection, immediate
 * transactions). Writes batches of raw events and minute rows, each in one transaction.
 *
 * <p>Used by one thread at a time: the aggregator thread, then the shutdown steps after it has stopped. The
 * collector closes it last. Failures are {@link StoreException}s naming the file.
 */
final class CollectorStore implements AutoCloseable {
    private static final String INSERT_RAW = "INSERT INTO raw_events (received_at, kind, symbol, venue_time,"
            + " first_update_id, last_update_id, previous_update_id, trade_id, price, quantity, aggressor, payload)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT_MINUTE = "INSERT OR REPLACE INTO minute_bars (symbol, minute, open, high,"
            + " low, close, volume, buy_volume, sell_volume, quote_volume, trade_count, vwap, volume_by_price,"
            + " best_bid, best_ask, spread, mid, bid_depth, ask_depth, depth_band_bps, complete)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Path file;
    private final String symbol;
    private final HikariDataSource pool;
    private final ObjectMapper json = new ObjectMapper();

    private CollectorStore(Path file, String symbol, HikariDataSource pool) {
        this.file = file;
        this.symbol = symbol;
        this.pool = pool;
    }

    /**
     * Opens (creating if needed) and migrates {@code file}, and records what it holds. Blocks on disk I/O.
     *
     * @param symbol the one symbol this file holds; every raw row carries it
     * @param info written to {@code collector_info} where the key is not there yet (venue, market...)
     * @throws StoreException if the file cannot be opened or migrated, or already holds another symbol
     */
    static CollectorStore open(Path file, String symbol, Map<String, String> info) {
        HikariDataSource pool;
        try {
            pool = SqlitePool.open(file);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open collector database " + file + ": " + e.getMessage(), e);
        }
        CollectorStore store = new CollectorStore(file, symbol, pool);
        try (Connection c = pool.getConnection()) {
            CollectorSchema.schema().migrate(c, file.toString());
            store.recordInfo(c, info);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot prepare collector database " + file + ": " + e.getMessage(), e);
        }
        return store;
    }

    /** Appends {@code events} in order, in one transaction. Blocks on disk I/O; nothing is kept if it fails. */
    void writeRaw(List<CollectedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT_RAW)) {
            c.setAutoCommit(false);
            try {
                for (CollectedEvent e : events) {
                    bindRaw(insert, e);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store " + events.size() + " raw events in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Inserts or replaces the row of {@code bar}'s minute. Blocks on disk I/O. */
    void writeMinute(MinuteBar bar) {
        try (Connection c = pool.getConnection(); PreparedStatement upsert = c.prepareStatement(UPSERT_MINUTE)) {
            int i = 0;
            upsert.setString(++i, bar.symbol());
            upsert.setString(++i, SqlText.instant(bar.minute()));
            upsert.setString(++i, SqlText.decimal(bar.open()));
            upsert.setString(++i, SqlText.decimal(bar.high()));
            upsert.setString(++i, SqlText.decimal(bar.low()));
            upsert.setString(++i, SqlText.decimal(bar.close()));
            upsert.setString(++i, SqlText.decimal(bar.volume()));
            upsert.setString(++i, SqlText.decimal(bar.buyVolume()));
            upsert.setString(++i, SqlText.decimal(bar.sellVolume()));
            upsert.setString(++i, SqlText.decimal(bar.quoteVolume()));
            upsert.setInt(++i, bar.tradeCount());
            upsert.setString(++i, SqlText.decimal(bar.vwap()));
            upsert.setString(++i, volumeByPrice(bar));
            BookStats b = bar.book();
            upsert.setString(++i, b == null ? null : SqlText.decimal(b.bestBid()));
            upsert.setString(++i, b == null ? null : SqlText.decimal(b.bestAsk()));
            upsert.setString(++i, b == null ? null : SqlText.decimal(b.spread()));
            upsert.setString(++i, b == null ? null : SqlText.decimal(b.mid()));
            upsert.setString(++i, b == null ? null : SqlText.decimal(b.bidDepth()));
            upsert.setString(++i, b == null ? null : SqlText.decimal(b.askDepth()));
            upsert.setInt(++i, b == null ? 0 : b.bandBps());
            upsert.setInt(++i, bar.complete() ? 1 : 0);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store minute " + bar.minute() + " in " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /** Closes the pool (the last connection's close checkpoints the WAL into the file). Idempotent. */
    @Override
    public void close() {
        pool.close();
    }

    private void recordInfo(Connection c, Map<String, String> info) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT value FROM collector_info WHERE key = 'symbol'");
             ResultSet rows = q.executeQuery()) {
            if (rows.next() && !rows.getString(1).equals(symbol)) {
                throw new StoreException("collector database " + file + " holds " + rows.getString(1) + ", not "
                        + symbol + "; one file holds one symbol");
            }
        }
        try (PreparedStatement put = c.prepareStatement(
                "INSERT OR IGNORE INTO collector_info (key, value) VALUES (?, ?)")) {
            put.setString(1, "symbol");
            put.setString(2, symbol);
            put.executeUpdate();
            for (Map.Entry<String, String> e : info.entrySet()) {
                put.setString(1, e.getKey());
                put.setString(2, e.getValue());
                put.executeUpdate();
            }
        }
    }

    private void bindRaw(PreparedStatement s, CollectedEvent e) throws SQLException {
        s.setString(1, SqlText.instant(e.received()));
        s.setString(2, e.kind());
        s.setString(3, symbol);
        for (int i = 4; i <= 11; i++) {
            s.setNull(i, i == 4 || i >= 9 ? Types.VARCHAR : Types.INTEGER);
        }
        if (e instanceof TradeReceived t) {
            s.setString(4, SqlText.instant(t.trade().time()));
            s.setLong(8, t.tradeId());
            s.setString(9, SqlText.decimal(t.trade().price()));
            s.setString(10, SqlText.decimal(t.trade().quantity()));
            s.setString(11, t.trade().aggressor().name());
        } else if (e instanceof DiffReceived d) {
            s.setString(4, SqlText.instant(d.diff().time()));
            s.setLong(5, d.diff().firstId());
            s.setLong(6, d.diff().lastId());
            if (d.diff().previousLastId() >= 0) {
                s.setLong(7, d.diff().previousLastId());
            }
        } else if (e instanceof SnapshotTaken snap) {
            s.setString(4, SqlText.instant(snap.book().time()));
            s.setLong(6, snap.book().sequence());
        }
        s.setString(12, e.payload());
    }

    private String volumeByPrice(MinuteBar bar) {
        ObjectNode out = json.createObjectNode();
        for (Map.Entry<BigDecimal, BigDecimal> e : bar.volumeByPrice().entrySet()) {
            out.put(e.getKey().toPlainString(), e.getValue().toPlainString());
        }
        return out.toString();
    }
}
