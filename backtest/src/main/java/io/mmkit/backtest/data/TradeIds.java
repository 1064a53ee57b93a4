package io.mmkit.backtest.data;

import java.util.LinkedHashSet;
import java.util.Iterator;

/**
 * Remembers the most recent venue trade ids to recognise a trade recorded twice. Bounded: a recorder re-sends
 * recent trades after a reconnect, never ones from an hour ago, so the last 100 000 ids are enough and a day of
 * data stays in constant memory.
 */
final class TradeIds {
    private static final int REMEMBERED = 100_000;

    private final LinkedHashSet<Long> recent = new LinkedHashSet<>();
    private long duplicates;

    /** True the first time {@code id} is seen; false (and counted) for a repeat. */
    boolean firstTime(long id) {
        if (!recent.add(id)) {
            duplicates++;
            return false;
        }
        if (recent.size() > REMEMBERED) {
            Iterator<Long> eldest = recent.iterator();
            eldest.next();
            eldest.remove();
        }
        return true;
    }

    long duplicates() {
        return duplicates;
    }
}
