package io.mmkit.run;

import io.mmkit.core.config.StrategyParams;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Fat-finger limits checked before the first order, from the config's optional {@code guards} section:
 *
 * <pre>
 * "guards": {"max_order_notional": "10000",  the most one order may be worth, in quote units (default 10000)
 *            "max_open_orders": 200,         the most orders the strategy's config may make rest at once
 *            "balance_check": "refuse"}      refuse (default) or warn when the balances do not cover what
 *                                            the strategy would rest at start
 * </pre>
 *
 * @param refuseShortBalance {@code balance_check: refuse}
 */
record Guards(BigDecimal maxOrderNotional, int maxOpenOrders, boolean refuseShortBalance) {
    static final BigDecimal DEFAULT_MAX_ORDER_NOTIONAL = BigDecimal.valueOf(10_000);
    static final int DEFAULT_MAX_OPEN_ORDERS = 200;
    static final Guards DEFAULTS = new Guards(DEFAULT_MAX_ORDER_NOTIONAL, DEFAULT_MAX_OPEN_ORDERS, true);

    Guards {
        if (maxOrderNotional.signum() <= 0 || maxOpenOrders < 1) {
            throw new IllegalArgumentException("guards must be positive");
        }
    }

    static Guards read(StrategyParams s) {
        BigDecimal notional = s.optionalPositiveDecimal("max_order_notional").orElse(DEFAULT_MAX_ORDER_NOTIONAL);
        int orders = s.integer("max_open_orders", DEFAULT_MAX_OPEN_ORDERS);
        if (orders < 1) {
            throw s.invalid("max_open_orders", "must be at least 1, was " + orders);
        }
        String balance = s.string("balance_check", "refuse").toLowerCase(Locale.ROOT);
        if (!balance.equals("refuse") && !balance.equals("warn")) {
            throw s.invalid("balance_check", "must be refuse or warn, was \"" + balance + "\"");
        }
        s.requireAllRead();
        return new Guards(notional, orders, balance.equals("refuse"));
    }
}
