package io.mmkit.backtest.report;

import io.mmkit.core.model.Fill;
import java.util.List;

/**
 * The fill log: one CSV line per fill, in fill order, with a header. Exact decimals, ISO-8601 UTC times. Two
 * runs (or the in-process and HTTP paths) on the same input must produce the same bytes.
 */
public final class FillLog {
    public static final String HEADER = "fill_id,time,order_id,client_order_id,side,price,quantity,fee,fee_asset,liquidity";

    private FillLog() {
    }

    public static String format(List<Fill> fills) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Fill f : fills) {
            sb.append(f.fillId()).append(',').append(f.time()).append(',').append(f.orderId()).append(',')
                    .append(f.clientOrderId() == null ? "" : f.clientOrderId()).append(',').append(f.side())
                    .append(',').append(f.price().toPlainString()).append(',').append(f.quantity().toPlainString())
                    .append(',').append(f.fee().toPlainString()).append(',').append(f.feeAsset()).append(',')
                    .append(f.liquidity()).append('\n');
        }
        return sb.toString();
    }
}
