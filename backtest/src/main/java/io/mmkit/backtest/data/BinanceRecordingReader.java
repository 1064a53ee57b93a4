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
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads Binance WebSocket recordings ({@code <local ts> <raw JSON>} lines, gz or plain), one or more files
 * in order, as one stream: a continuation file carries on the previous file's book.
 *
 * <p>Book sync follows the venue's documented procedure: diffs seen before the REST snapshot are held back;
 * at the snapshot the book is cleared and rebuilt, then held diffs with {@code u > lastUpdateId} are applied.
 * Later diffs older than the book are skipped; a break in the update-id chain is counted in {@link #gaps()}
 * and replay goes on. {@code bookTicker} rows set the top only while no snapshot has synced the depth (the
 * L2 book is the better truth once it exists). {@code markPriceUpdate} rows settle funding at their
 * {@code nextFundingTime}. Event times are the recorder's local receive times (microseconds or nanoseconds).
 */
public final class BinanceRecordingReader implements ReplaySource {
    private static final int MAX_HELD_DIFFS = 200_000;

    private final ObjectMapper json = new ObjectMapper();
    private final List<Path> files;
    private final Deque<ReplayEvent> ready = new ArrayDeque<>();
    private final List<HeldDiff> held = new ArrayList<>();
    private int fileIndex = -1;
    private LineReader lines;
    private boolean synced;
    private long lastUpdateId;
    private long gaps;
    private BigDecimal fundingRate;
    private Instant nextFunding;

    private record HeldDiff(Instant time, JsonNode data) {
    }

    /** Reads {@code files} in the order given. Nothing is opened until the first {@link #next()}. */
    public BinanceRecordingReader(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to read");
        }
        this.files = List.copyOf(files);
    }

    /** Breaks in the diff update-id chain seen so far (the book may have drifted at each). */
    public long gaps() {
        return gaps;
    }

    @Override
    public ReplayEvent next() {
        while (ready.isEmpty()) {
            String line = nextLine();
            if (line == null) {
                return null;
            }
            if (!line.isBlank()) {
                parse(line);
            }
        }
        return ready.pollFirst();
    }

    @Override
    public double progress() {
        if (lines == null) {
            return 0.0;
        }
        return (fileIndex + lines.progress()) / files.size();
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
    }

    private String nextLine() {
        while (true) {
            if (lines != null) {
                String line = lines.next();
                if (line != null) {
                    return line;
                }
                lines.close();
            }
            if (fileIndex + 1 >= files.size()) {
                return null;
            }
            lines = new LineReader(files.get(++fileIndex));
        }
    }

    private void parse(String line) {
        int space = line.indexOf(' ');
        if (space <= 0) {
            throw lines.error("expected \"<timestamp> <json>\"");
        }
        Instant time;
        JsonNode root;
        try {
            String ts = line.substring(0, space);
            time = TimeText.ofEpoch(Long.parseLong(ts), ts.length());
            root = json.readTree(line.substring(space + 1));
        } catch (NumberFormatException e) {
            throw lines.error("bad timestamp: " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw lines.error("bad JSON: " + e.getOriginalMessage(), e);
        }
        settleFundingDue(time);
        try {
            dispatch(time, root);
        } catch (DataFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw lines.error("unreadable message: " + e.getMessage(), e);
        }
    }

    private void dispatch(Instant time, JsonNode root) {
        if (root.has("lastUpdateId")) {
            snapshot(time, root);
            return;
        }
        JsonNode data = root.has("data") ? root.get("data") : root;
        String stream = root.path("stream").asText("");
        String type = data.path("e").asText("");
        if (type.equals("depthUpdate")) {
            diff(time, data);
        } else if (type.equals("trade") || type.equals("aggTrade")) {
            boolean buyerMaker = data.path("m").asBoolean();
            ready.add(new TradePrinted(time, buyerMaker ? Side.SELL : Side.BUY, decimal(data, "p"),
                    decimal(data, "q")));
        } else if (type.equals("bookTicker") || stream.endsWith("@bookTicker")) {
            if (!synced) {
                ready.add(new TopChanged(time, Side.BUY, decimal(data, "b"), decimal(data, "B")));
                ready.add(new TopChanged(time, Side.SELL, decimal(data, "a"), decimal(data, "A")));
            }
        } else if (type.equals("markPriceUpdate")) {
            fundingRate = decimal(data, "r");
            nextFunding = Instant.ofEpochMilli(data.path("T").asLong());
        }
        // Other streams (kline, ticker...) carry nothing the replay needs.
    }

    private void snapshot(Instant time, JsonNode root) {
        ready.add(new BookCleared(time));
        levels(time, root.path("bids"), Side.BUY);
        levels(time, root.path("asks"), Side.SELL);
        lastUpdateId = root.get("lastUpdateId").asLong();
        synced = true;
        boolean first = true;
        for (HeldDiff d : held) {
            long u = d.data().path("u").asLong();
            if (u <= lastUpdateId) {
                continue;
            }
            if (first && d.data().path("U").asLong() > lastUpdateId + 1) {
                gaps++;
            }
            first = false;
            applyDiff(time, d.data());
        }
        held.clear();
    }

    private void diff(Instant time, JsonNode data) {
        if (!synced) {
            if (held.size() >= MAX_HELD_DIFFS) {
                held.remove(0);
            }
            held.add(new HeldDiff(time, data));
            return;
        }
        long u = data.path("u").asLong();
        if (u <= lastUpdateId) {
            return;
        }
        boolean chained = data.has("pu")
                ? data.get("pu").asLong() == lastUpdateId
                : data.path("U").asLong() <= lastUpdateId + 1;
        if (!chained) {
            gaps++;
        }
        applyDiff(time, data);
    }

    private void applyDiff(Instant time, JsonNode data) {
        levels(time, data.path("b"), Side.BUY);
        levels(time, data.path("a"), Side.SELL);
        lastUpdateId = data.path("u").asLong();
    }

    private void levels(Instant time, JsonNode levels, Side side) {
        for (JsonNode level : levels) {
            ready.add(new LevelChanged(time, side, new BigDecimal(level.get(0).asText()),
                    new BigDecimal(level.get(1).asText())));
        }
    }

    private void settleFundingDue(Instant time) {
        if (nextFunding != null && !time.isBefore(nextFunding)) {
            ready.add(new FundingSettled(nextFunding, fundingRate));
            nextFunding = null;
        }
    }

    private BigDecimal decimal(JsonNode data, String field) {
        JsonNode v = data.get(field);
        if (v == null || v.isNull()) {
            throw lines.error("missing field \"" + field + "\"");
        }
        try {
            return new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            throw lines.error("field \"" + field + "\" is not a number: " + v, e);
        }
    }
}
