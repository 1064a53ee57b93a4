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
import java.util.Deque;
import java.util.List;

/**
 * Reads Binance WebSocket recordings ({@code <local ts> <raw JSON>} lines, gz or plain), one or more files
 * in order, as one stream: a continuation file carries on the previous file's book.
 *
 * <p>Book sync follows the venue's documented procedure ({@link DepthChain}): diffs seen before the REST
 * snapshot are held back; at the snapshot the book is cleared and rebuilt, then held diffs with
 * {@code u > lastUpdateId} are applied. Later diffs older than the book are skipped. A break in the update-id
 * chain is a gap: the book is emptied (it is no longer the venue's) and stays empty until the next snapshot
 * resyncs it; both are counted in {@link #audit()}. {@code bookTicker} rows set the top only while the depth is
 * not in sync (the L2 book is the better truth while it is). A trade whose id ({@code t}, or {@code a} for
 * {@code aggTrade}) was already replayed is dropped and counted. {@code markPriceUpdate} rows settle funding at
 * their {@code nextFundingTime}. Event times are the recorder's local receive times (microseconds or
 * nanoseconds) and must not go backwards, across files too: a line that does is refused with its file and line.
 */
public final class BinanceRecordingReader implements ReplaySource, DataAudit.Kept {
    private final ObjectMapper json = new ObjectMapper();
    private final List<Path> files;
    private final Deque<ReplayEvent> ready = new ArrayDeque<>();
    private final DepthChain<HeldDiff> chain = new DepthChain<>(new DepthChain.Ids<>() {
        @Override
        public long first(HeldDiff d) {
            return d.data().path("U").asLong();
        }

        @Override
        public long last(HeldDiff d) {
            return d.data().path("u").asLong();
        }

        @Override
        public long previous(HeldDiff d) {
            return d.data().has("pu") ? d.data().get("pu").asLong() : -1;
        }
    });
    private final TradeIds tradeIds = new TradeIds();
    private final TradeIds aggTradeIds = new TradeIds();
    private int fileIndex = -1;
    private LineReader lines;
    private Instant last = Instant.MIN;
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

    /** Breaks in the diff update-id chain seen so far (the book was emptied at each until a snapshot). */
    public long gaps() {
        return chain.gaps();
    }

    @Override
    public DataAudit audit() {
        return new DataAudit(tradeIds.duplicates() + aggTradeIds.duplicates(), chain.gaps(), chain.resyncs(),
                chain.gaps() == 0 || chain.synced());
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
        if (time.isBefore(last)) {
            throw lines.error("time goes backwards: " + time + " after " + last);
        }
        last = time;
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
            String idField = type.equals("trade") ? "t" : "a";
            if (data.has(idField) && !(type.equals("trade") ? tradeIds : aggTradeIds)
                    .firstTime(data.get(idField).asLong())) {
                return; // recorded twice: replaying it again would fill our orders twice
            }
            boolean buyerMaker = data.path("m").asBoolean();
            ready.add(new TradePrinted(time, buyerMaker ? Side.SELL : Side.BUY, decimal(data, "p"),
                    decimal(data, "q")));
        } else if (type.equals("bookTicker") || stream.endsWith("@bookTicker")) {
            if (!chain.synced()) {
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
        chain.snapshot(root.get("lastUpdateId").asLong(), d -> applyDiff(time, d.data()), () -> bookUntrusted(time));
    }

    private void diff(Instant time, JsonNode data) {
        chain.diff(new HeldDiff(time, data), d -> applyDiff(time, d.data()), () -> bookUntrusted(time));
    }

    /** A gap: what we hold is no longer the venue's book, so nothing may fill against it until a snapshot. */
    private void bookUntrusted(Instant time) {
        ready.add(new BookCleared(time));
    }

    private void applyDiff(Instant time, JsonNode data) {
        levels(time, data.path("b"), Side.BUY);
        levels(time, data.path("a"), Side.SELL);
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
