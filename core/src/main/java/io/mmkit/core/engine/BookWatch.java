package io.mmkit.core.engine;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.time.Wakeup;
import java.math.BigDecimal;

/**
 * Watches one market's book for a move the strategy should react to. The strategy thread marks the top it read
 * ({@link #read}); venue threads hand every new top to {@link #onBookTop}, which signals {@link Wakeup#BOOK} once
 * the touch has moved by the configured ticks, or a touch quantity by the configured fraction, from that read. A
 * market whose book the strategy never read never wakes it. Thread-safe: one volatile reference.
 */
final class BookWatch {
    private final Wakeup wake;
    private final BigDecimal priceMove;
    private final BigDecimal depthChange;
    private volatile BookTop read;

    /**
     * @param tickSize the market's tick
     * @param settings the thresholds; a watch of settings that do not wake on the book never signals
     */
    BookWatch(Wakeup wake, BigDecimal tickSize, WakeSettings settings) {
        this.wake = wake;
        this.priceMove = settings.onBook() ? tickSize.multiply(BigDecimal.valueOf(settings.bookMoveTicks())) : null;
        this.depthChange = settings.bookDepthChange();
    }

    /** Whether book moves wake the loop at all: if not, venues need not send tops. */
    boolean active() {
        return priceMove != null;
    }

    /** The top the strategy has just read and is acting on. Strategy thread. */
    void read(BookTop top) {
        if (priceMove != null) {
            read = top;
        }
    }

    /** A new top from the venue. Venue thread (or the simulated venue's replay); never blocks. */
    void onBookTop(BookTop top) {
        BookTop ref = read;
        if (ref == null || priceMove == null) {
            return;
        }
        if (moved(ref.bidPrice(), top.bidPrice()) || moved(ref.askPrice(), top.askPrice())
                || resized(ref.bidQuantity(), top.bidQuantity()) || resized(ref.askQuantity(), top.askQuantity())) {
            wake.signal(Wakeup.BOOK);
        }
    }

    private boolean moved(BigDecimal was, BigDecimal now) {
        return now.subtract(was).abs().compareTo(priceMove) >= 0;
    }

    private boolean resized(BigDecimal was, BigDecimal now) {
        if (depthChange == null) {
            return false;
        }
        if (was.signum() == 0) {
            return now.signum() != 0;
        }
        return now.subtract(was).abs().compareTo(was.multiply(depthChange)) >= 0;
    }
}
