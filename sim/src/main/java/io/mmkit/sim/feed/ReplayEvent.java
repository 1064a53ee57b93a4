package io.mmkit.sim.feed;

import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One step of recorded market data for a single instrument, as the backtest replays it. A data file holds
 * one instrument; the symbol comes from the backtest config, not from the rows.
 *
 * <p>Book data comes in three strengths, and a file may mix them: {@link LevelChanged} (L2 diffs and
 * snapshots, after {@link BookCleared}), {@link TopChanged} (best bid or ask only) and {@link TradePrinted}.
 */
public sealed interface ReplayEvent {

    /** When the event happened (the recorder's receive time for Binance recordings). */
    Instant time();

    /** A public trade. {@code aggressor} is the taker's side: {@code SELL} hits bids, {@code BUY} lifts asks. */
    record TradePrinted(Instant time, Side aggressor, BigDecimal price, BigDecimal quantity) implements ReplayEvent {
        public TradePrinted {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(aggressor, "aggressor");
            requirePositive(price, "price");
            requirePositive(quantity, "quantity");
        }
    }

    /** One price level now holds {@code quantity} ({@code BUY} = bid side); zero removes the level. */
    record LevelChanged(Instant time, Side side, BigDecimal price, BigDecimal quantity) implements ReplayEvent {
        public LevelChanged {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(side, "side");
            requirePositive(price, "price");
            requireNonNegative(quantity, "quantity");
        }
    }

    /**
     * The best level of one side is now {@code price} x {@code quantity}: better levels on that side are
     * gone. For data with best bid/ask only (Binance bookTicker, CSV {@code top} rows).
     */
    record TopChanged(Instant time, Side side, BigDecimal price, BigDecimal quantity) implements ReplayEvent {
        public TopChanged {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(side, "side");
            requirePositive(price, "price");
            requireNonNegative(quantity, "quantity");
        }
    }

    /** The book is emptied: a snapshot's levels follow as {@link LevelChanged} events. */
    record BookCleared(Instant time) implements ReplayEvent {
        public BookCleared {
            Objects.requireNonNull(time, "time");
        }
    }

    /**
     * A perpetual funding settlement at {@code rate}: a long position pays {@code position x mark x rate}
     * (receives when negative). Ignored on spot.
     */
    record FundingSettled(Instant time, BigDecimal rate) implements ReplayEvent {
        public FundingSettled {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(rate, "rate");
        }
    }

    private static void requirePositive(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value.toPlainString());
        }
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value.toPlainString());
        }
    }
}
