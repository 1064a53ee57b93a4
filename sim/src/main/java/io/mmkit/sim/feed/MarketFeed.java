package io.mmkit.sim.feed;

/**
 * The market data of one symbol, as the simulated exchange replays it while its clock moves: recorded rows, a
 * scripted path or a generated walk. Pulled, not pushed, so a feed can stream a file or generate a path
 * lazily without holding a day in memory. Used by one thread at a time (the exchange holds its lock).
 */
public interface MarketFeed extends ReplaySource {

    /** The symbol these events belong to. */
    String symbol();

    /** Recorded (or any other) events of {@code symbol}; the caller still owns and closes {@code source}. */
    static MarketFeed of(String symbol, ReplaySource source) {
        return new MarketFeed() {
            @Override
            public String symbol() {
                return symbol;
            }

            @Override
            public ReplayEvent next() {
                return source.next();
            }

            @Override
            public double progress() {
                return source.progress();
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }
}
