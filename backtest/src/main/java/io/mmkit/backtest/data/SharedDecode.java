package io.mmkit.backtest.data;

import io.mmkit.sim.feed.BlockListSource;
import io.mmkit.sim.feed.EventBlock;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplaySource;
import io.mmkit.sim.feed.ScaledReplaySource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decodes a Binance recording once for many runs (a sweep's combinations): into the {@link DecodedCache}, which
 * every run then maps, or, with caching off or unwritable, into memory, which every run then replays. Either way
 * the files are gunzipped and parsed once, not once per combination.
 */
public final class SharedDecode {
    private SharedDecode() {
    }

    /**
     * Decodes {@code files} now, on this thread, and says how runs should open them; empty when the data is not
     * a Binance recording or cannot be read (each run then opens it itself and reports the error as before).
     */
    public static Optional<Supplier<ReplaySource>> prepare(DataFormat format, List<Path> files, DecodedCache cache) {
        if (format != DataFormat.BINANCE || files.isEmpty()
                || !files.stream().allMatch(java.nio.file.Files::isRegularFile)) {
            return Optional.empty();
        }
        try {
            Optional<Supplier<ScaledReplaySource>> mapped = cache.shared(files);
            if (mapped.isPresent()) {
                Supplier<ScaledReplaySource> each = mapped.get();
                return Optional.of(each::get);
            }
            try (BinanceDecoder decoder = new BinanceDecoder(files)) {
                List<EventBlock> blocks = BlockListSource.readAll(decoder);
                DataAudit audit = decoder.audit();
                return Optional.of(() -> new InMemory(new BlockListSource(blocks), audit));
            }
        } catch (RuntimeException badData) {
            return Optional.empty();
        }
    }

    /** Decoded blocks held in memory, replayed from the start by each run, with the decode's audit. */
    private record InMemory(BlockListSource blocks, DataAudit audit) implements ScaledReplaySource, DataAudit.Kept {
        @Override
        public EventBlock nextBlock() {
            return blocks.nextBlock();
        }

        @Override
        public ReplayEvent next() {
            return blocks.next();
        }

        @Override
        public double progress() {
            return blocks.progress();
        }

        @Override
        public void close() {
            blocks.close();
        }
    }
}
