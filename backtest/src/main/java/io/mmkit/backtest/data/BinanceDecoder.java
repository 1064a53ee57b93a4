package io.mmkit.backtest.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.sim.feed.BlockCursor;
import io.mmkit.sim.feed.EventBlock;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ScaledReplaySource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes Binance WebSocket recordings straight from bytes into scaled longs ({@link EventBlock}): the same
 * events, book sync, duplicate-trade dropping, funding and error messages as {@link BinanceRecordingReader}
 * (which stays as the reference it is tested against), without a JSON tree, a {@code String}, a
 * {@code BigDecimal} or an {@code Instant} per line in the hot path. Prices and quantities must fit
 * {@link EventBlock#SCALE} decimals (Binance publishes 8); a row with more is refused with its file and line.
 *
 * <p>Not thread-safe: one thread reads it ({@link BackgroundDecoder} runs it on its own). The opener closes it.
 */
public final class BinanceDecoder implements ScaledReplaySource, DataAudit.Kept {
    static final int BLOCK_SIZE = 4096;
    private static final long NO_FUNDING = Long.MIN_VALUE;

    private final List<Path> files;
    private final JsonSpans root = new JsonSpans();
    private final JsonSpans data = new JsonSpans();
    private final Levels scratch = new Levels();
    private final Diff current = new Diff();
    private final DepthChain<Diff> chain = new DepthChain<>(new DepthChain.Ids<>() {
        @Override
        public long first(Diff d) {
            return d.first;
        }

        @Override
        public long last(Diff d) {
            return d.last;
        }

        @Override
        public long previous(Diff d) {
            return d.previous;
        }

        @Override
        public Diff retain(Diff d) {
            return d == current ? d.copy() : d;
        }
    });
    private final TradeIds tradeIds = new TradeIds();
    private final TradeIds aggTradeIds = new TradeIds();
    private final ArrayDeque<EventBlock> ready = new ArrayDeque<>();
    private final ArrayDeque<EventBlock> spare = new ArrayDeque<>();
    private final BlockCursor cursor = new BlockCursor(this::nextBlock);
    private LineBuffer pending = new LineBuffer(64);
    private EventBlock filling = new EventBlock(BLOCK_SIZE);
    private EventBlock handed;
    private int fileIndex = -1;
    private ByteLines lines;
    private long last = Long.MIN_VALUE;
    private long lineTime;
    private long fundingRate;
    private long nextFunding = NO_FUNDING;
    private boolean ended;
    private RuntimeException failure;
    private ObjectMapper json;

    /** Reads {@code files} in the order given, as one stream. Nothing is opened until the first read. */
    public BinanceDecoder(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to read");
        }
        this.files = List.copyOf(files);
    }

    @Override
    public EventBlock nextBlock() {
        if (handed != null) {
            handed.clear();
            spare.add(handed);
            handed = null;
        }
        while (ready.isEmpty() && !ended) {
            step();
        }
        if (ready.isEmpty()) {
            if (failure != null) {
                throw failure;
            }
            return null;
        }
        handed = ready.poll();
        return handed;
    }

    @Override
    public ReplayEvent next() {
        return cursor.next();
    }

    @Override
    public DataAudit audit() {
        return new DataAudit(tradeIds.duplicates() + aggTradeIds.duplicates(), chain.gaps(), chain.resyncs(),
                chain.gaps() == 0 || chain.synced());
    }

    @Override
    public double progress() {
        return lines == null ? 0.0 : (fileIndex + lines.progress()) / files.size();
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
    }

    /** Decodes one line into {@link #ready}, or ends the stream (at the end, or at a bad row). */
    private void step() {
        try {
            if (!nextLine()) {
                ended = true;
            } else {
                pending.clear();
                decodeLine();
                for (int i = 0; i < pending.size; i++) {
                    append(pending, i);
                }
            }
        } catch (RuntimeException e) {
            ended = true;
            failure = e;
        }
        if (ended && filling.size() > 0) {
            ready.add(filling);
            filling = new EventBlock(BLOCK_SIZE);
        }
    }

    private void append(LineBuffer from, int i) {
        if (filling.isFull()) {
            ready.add(filling);
            filling = spare.isEmpty() ? new EventBlock(BLOCK_SIZE) : spare.poll();
        }
        filling.add(from.times[i], from.kinds[i], from.buys[i], from.prices[i], from.quantities[i]);
    }

    private boolean nextLine() {
        while (true) {
            if (lines != null) {
                if (lines.next()) {
                    return true;
                }
                lines.close();
            }
            if (fileIndex + 1 >= files.size()) {
                return false;
            }
            lines = new ByteLines(files.get(++fileIndex));
        }
    }

    private void decodeLine() {
        byte[] b = lines.buffer();
        int s = lines.start();
        int e = lines.end();
        int space = -1;
        boolean blank = true;
        for (int i = s; i < e; i++) {
            if (b[i] > ' ') {
                blank = false;
            } else if (b[i] == ' ' && space < 0) {
                space = i;
            }
            if (!blank && space >= 0) {
                break;
            }
        }
        if (blank) {
            return;
        }
        if (space <= s) {
            throw error("expected \"<timestamp> <json>\"");
        }
        long time = timestamp(b, s, space);
        if (root.index(b, space + 1, e) < 0) {
            throw badJson(b, space + 1, e);
        }
        if (time < last) {
            throw error("time goes backwards: " + instant(time) + " after " + instant(last));
        }
        last = time;
        lineTime = time;
        settleFundingDue(time);
        try {
            dispatch(time);
        } catch (DataFormatException x) {
            throw x;
        } catch (RuntimeException x) {
            throw error("unreadable message: " + x.getMessage(), x);
        }
    }

    private long timestamp(byte[] b, int s, int e) {
        int n = e - s;
        long v = 0;
        boolean digits = n > 0 && n <= 18;
        for (int i = s; digits && i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                digits = false;
            } else {
                v = v * 10 + d;
            }
        }
        if (!digits) {
            String ts = new String(b, s, n, StandardCharsets.UTF_8);
            try {
                Instant t = TimeText.ofEpoch(Long.parseLong(ts), n);
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            } catch (NumberFormatException x) {
                throw error("bad timestamp: " + x.getMessage(), x);
            }
        }
        if (n <= 11) {
            return v * 1_000_000_000L;
        }
        if (n <= 14) {
            return v * 1_000_000L;
        }
        if (n <= 17) {
            return v * 1_000L;
        }
        return v;
    }

    private DataFormatException badJson(byte[] b, int s, int e) {
        String text = new String(b, s, e - s, StandardCharsets.UTF_8);
        if (json == null) {
            json = new ObjectMapper();
        }
        try {
            json.readTree(text);
            return error("bad JSON: not a message this reader understands");
        } catch (JsonProcessingException x) {
            return error("bad JSON: " + x.getOriginalMessage(), x);
        }
    }

    private void dispatch(long time) {
        if (root.has(JsonSpans.LAST_UPDATE_ID)) {
            snapshot(time);
            return;
        }
        JsonSpans d = root;
        if (root.has(JsonSpans.DATA)) {
            if (root.isObject(JsonSpans.DATA)) {
                data.index(root.b, root.start(JsonSpans.DATA), root.end(JsonSpans.DATA));
            } else {
                data.index(root.b, 0, 0);
            }
            d = data;
        }
        if (d.textEquals(JsonSpans.E, "depthUpdate")) {
            current.live(d);
            chain.diff(current, this::applyDiff, this::bookUntrusted);
        } else if (d.textEquals(JsonSpans.E, "trade") || d.textEquals(JsonSpans.E, "aggTrade")) {
            trade(d, d.textEquals(JsonSpans.E, "trade"));
        } else if (d.textEquals(JsonSpans.E, "bookTicker") || root.textEndsWith(JsonSpans.STREAM, "@bookTicker")) {
            if (!chain.synced()) {
                top(time, true, decimal(d, JsonSpans.B, "b"), decimal(d, JsonSpans.B_QTY, "B"));
                top(time, false, decimal(d, JsonSpans.A, "a"), decimal(d, JsonSpans.A_QTY, "A"));
            }
        } else if (d.textEquals(JsonSpans.E, "markPriceUpdate")) {
            fundingRate = decimal(d, JsonSpans.R, "r");
            nextFunding = d.asLong(JsonSpans.T_TIME, 0) * 1_000_000L;
        }
        // Other streams (kline, ticker...) carry nothing the replay needs.
    }

    private void trade(JsonSpans d, boolean plain) {
        int idKey = plain ? JsonSpans.T_ID : JsonSpans.A;
        if (d.has(idKey) && !(plain ? tradeIds : aggTradeIds).firstTime(d.asLong(idKey, 0))) {
            return; // recorded twice: replaying it again would fill our orders twice
        }
        boolean buyerMaker = d.asBoolean(JsonSpans.M);
        long price = decimal(d, JsonSpans.P, "p");
        long quantity = decimal(d, JsonSpans.Q, "q");
        positive(price, "price");
        positive(quantity, "quantity");
        pending.add(lineTime, EventBlock.TRADE, !buyerMaker, price, quantity);
    }

    private void top(long time, boolean buy, long price, long quantity) {
        positive(price, "price");
        notNegative(quantity, "quantity");
        pending.add(time, EventBlock.TOP, buy, price, quantity);
    }

    private void snapshot(long time) {
        pending.add(time, EventBlock.CLEAR, false, 0, 0);
        scratch.read(root, JsonSpans.BIDS);
        emitLevels(scratch, true);
        scratch.read(root, JsonSpans.ASKS);
        emitLevels(scratch, false);
        chain.snapshot(root.asLong(JsonSpans.LAST_UPDATE_ID, 0), this::applyDiff, this::bookUntrusted);
    }

    /** A gap: what we hold is no longer the venue's book, so nothing may fill against it until a snapshot. */
    private void bookUntrusted() {
        pending.add(lineTime, EventBlock.CLEAR, false, 0, 0);
    }

    private void applyDiff(Diff d) {
        if (d.bids == null) {
            scratch.read(d.spans, JsonSpans.B);
            emitLevels(scratch, true);
            scratch.read(d.spans, JsonSpans.A);
            emitLevels(scratch, false);
        } else {
            emitLevels(d.bids, true);
            emitLevels(d.asks, false);
        }
    }

    private void emitLevels(Levels levels, boolean buy) {
        for (int i = 0; i < levels.size; i += 2) {
            long price = levels.values[i];
            long quantity = levels.values[i + 1];
            positive(price, "price");
            notNegative(quantity, "quantity");
            pending.add(lineTime, EventBlock.LEVEL, buy, price, quantity);
        }
    }

    private void settleFundingDue(long time) {
        if (nextFunding != NO_FUNDING && time >= nextFunding) {
            pending.add(nextFunding, EventBlock.FUNDING, false, fundingRate, 0);
            nextFunding = NO_FUNDING;
        }
    }

    private long decimal(JsonSpans d, int key, String field) {
        if (!d.present(key)) {
            throw error("missing field \"" + field + "\"");
        }
        try {
            return d.scaled(d.start(key), d.end(key));
        } catch (NumberFormatException e) {
            throw error("field \"" + field + "\" is not a number: " + d.raw(key), e);
        } catch (ArithmeticException e) {
            throw error("field \"" + field + "\" does not fit " + EventBlock.SCALE + " decimals: " + d.raw(key), e);
        }
    }

    private static void positive(long units, String name) {
        if (units <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was "
                    + EventBlock.decimal(units).toPlainString());
        }
    }

    private static void notNegative(long units, String name) {
        if (units < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was "
                    + EventBlock.decimal(units).toPlainString());
        }
    }

    private DataFormatException error(String problem) {
        return new DataFormatException(lines.name(), lines.lineNumber(), problem);
    }

    private DataFormatException error(String problem, Throwable cause) {
        return new DataFormatException(lines.name(), lines.lineNumber(), problem, cause);
    }

    private static Instant instant(long nanos) {
        return nanos == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
    }

    /** A depth diff: the current line's (read from its spans) or one held for a snapshot (owning its levels). */
    private static final class Diff {
        long first;
        long last;
        long previous;
        JsonSpans spans;
        Levels bids;
        Levels asks;

        void live(JsonSpans d) {
            spans = d;
            first = d.asLong(JsonSpans.FIRST_ID, 0);
            last = d.asLong(JsonSpans.LAST_ID, 0);
            previous = d.has(JsonSpans.PREVIOUS_ID) ? d.asLong(JsonSpans.PREVIOUS_ID, 0) : -1;
        }

        Diff copy() {
            Diff held = new Diff();
            held.first = first;
            held.last = last;
            held.previous = previous;
            held.bids = new Levels();
            held.bids.read(spans, JsonSpans.B);
            held.asks = new Levels();
            held.asks.read(spans, JsonSpans.A);
            held.bids.trim();
            held.asks.trim();
            return held;
        }
    }

    /** {@code [[price, quantity], ...]} read into scaled pairs. */
    private static final class Levels {
        long[] values = new long[64];
        int size;

        /** Reads the array under {@code key}; a missing or non-array value reads as no levels. */
        void read(JsonSpans j, int key) {
            size = 0;
            if (!j.has(key)) {
                return;
            }
            byte[] b = j.b;
            int to = j.end(key);
            int i = j.start(key);
            if (b[i] != '[') {
                return;
            }
            i = j.ws(i + 1, to);
            if (b[i] == ']') {
                return;
            }
            while (true) {
                int levelEnd = j.value(i, to);
                if (b[i] != '[') {
                    throw notALevel(j, i, levelEnd);
                }
                int priceStart = j.ws(i + 1, levelEnd);
                int priceEnd = j.value(priceStart, levelEnd);
                int comma = j.ws(priceEnd, levelEnd);
                if (priceEnd < 0 || comma >= levelEnd || b[comma] != ',') {
                    throw notALevel(j, i, levelEnd);
                }
                int qtyStart = j.ws(comma + 1, levelEnd);
                int qtyEnd = j.value(qtyStart, levelEnd);
                if (qtyEnd < 0) {
                    throw notALevel(j, i, levelEnd);
                }
                add(j.scaled(priceStart, priceEnd));
                add(j.scaled(qtyStart, qtyEnd)); // further values in a level are ignored, as before
                i = j.ws(levelEnd, to);
                if (b[i] == ']') {
                    return;
                }
                i = j.ws(i + 1, to); // past ','
            }
        }

        private static IllegalArgumentException notALevel(JsonSpans j, int from, int to) {
            return new IllegalArgumentException("a book level must be [price, quantity], was "
                    + j.text(from, Math.max(from, to)));
        }

        private void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void trim() {
            values = Arrays.copyOf(values, size);
        }
    }

    /** The events of one line, moved to the output blocks only once the whole line has decoded. */
    private static final class LineBuffer {
        long[] times;
        byte[] kinds;
        boolean[] buys;
        long[] prices;
        long[] quantities;
        int size;

        LineBuffer(int capacity) {
            times = new long[capacity];
            kinds = new byte[capacity];
            buys = new boolean[capacity];
            prices = new long[capacity];
            quantities = new long[capacity];
        }

        void add(long time, byte kind, boolean buy, long price, long quantity) {
            if (size == times.length) {
                int n = size * 2;
                times = Arrays.copyOf(times, n);
                kinds = Arrays.copyOf(kinds, n);
                buys = Arrays.copyOf(buys, n);
                prices = Arrays.copyOf(prices, n);
                quantities = Arrays.copyOf(quantities, n);
            }
            times[size] = time;
            kinds[size] = kind;
            buys[size] = buy;
            prices[size] = price;
            quantities[size] = quantity;
            size++;
        }

        void clear() {
            size = 0;
        }
    }
}
