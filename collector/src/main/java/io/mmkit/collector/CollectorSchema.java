package io.mmkit.collector;

import io.mmkit.core.store.Migration;
import io.mmkit.core.store.Schema;
import java.util.List;

/**
 * The collector database's tables (core's versioned {@link Schema}: a released migration is never edited).
 * STRICT tables, decimals as TEXT in plain notation, instants as fixed-width UTC text with nanoseconds (so that
 * text order is time order).
 *
 * <ul>
 *   <li>{@code collector_info}: what the file holds (symbol, venue, market), one row per key.
 *   <li>{@code raw_events}: every trade, depth diff and REST depth snapshot in the order received ({@code seq});
 *       {@code payload} is the venue's JSON as received; the typed columns are for queries. No secondary index:
 *       inserts stay cheap (replay scans by {@code seq}); add one for ad-hoc queries on a copy.
 *   <li>{@code minute_bars}: one row per minute; {@code complete = 0} for the minute cut short by a shutdown.
 * </ul>
 */
final class CollectorSchema {
    private static final Migration V1 = new Migration(1, "collector raw events and minute bars", List.of(
            """
            CREATE TABLE collector_info (
                key   TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            ) STRICT""",
            """
            CREATE TABLE raw_events (
                seq                INTEGER PRIMARY KEY,
                received_at        TEXT NOT NULL,
                kind               TEXT NOT NULL CHECK (kind IN ('trade', 'depth_diff', 'depth_snapshot')),
                symbol             TEXT NOT NULL,
                venue_time         TEXT,
                first_update_id    INTEGER,
                last_update_id     INTEGER,
                previous_update_id INTEGER,
                trade_id           INTEGER,
                price              TEXT,
                quantity           TEXT,
                aggressor          TEXT CHECK (aggressor IN ('BUY', 'SELL')),
                payload            TEXT NOT NULL
            ) STRICT""",
            """
            CREATE TABLE minute_bars (
                symbol          TEXT NOT NULL,
                minute          TEXT NOT NULL,
                open            TEXT,
                high            TEXT,
                low             TEXT,
                close           TEXT,
                volume          TEXT NOT NULL,
                buy_volume      TEXT NOT NULL,
                sell_volume     TEXT NOT NULL,
                quote_volume    TEXT NOT NULL,
                trade_count     INTEGER NOT NULL CHECK (trade_count >= 0),
                vwap            TEXT,
                volume_by_price TEXT NOT NULL,
                best_bid        TEXT,
                best_ask        TEXT,
                spread          TEXT,
                mid             TEXT,
                bid_depth       TEXT,
                ask_depth       TEXT,
                depth_band_bps  INTEGER NOT NULL,
                complete        INTEGER NOT NULL CHECK (complete IN (0, 1)),
                PRIMARY KEY (symbol, minute)
            ) STRICT"""));

    private static final Schema SCHEMA = new Schema(List.of(V1));

    private CollectorSchema() {
    }

    static Schema schema() {
        return SCHEMA;
    }
}
