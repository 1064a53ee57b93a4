package io.mmkit.backtest.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.sim.feed.ReplayEvent.BookCleared;
import io.mmkit.sim.feed.ReplayEvent.FundingSettled;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TopChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import io.mmkit.core.model.Side;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplaySource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Reads the backtest JSON-lines format, gz or plain: one object per line with {@code time} (ISO-8601 string
 * or epoch integer) and {@code type}:
 *
 * <pre>
 * {"time":"2024-07-24T00:00:00Z","type":"book","snapshot":true,"bids":[["1.214","63"]],"asks":[["1.216","62"]]}
 * {"time":1721779200500,"type":"level","side":"bid","price":"1.213","quantity":"0"}
 * {"time":1721779201000,"type":"top","bid":"1.214","bidQty":"60","ask":"1.216","askQty":"70"}
 * {"time":1721779202000,"type":"trade","side":"sell","price":"1.214","quantity":"5"}
 * {"time":"2024-07-24T08:00:00Z","type":"funding","rate":"0.0001"}
 * </pre>
 *
 * {@code book} without {@code "snapshot":true} is a diff (levels with quantity 0 are removed); {@code top}
 * may also be one side ({@code side}, {@code price}, {@code quantity}). Numbers may be JSON strings or
 * numbers. Times must not go backwards; blank lines are skipped.
 */
public final class JsonLinesReader implements ReplaySource {
    private final ObjectMapper json = new ObjectMapper();
    private final LineReader lines;
    private final Deque<ReplayEvent> ready = new ArrayDeque<>();
    private Instant last = Instant.MIN;

    /** Opens {@code file} at once; the caller closes the reader. */
    public JsonLinesReader(Path file) {
        this.lines = new LineReader(file);
    }

    @Override
    public ReplayEvent next() {
        while (ready.isEmpty()) {
            String line = lines.next();
            if (line == null) {
                return null;
            }
            if (!line.isBlank()) {
                parse(line);
            }
        }
        return ready.pollFirst();
    }

    private void parse(String line) {
        JsonNode row;
        try {
            row = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw lines.error("bad JSON: " + e.getOriginalMessage(), e);
        }
        try {
            if (!row.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            Instant time = TimeText.parse(text(row, "time"));
            if (time.isBefore(last)) {
                throw new IllegalArgumentException("time goes backwards: " + time + " after " + last);
            }
            last = time;
            String type = text(row, "type").toLowerCase(Locale.ROOT);
            switch (type) {
                case "trade" -> ready.add(new TradePrinted(time, Rows.side(text(row, "side")),
                        Rows.decimal(text(row, "price"), "price"), Rows.decimal(text(row, "quantity"), "quantity")));
                case "level" -> ready.add(new LevelChanged(time, Rows.side(text(row, "side")),
                        Rows.decimal(text(row, "price"), "price"), Rows.decimal(text(row, "quantity"), "quantity")));
                case "top" -> top(time, row);
                case "book" -> book(time, row);
                case "clear" -> ready.add(new BookCleared(time));
                case "funding" -> ready.add(new FundingSettled(time, Rows.decimal(text(row, "rate"), "rate")));
                default -> throw new IllegalArgumentException(
                        "type must be trade, level, top, book, clear or funding, was \"" + type + "\"");
            }
        } catch (IllegalArgumentException e) {
            ready.clear();
            throw lines.error(e.getMessage(), e);
        }
    }

    private void top(Instant time, JsonNode row) {
        if (row.has("side")) {
            ready.add(new TopChanged(time, Rows.side(text(row, "side")), Rows.decimal(text(row, "price"), "price"),
                    Rows.decimal(text(row, "quantity"), "quantity")));
            return;
        }
        ready.add(new TopChanged(time, Side.BUY, Rows.decimal(text(row, "bid"), "bid"),
                Rows.decimal(text(row, "bidQty"), "bidQty")));
        ready.add(new TopChanged(time, Side.SELL, Rows.decimal(text(row, "ask"), "ask"),
                Rows.decimal(text(row, "askQty"), "askQty")));
    }

    private void book(Instant time, JsonNode row) {
        if (row.path("snapshot").asBoolean(false)) {
            ready.add(new BookCleared(time));
        }
        levels(time, row.path("bids"), Side.BUY);
        levels(time, row.path("asks"), Side.SELL);
    }

    private void levels(Instant time, JsonNode levels, Side side) {
        for (JsonNode level : levels) {
            if (!level.isArray() || level.size() != 2) {
                throw new IllegalArgumentException("a book level must be [price, quantity], was " + level);
            }
            ready.add(new LevelChanged(time, side, Rows.decimal(level.get(0).asText(), "price"),
                    Rows.decimal(level.get(1).asText(), "quantity")));
        }
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field \"" + field + "\"");
        }
        return v.asText();
    }

    @Override
    public double progress() {
        return lines.progress();
    }

    @Override
    public void close() {
        lines.close();
    }
}
