package io.mmkit.backtest.report;

import io.mmkit.core.model.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One PnL story: the FIFO ledger's realized PnL beside the strategy's own round-trip profit (grids book a profit
 * when a closing order fills) and the figure the trade store saved, with the difference and why it exists.
 *
 * @param fifoRealized realized PnL of the FIFO ledger, before fees (what the store saves per day)
 * @param fees every fill's fee, in the quote asset
 * @param roundTripProfit the strategy's booked profit of completed round trips, net of those fills' fees;
 *                        {@code null} when the strategy books none (not a grid)
 * @param roundTrips completed round trips
 * @param storedRealized the realized PnL summed over the store's daily statistics rows
 */
public record PnlReconciliation(BigDecimal fifoRealized, BigDecimal fees, BigDecimal roundTripProfit, int roundTrips,
                                BigDecimal storedRealized) {
    /** Why FIFO and round-trip profit differ, in one sentence for reports. */
    public static final String EXPLANATION = "round-trip profit pairs each closing fill with the order one grid"
            + " level away and counts only completed trips, net of their two fees; FIFO realized pairs each fill"
            + " with the oldest open inventory and counts every fill, before fees. They differ by the fees of fills"
            + " outside completed trips, by open legs FIFO closed against older inventory, and by which prices"
            + " were paired.";

    public PnlReconciliation {
        Objects.requireNonNull(fifoRealized, "fifoRealized");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(storedRealized, "storedRealized");
    }

    /** FIFO realized minus every fee: the like-for-like figure for a round-trip profit. */
    public BigDecimal fifoRealizedAfterFees() {
        return Decimals.normalize(fifoRealized.subtract(fees));
    }

    /** FIFO realized after fees minus round-trip profit; {@code null} without a round-trip figure. */
    public BigDecimal difference() {
        return roundTripProfit == null ? null : Decimals.normalize(fifoRealizedAfterFees().subtract(roundTripProfit));
    }

    /** The log line the run ends with. */
    public String logLine() {
        StringBuilder sb = new StringBuilder("PnL story: FIFO realized ").append(fifoRealized.toPlainString())
                .append(" - fees ").append(fees.toPlainString()).append(" = ")
                .append(fifoRealizedAfterFees().toPlainString());
        if (roundTripProfit != null) {
            sb.append(" | round trips ").append(roundTrips).append(": profit ")
                    .append(roundTripProfit.toPlainString()).append(" | difference ")
                    .append(difference().toPlainString())
                    .append(" (fees of fills outside completed trips, FIFO vs grid-level pairing, open legs)");
        }
        sb.append(" | store realized ").append(storedRealized.toPlainString())
                .append(storedRealized.compareTo(fifoRealized) == 0 ? " (= FIFO)" : " (DIFFERS from FIFO)");
        return sb.toString();
    }
}
