package io.mmkit.backtest.report;

import io.mmkit.core.model.Decimals;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Where the net PnL came from, in the quote asset; the four parts sum to the net exactly:
 * {@code net = spreadCapture + inventory - fees - funding}.
 *
 * @param spreadCapture sum over fills of signed quantity x (mid just before the fill - fill price): what quoting
 *                      away from the mid earned at the moment of each fill
 * @param inventory sum over fills of signed quantity x (final mark - mid at the fill): the mark-to-market of the
 *                  position changes as the market moved on
 * @param fees fees paid (negative: net rebate)
 * @param funding perpetual funding paid (negative: received)
 */
public record PnlSplit(BigDecimal spreadCapture, BigDecimal inventory, BigDecimal fees, BigDecimal funding) {
    public PnlSplit {
        Objects.requireNonNull(spreadCapture, "spreadCapture");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(funding, "funding");
    }

    /** spread capture + inventory - fees - funding. */
    public BigDecimal net() {
        return Decimals.normalize(spreadCapture.add(inventory).subtract(fees).subtract(funding));
    }
}
