package io.mmkit.backtest.data;

import io.mmkit.sim.feed.BlockCursor;
import io.mmkit.sim.feed.EventBlock;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ScaledReplaySource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Replays a {@link DecodedCache} file: memory-mapped, validated whole on open (header, sources, length and the
 * events' checksum), then read a block at a time with no parsing at all. One thread reads it; the opener
 * closes it (the mapping is released when collected).
 */
final class CachedRecording implements ScaledReplaySource, DataAudit.Kept {
    private final MappedByteBuffer map;
    private final int body;
    private final long events;
    private final DataAudit audit;
    private final EventBlock block = new EventBlock(BinanceDecoder.BLOCK_SIZE);
    private final BlockCursor cursor = new BlockCursor(this::nextBlock);
    private long read;

    /** The cache is not what the sources say it should be: rebuild it. */
    static final class Invalid extends Exception {
        Invalid(String why) {
            super(why);
        }
    }

    private CachedRecording(MappedByteBuffer map, int body, long events, DataAudit audit) {
        this.map = map;
        this.body = body;
        this.events = events;
        this.audit = audit;
    }

    /**
     * Maps and checks {@code file} against what {@code expected} says of the sources.
     *
     * @throws Invalid naming what does not match
     */
    static CachedRecording open(Path file, DecodedCache.Header expected) throws IOException, Invalid {
        MappedByteBuffer m;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < expected.length() || size > Integer.MAX_VALUE) {
                throw new Invalid("size " + size + " does not fit the header");
            }
            m = DecodedCache.map(ch, size);
        }
        try {
            byte[] magic = new byte[8];
            m.get(magic);
            if (!Arrays.equals(magic, "MMKITDEC".getBytes(StandardCharsets.US_ASCII))) {
                throw new Invalid("not a decoded cache");
            }
            int version = m.getInt();
            if (version != DecodedCache.FORMAT_VERSION) {
                throw new Invalid("format version " + version + ", this build reads " + DecodedCache.FORMAT_VERSION);
            }
            int count = m.getInt();
            if (count != expected.sources().size()) {
                throw new Invalid("built from " + count + " files, not " + expected.sources().size());
            }
            for (DecodedCache.Header.Source s : expected.sources()) {
                int n = m.getInt();
                if (n < 0 || n > 65_536) {
                    throw new Invalid("corrupt header");
                }
                byte[] path = new byte[n];
                m.get(path);
                DecodedCache.Header.Source cached = new DecodedCache.Header.Source(
                        new String(path, StandardCharsets.UTF_8), m.getLong(), m.getLong(), m.getLong());
                if (!cached.equals(s)) {
                    throw new Invalid("source changed: " + s.path() + " (cached size " + cached.size()
                            + ", modified " + cached.modified() + ", crc " + cached.crc() + "; now " + s.size()
                            + ", " + s.modified() + ", " + s.crc() + ")");
                }
            }
            long events = m.getLong();
            DataAudit audit = new DataAudit(m.getLong(), m.getLong(), m.getLong(), m.getInt() == 1);
            long eventsCrc = m.getLong();
            int body = m.position();
            if (events < 0 || body + events * DecodedCache.RECORD != m.capacity()) {
                throw new Invalid("length " + m.capacity() + " does not hold " + events + " events");
            }
            CRC32C crc = new CRC32C();
            ByteBuffer all = m.duplicate();
            all.position(body);
            crc.update(all);
            if (crc.getValue() != eventsCrc) {
                throw new Invalid("events checksum mismatch (corrupt file)");
            }
            return new CachedRecording(m, body, events, audit);
        } catch (RuntimeException e) {
            throw new Invalid("corrupt header: " + e);
        }
    }

    long events() {
        return events;
    }

    /** Another reader of the same validated mapping, from the start: a sweep's runs share one check and map. */
    CachedRecording reopen() {
        return new CachedRecording(map, body, events, audit);
    }

    @Override
    public EventBlock nextBlock() {
        block.clear();
        int n = (int) Math.min(block.capacity(), events - read);
        if (n <= 0) {
            return null;
        }
        int at = body + (int) (read * DecodedCache.RECORD);
        MappedByteBuffer m = map;
        for (int i = 0; i < n; i++, at += DecodedCache.RECORD) {
            block.add(m.getLong(at), m.get(at + 8), m.get(at + 9) != 0, m.getLong(at + 10), m.getLong(at + 18));
        }
        read += n;
        return block;
    }

    @Override
    public ReplayEvent next() {
        return cursor.next();
    }

    @Override
    public DataAudit audit() {
        return audit;
    }

    @Override
    public double progress() {
        return events == 0 ? 1.0 : (double) read / events;
    }

    @Override
    public void close() {
        read = events;
    }
}
