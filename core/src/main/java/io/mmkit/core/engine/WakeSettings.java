package io.mmkit.core.engine;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.time.Wakeup;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What ends the loop's wait before its {@code interval} (which stays the longest wait): a fill of ours, and a move
 * of a book the strategy reads. A fill wakes the loop at once, so a hedge follows its fill in the same wake-up; a
 * book move wakes it no sooner than {@code minRequoteInterval} after the last iteration ended, so a busy book
 * costs at most one requote per that interval. Stop always ends a wait at once.
 *
 * <p>A book has moved when, against the top the strategy last read from it, either touch price has moved by at
 * least {@code bookMoveTicks} ticks, or (when {@code bookDepthChange} is set) either touch quantity has changed by
 * at least that fraction of what it was (0.5: half of it taken or added).
 *
 * @param wakeOn the causes that end a wait, {@link Wakeup#FILL} and/or {@link Wakeup#BOOK}; 0 waits the interval
 *     out, as the loop always did
 * @param minRequoteInterval the shortest wait a book move can end
 * @param bookMoveTicks touch move, in ticks, that counts as a book move (at least 1)
 * @param bookDepthChange fraction of a touch quantity that counts as a book move; {@code null} for none
 */
public record WakeSettings(int wakeOn, Duration minRequoteInterval, int bookMoveTicks, BigDecimal bookDepthChange) {

    /** The interval only: today's loop, the default for every config that does not ask for more. */
    public static final WakeSettings INTERVAL_ONLY = new WakeSettings(0, Duration.ZERO, 1, null);

    private static final Duration DEFAULT_MIN_REQUOTE = Duration.ofMillis(100);

    public WakeSettings {
        Objects.requireNonNull(minRequoteInterval, "minRequoteInterval");
        if ((wakeOn & ~Wakeup.ANY) != 0) {
            throw new IllegalArgumentException("unknown wake-up causes: " + wakeOn);
        }
        if (minRequoteInterval.isNegative()) {
            throw new IllegalArgumentException("minRequoteInterval must not be negative, was " + minRequoteInterval);
        }
        if (bookMoveTicks < 1) {
            throw new IllegalArgumentException("bookMoveTicks must be at least 1, was " + bookMoveTicks);
        }
        if (bookDepthChange != null && bookDepthChange.signum() <= 0) {
            throw new IllegalArgumentException("bookDepthChange must be positive, was "
                    + bookDepthChange.toPlainString());
        }
    }

    /** Fills and book moves of at least one tick, requoting at most every {@code minRequoteInterval}. */
    public static WakeSettings onFillsAndBook(Duration minRequoteInterval) {
        return new WakeSettings(Wakeup.ANY, minRequoteInterval, 1, null);
    }

    public boolean eventDriven() {
        return wakeOn != 0;
    }

    public boolean onFills() {
        return (wakeOn & Wakeup.FILL) != 0;
    }

    public boolean onBook() {
        return (wakeOn & Wakeup.BOOK) != 0;
    }

    /**
     * Reads the wake-up keys of an {@code engine} config section, live and backtest alike: {@code wake_on} (a list
     * of {@code "fill"}, {@code "book"}; absent or empty: the interval only), {@code min_requote_interval} (default
     * 100ms), {@code book_move_ticks} (default 1) and {@code book_depth_change} (default none). Marks them read;
     * the caller checks the section for unknown keys.
     *
     * @throws ConfigException naming the key and the problem
     */
    public static WakeSettings read(StrategyParams engine) {
        int causes = 0;
        Object listed = engine.value("wake_on");
        if (listed != null) {
            if (!(listed instanceof List<?> names)) {
                throw engine.invalid("wake_on", "must be a list of \"fill\" and \"book\"");
            }
            for (Object name : names) {
                String n = name instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : String.valueOf(name);
                causes |= switch (n) {
                    case "fill", "fills" -> Wakeup.FILL;
                    case "book" -> Wakeup.BOOK;
                    default -> throw engine.invalid("wake_on", "must list \"fill\" and/or \"book\", had \"" + n
                            + "\"");
                };
            }
        }
        Duration min = engine.duration("min_requote_interval", DEFAULT_MIN_REQUOTE);
        if (min.isNegative()) {
            throw engine.invalid("min_requote_interval", "must not be negative");
        }
        int ticks = engine.integer("book_move_ticks", 1);
        if (ticks < 1) {
            throw engine.invalid("book_move_ticks", "must be at least 1, was " + ticks);
        }
        BigDecimal depth = engine.optionalDecimal("book_depth_change").orElse(null);
        if (depth != null && depth.signum() <= 0) {
            throw engine.invalid("book_depth_change", "must be positive, was " + depth.toPlainString());
        }
        return new WakeSettings(causes, min, ticks, depth);
    }

    /** For logs: {@code interval only} or e.g. {@code fill+book, min requote 100 ms, 1 tick}. */
    public String describe() {
        if (!eventDriven()) {
            return "interval only";
        }
        String causes = onFills() && onBook() ? "fill+book" : onFills() ? "fill" : "book";
        return causes + ", min requote " + minRequoteInterval.toMillis() + " ms"
                + (onBook() ? ", " + bookMoveTicks + " tick(s)" + (bookDepthChange == null ? ""
                : " or touch size " + bookDepthChange.toPlainString() + "x") : "");
    }
}
