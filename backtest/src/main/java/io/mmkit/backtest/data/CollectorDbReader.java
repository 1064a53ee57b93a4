package io.mmkit.backtest.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import io.mmkit.core.model.Side;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplaySource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.sqlite.SQLiteConfig;

/**
 * Replays what the data collector ({@code run collect}) recorded: its SQLite file's {@code raw_events}, in the
 * order received ({@code seq}), at their local receive times (never earlier than the event before).
 *
 * <p>The book follows the venue's documented sync ({@link DepthChain}), as the collector's own book did: diffs
 * wait for a depth snapshot; the snapshot clears and rebuilds the book, then the held diffs newer than it apply;
 * later diffs must chain (spot: {@code U <= previous u + 1}; futures: {@code pu = previous u}). A break is a gap:
 * the book is emptied and waits for the next snapshot (the collector took one when it saw the same break); both
 * are counted in {@link #audit()}. Snapshots that arrive while the book is in sync (the periodic ones) are not
 * replayed: the diffs already carry the book. A trade whose {@code trade_id} was already replayed is dropped and
 * counted; a receive time earlier than the row before is refused, naming the row's {@code seq}.
 *
 * <p>Opened read-only on the first {@link #next()}. One thread at a time; the opener closes it.
 */
public final class CollectorDbReader implements ReplaySource, DataAudit.Kept {
    private static final String SELECT = "SELECT seq, received_at, kind, first_update_id, last_update_id,"
            + " previous_update_id, price, quantity, aggressor, payload, trade_id FROM raw_events ORDER BY seq";

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private final Deque<ReplayEvent> ready = new ArrayDeque<>();
    private final DepthChain<Row> chain = new DepthChain<>(new DepthChain.Ids<>() {
        @Override
        public long first(Row d) {
            return d.first();
        }

        @Override
        public long last(Row d) {
            return d.last();
        }

        @Override
        public long previous(Row d) {
            return d.previous();
        }
    });
    private final TradeIds tradeIds = new TradeIds();
    private Connection connection;
    private Statement statement;
    private ResultSet rows;
    private long total;
    private long read;
    private long seq;
    private Instant last = Instant.MIN;
    private boolean done;

    /** One depth row: a diff ({@code first..last}, {@code previous} or -1) or a snapshot ({@code last}). */
    private record Row(Instant time, String kind, long first, long last, long previous, String payload) {
    }

    public CollectorDbReader(Path file) {
        this.file = file;
    }

    /** Breaks in the diff chain seen so far. */
    public long gaps() {
        return chain.gaps();
    }

    @Override
    public DataAudit audit() {
        return new DataAudit(tradeIds.duplicates(), chain.gaps(), chain.resyncs(),
                chain.gaps() == 0 || chain.synced());
    }

    @Override
    public ReplayEvent next() {
        while (ready.isEmpty()) {
            if (done) {
                return null;
            }
            readRow();
        }
        return ready.pollFirst();
    }

    @Override
    public double progress() {
        return total == 0 ? 0.0 : (double) read / total;
    }

    @Override
    public void close() {
        done = true;
        try {
            if (connection != null) {
                connection.close(); // closes its statement and result set
            }
        } catch (SQLException e) {
            // closing a read-only file: nothing to lose
        }
    }

    private void readRow() {
        try {
            if (rows == null) {
                open();
            }
            if (!rows.next()) {
                done = true;
                return;
            }
            read++;
            seq = rows.getLong(1);
            Instant time = at(rows.getString(2));
            String kind = rows.getString(3);
            switch (kind) {
                case "trade" -> trade(time);
                case "depth_diff" -> diff(new Row(time, kind, rows.getLong(4), rows.getLong(5),
                        rows.getObject(6) == null ? -1 : rows.getLong(6), rows.getString(10)));
                case "depth_snapshot" -> snapshot(new Row(time, kind, 0, rows.getLong(5), -1, rows.getString(10)));
                default -> throw error("unknown event kind \"" + kind + "\"", null);
            }
        } catch (SQLException e) {
            throw error("cannot read: " + e.getMessage(), e);
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw error("unreadable event: " + e.getMessage(), e);
        }
    }

    private void open() throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file.toString(), 0, "no such file");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (PreparedStatement check = connection.prepareStatement(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'raw_events'");
             ResultSet r = check.executeQuery()) {
            if (!r.next() || r.getInt(1) == 0) {
                throw new DataFormatException(file.toString(), 0, "not a data collector database (no raw_events)");
            }
        }
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT COUNT(*), COUNT(DISTINCT symbol) FROM raw_events");
             ResultSet r = count.executeQuery()) {
            r.next();
            total = r.getLong(1);
            if (total == 0) {
                throw new DataFormatException(file.toString(), 0, "holds no events: the collector recorded"
                        + " nothing into it, so there is nothing to replay");
            }
            if (r.getInt(2) > 1) {
                throw new DataFormatException(file.toString(), 0, "holds " + r.getInt(2)
                        + " symbols; a backtest replays one");
            }
        }
        statement = connection.createStatement();
        statement.setFetchSize(1_000);
        rows = statement.executeQuery(SELECT);
    }

    private void trade(Instant time) throws SQLException {
        if (rows.getObject(11) != null && !tradeIds.firstTime(rows.getLong(11))) {
            return; // recorded twice: replaying it again would fill our orders twice
        }
        Side aggressor = Side.valueOf(rows.getString(9));
        ready.add(new TradePrinted(time, aggressor, new BigDecimal(rows.getString(7)),
                new BigDecimal(rows.getString(8))));
    }

    private void diff(Row d) {
        chain.diff(d, r -> applyDiff(r, r.time()), () -> ready.add(new BookCleared(d.time())));
    }

    private void applyDiff(Row d, Instant time) {
        JsonNode data = parse(d.payload());
        levels(time, data.path("b"), Side.BUY);
        levels(time, data.path("a"), Side.SELL);
    }

    private void snapshot(Row s) {
        if (chain.synced()) {
            return;
        }
        JsonNode data = parse(s.payload());
        ready.add(new BookCleared(s.time()));
        levels(s.time(), data.path("bids"), Side.BUY);
        levels(s.time(), data.path("asks"), Side.SELL);
        chain.snapshot(s.last(), r -> applyDiff(r, s.time()), () -> ready.add(new BookCleared(s.time())));
    }

    private void levels(Instant time, JsonNode levels, Side side) {
        for (JsonNode level : levels) {
            ready.add(new LevelChanged(time, side, new BigDecimal(level.get(0).asText()),
                    new BigDecimal(level.get(1).asText())));
        }
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw error("bad payload JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Instant at(String text) {
        Instant t = Instant.parse(text);
        if (t.isBefore(last)) {
            throw error("time goes backwards: " + t + " after " + last, null);
        }
        last = t;
        return t;
    }

    private DataFormatException error(String problem, Throwable cause) {
        return new DataFormatException(file + " raw_events seq", seq, problem, cause);
    }
}
