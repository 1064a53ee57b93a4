package io.mmkit.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The fill models a backtest can use, by the names configs, the CLI and reports use. What each one answers
 * for a resting buy at price P (a sell is the mirror image); "the asks" are the replayed ask levels less what our
 * own fills took from them (liquidity consumption, {@link ExchangeSettings#liquidityConsumption}), so a level we
 * used up is no touch:
 *
 * <ul>
 *   <li>{@code touch} (optimistic): fills in full as soon as a trade prints at or below P, or the best ask
 *       reaches P.
 *   <li>{@code trade-through} (conservative): needs a trade strictly below P and fills at most that trade's
 *       size, or asks strictly below P and fills at most what they display. A trade's size, or a level's, is
 *       shared out among our orders best price first, never given to each.
 *   <li>{@code queue}: the order joins behind the quantity the book shows at P when it starts resting.
 *       Sell-aggressor trades at P consume that queue first and fill us only with what is left; a trade below
 *       P fills at most its size; asks below P, or at P once nothing is ahead of us, fill at most what they
 *       display. Trades and displayed quantity are shared out among our orders as for trade-through. When the
 *       level shrinks without a trade (cancels), we assume the cancels came from behind us unless the level
 *       falls below our queue position, which then shrinks to the level's size (conservative).
 * </ul>
 */
public enum FillModelName {
    TOUCH("touch"),
    TRADE_THROUGH("trade-through"),
    QUEUE("queue");

    private final String label;

    FillModelName(String label) {
        this.label = label;
    }

    /** The name as configs and reports spell it. */
    public String label() {
        return label;
    }

    /**
     * @throws IllegalArgumentException naming the known models when {@code name} is none of them
     */
    public static FillModelName named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (FillModelName m : values()) {
            if (m.label.equals(wanted)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown fill model \"" + name + "\"; known: "
                + Arrays.stream(values()).map(FillModelName::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
