package io.mmkit.core.store;

import io.mmkit.core.model.Fill;
import java.util.Objects;

/** Whether two fills under one id say the same thing: decimals by value, so 1.0 and 1.00 agree. */
final class FillComparison {
    private FillComparison() {
    }

    static boolean sameContent(Fill a, Fill b) {
        return a.fillId().equals(b.fillId())
                && a.orderId().equals(b.orderId())
                && Objects.equals(a.clientOrderId(), b.clientOrderId())
                && a.symbol().equals(b.symbol())
                && a.side() == b.side()
                && a.price().compareTo(b.price()) == 0
                && a.quantity().compareTo(b.quantity()) == 0
                && a.fee().compareTo(b.fee()) == 0
                && a.feeAsset().equals(b.feeAsset())
                && a.liquidity() == b.liquidity()
                && a.time().equals(b.time());
    }
}
