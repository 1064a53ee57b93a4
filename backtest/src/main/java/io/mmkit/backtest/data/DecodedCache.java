package io.mmkit.backtest.data;

import io.mmkit.sim.feed.EventBlock;
import io.mmkit.sim.feed.ScaledReplaySource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pre-decoded binary copy of a Binance recording (one or more files read as one stream): its replay events in
 * scaled longs, 26 bytes each, behind a header that names the source files with their size, modification time
 * and CRC-32C, the {@link #FORMAT_VERSION}, the {@link DataAudit} and a CRC-32C of the events. Built once by the
 * first run that decodes the files (on the decoding thread, as a side effect of reading them), then memory-mapped
 * by every later run and every sweep combination instead of gunzipping and parsing again.
 *
 * <p>Never trusted blindly: a cache whose header, source files, length or checksum do not match is logged and
 * rebuilt. Only a decode that reached the end of the data is kept (a bad row, or a run that stopped early,
 * leaves none). Written to a temporary file and moved into place atomically, so concurrent runs (other
 * processes too) see a whole cache or none. A directory that cannot be written turns caching off for that
 * run, with a warning; it never fails a run.
 *
 * <p>Location: {@code -Dmmkit.cache.dir}, else {@code MMKIT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/mmkit/decoded}
 * (default {@code ~/.cache/mmkit/decoded}); {@code off} turns caching off. Immutable and thread-safe.
 */
public final class DecodedCache {
    /** Bump when the layout or the decoder's output changes: older caches are then rebuilt. */
    public static final int FORMAT_VERSION = 1;
    static final int RECORD = 26;
    private static final byte[] MAGIC = "MMKITDEC".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(DecodedCache.class);

    private final Path dir;

    private DecodedCache(Path dir) {
        this.dir = dir;
    }

    /** Caches under {@code dir} (created when first needed). */
    public static DecodedCache at(Path dir) {
        return new DecodedCache(dir.toAbsolutePath().normalize());
    }

    /** No cache: every open decodes the files. */
    public static DecodedCache off() {
        return new DecodedCache(null);
    }

    /** The location the system property, the environment or the default give (see the class comment). */
    public static DecodedCache fromEnvironment() {
        String configured = System.getProperty("mmkit.cache.dir", System.getenv("MMKIT_CACHE_DIR"));
        if (configured != null && !configured.isBlank()) {
            return configured.trim().equalsIgnoreCase("off") ? off() : at(Path.of(configured.trim()));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return at(base.resolve("mmkit").resolve("decoded"));
    }

    public boolean enabled() {
        return dir != null;
    }

    /**
     * The files' events: from a valid cache (memory-mapped), else decoded on a background thread, writing the
     * cache as it goes. The caller closes the source. Blocks only to check a cache (reads its source files once
     * for their checksums).
     */
    public ScaledReplaySource open(List<Path> files) {
        if (enabled()) {
            Optional<CachedRecording> hit = lookUp(files);
            if (hit.isPresent()) {
                return hit.get();
            }
            Optional<CacheWriter> writer = writer(files);
            if (writer.isPresent()) {
                return new BackgroundDecoder(new CachingSource(new BinanceDecoder(files), writer.get()), name(files));
            }
        }
        return new BackgroundDecoder(new BinanceDecoder(files), name(files));
    }

    /**
     * Makes sure a valid cache of {@code files} exists, decoding them on this thread if not (a sweep calls it
     * once before its runs start, so they all map the same cache).
     *
     * @return false when caching is off or the cache cannot be written (the caller then shares the data another way)
     * @throws DataFormatException naming the file and line of a row that cannot be read
     */
    public boolean prepare(List<Path> files) {
        if (!enabled()) {
            return false;
        }
        Optional<CachedRecording> hit = lookUp(files);
        if (hit.isPresent()) {
            hit.get().close();
            return true;
        }
        Optional<CacheWriter> writer = writer(files);
        if (writer.isEmpty()) {
            return false;
        }
        try (CachingSource source = new CachingSource(new BinanceDecoder(files), writer.get())) {
            while (source.nextBlock() != null) {
                // written as read
            }
            return source.written();
        }
    }

    /**
     * A valid cache of {@code files}, built now on this thread if there is none, opened once for many readers:
     * {@link #prepare} and then one validation and mapping shared by every {@code get()} (each a new reader from
     * the start). Empty when caching is off or the cache cannot be written.
     *
     * @throws DataFormatException naming the file and line of a row that cannot be read
     */
    public Optional<java.util.function.Supplier<ScaledReplaySource>> shared(List<Path> files) {
        if (!prepare(files)) {
            return Optional.empty();
        }
        return lookUp(files).map(mapped -> mapped::reopen);
    }

    /** Where the cache of {@code files} lives (whether or not it exists yet). */
    public Path fileFor(List<Path> files) {
        if (!enabled()) {
            throw new IllegalStateException("caching is off");
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                sha.update(f.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            String first = files.get(0).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            return dir.resolve(first + "-" + HexFormat.of().formatHex(sha.digest(), 0, 8) + ".mmkdec");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private Optional<CachedRecording> lookUp(List<Path> files) {
        Path cache = fileFor(files);
        if (!Files.isRegularFile(cache)) {
            return Optional.empty();
        }
        try {
            CachedRecording r = CachedRecording.open(cache, Header.of(files));
            LOG.debug("decoded cache hit {}", cache);
            return Optional.of(r);
        } catch (CachedRecording.Invalid e) {
            LOG.warn("decoded cache {} not used ({}): rebuilding it from {}", cache, e.getMessage(), files);
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("decoded cache {} unreadable ({}): rebuilding it", cache, e.toString());
            return Optional.empty();
        }
    }

    Optional<CacheWriter> writer(List<Path> files) {
        Path cache = fileFor(files);
        try {
            return Optional.of(new CacheWriter(cache, Header.of(files)));
        } catch (IOException e) {
            LOG.warn("decoded cache {} cannot be written ({}): decoding without it", cache, e.toString());
            return Optional.empty();
        }
    }

    private static String name(List<Path> files) {
        return files.get(0).getFileName().toString();
    }

    /** What a cache must say about its sources to be used: their paths, sizes, times and checksums. */
    record Header(List<Source> sources) {
        record Source(String path, long size, long modified, long crc) {
        }

        static Header of(List<Path> files) throws IOException {
            List<Source> out = new java.util.ArrayList<>();
            for (Path f : files) {
                Path p = f.toAbsolutePath().normalize();
                out.add(new Source(p.toString(), Files.size(p), Files.getLastModifiedTime(p).toMillis(), crc(p)));
            }
            return new Header(List.copyOf(out));
        }

        private static long crc(Path file) throws IOException {
            CRC32C crc = new CRC32C();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
                while (ch.read(buf) >= 0) {
                    buf.flip();
                    crc.update(buf);
                    buf.clear();
                }
            }
            return crc.getValue();
        }

        /** Bytes before the events: magic, version, sources, event count, audit, events checksum. */
        int length() {
            int n = MAGIC.length + 4 + 4;
            for (Source s : sources) {
                n += 4 + s.path().getBytes(StandardCharsets.UTF_8).length + 8 + 8 + 8;
            }
            return n + 8 + 8 + 8 + 8 + 4 + 8;
        }

        void write(ByteBuffer out, long events, DataAudit audit, long eventsCrc) {
            out.put(MAGIC).putInt(FORMAT_VERSION).putInt(sources.size());
            for (Source s : sources) {
                byte[] path = s.path().getBytes(StandardCharsets.UTF_8);
                out.putInt(path.length).put(path).putLong(s.size()).putLong(s.modified()).putLong(s.crc());
            }
            out.putLong(events).putLong(audit.duplicateTradesDropped()).putLong(audit.updateIdGaps())
                    .putLong(audit.resyncs()).putInt(audit.inSyncAtEnd() ? 1 : 0).putLong(eventsCrc);
        }
    }

    static ByteBuffer littleEndian(ByteBuffer b) {
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a cache beside its final place, moved in only when {@link #finish} is called. */
    static final class CacheWriter implements AutoCloseable {
        private static final long MAX_BODY = Integer.MAX_VALUE - (1 << 20);
        private final Path target;
        private final Path temp;
        private final Header header;
        private final FileChannel channel;
        private final ByteBuffer buf = littleEndian(ByteBuffer.allocateDirect(RECORD * 8192));
        private final CRC32C crc = new CRC32C();
        private long events;
        private boolean failed;
        private boolean done;

        CacheWriter(Path target, Header header) throws IOException {
            this.target = target;
            this.header = header;
            Files.createDirectories(target.getParent());
            this.temp = target.resolveSibling(target.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + System.nanoTime() + ".tmp");
            this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            channel.position(header.length());
        }

        void append(EventBlock b) {
            if (failed) {
                return;
            }
            if ((events + b.size()) * RECORD > MAX_BODY) {
                LOG.warn("decoded cache {} not written: the data is too large for one mapped file", target);
                abandon();
                return;
            }
            for (int i = 0; i < b.size(); i++) {
                if (buf.remaining() < RECORD) {
                    drain();
                }
                buf.putLong(b.time(i)).put(b.kind(i)).put((byte) (b.buy(i) ? 1 : 0)).putLong(b.price(i))
                        .putLong(b.quantity(i));
            }
            events += b.size();
        }

        private void drain() {
            buf.flip();
            crc.update(buf.duplicate());
            try {
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } catch (IOException e) {
                LOG.warn("decoded cache {} not written ({})", target, e.toString());
                abandon();
            }
            buf.clear();
        }

        /** Completes the cache and moves it into place; true if it was written. */
        boolean finish(DataAudit audit) {
            if (failed) {
                return false;
            }
            drain();
            if (failed) {
                return false;
            }
            try {
                ByteBuffer head = littleEndian(ByteBuffer.allocate(header.length()));
                header.write(head, events, audit, crc.getValue());
                head.flip();
                channel.position(0);
                while (head.hasRemaining()) {
                    channel.write(head);
                }
                channel.close();
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                done = true;
                LOG.info("decoded cache written: {} ({} events)", target, events);
                return true;
            } catch (IOException e) {
                LOG.warn("decoded cache {} not written ({})", target, e.toString());
                abandon();
                return false;
            }
        }

        private void abandon() {
            failed = true;
            close();
        }

        /** Discards an unfinished cache. Idempotent. */
        @Override
        public void close() {
            try {
                channel.close();
                if (!done) {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException ignored) {
                // A temporary file we could not delete is only litter: never trusted (wrong name).
            }
        }
    }

    /** Passes a decoder's blocks through while writing them to a cache; finishes it at the end of data. */
    static final class CachingSource implements ScaledReplaySource, DataAudit.Kept {
        private final BinanceDecoder decoder;
        private final CacheWriter writer;
        private boolean written;
        private final io.mmkit.sim.feed.BlockCursor cursor = new io.mmkit.sim.feed.BlockCursor(this::nextBlock);

        CachingSource(BinanceDecoder decoder, CacheWriter writer) {
            this.decoder = decoder;
            this.writer = writer;
        }

        @Override
        public EventBlock nextBlock() {
            EventBlock b;
            try {
                b = decoder.nextBlock();
            } catch (RuntimeException e) {
                writer.close();
                throw e;
            }
            if (b == null) {
                if (!written) {
                    written = writer.finish(decoder.audit());
                }
            } else {
                writer.append(b);
            }
            return b;
        }

        boolean written() {
            return written;
        }

        /** The record path reads the same blocks, so the cache is written whichever path drains the source. */
        @Override
        public io.mmkit.sim.feed.ReplayEvent next() {
            return cursor.next();
        }

        @Override
        public DataAudit audit() {
            return decoder.audit();
        }

        @Override
        public double progress() {
            return decoder.progress();
        }

        @Override
        public void close() {
            writer.close();
            decoder.close();
        }
    }

    static MappedByteBuffer map(FileChannel ch, long size) throws IOException {
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        m.order(ByteOrder.LITTLE_ENDIAN);
        return m;
    }
}
