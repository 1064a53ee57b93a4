package io.mmkit.run.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What {@code mmkit status} and the dashboard show of one instance: the supervisor's record (state, uptime,
 * last exit) joined with the bot's live endpoint while it runs, or with its store once it has stopped.
 *
 * @param state one word or phrase: {@code running}, {@code stopped clean}, {@code crashed}, ...
 * @param verdict the exit status {@code daemon status} would give this instance (0 running, 1 trouble, 3 stopped,
 *     4 unknown)
 * @param source where the trading figures come from: {@code live} (the bot's /api/status), {@code store} (the
 *     SQLite file: what the venue last confirmed), or {@code none}
 * @param openOrders live: resting now; store: recorded open (a crashed run's may since have been swept)
 * @param balances live only (the venue's answer); empty otherwise
 * @param fillsToday our fills on the symbol since 00:00 UTC
 */
public record InstanceView(
        String instance,
        String state,
        String detail,
        int verdict,
        String strategy,
        String config,
        String log,
        String uptime,
        Long botPid,
        String endpoint,
        String source,
        String symbol,
        BigDecimal bid,
        BigDecimal ask,
        BigDecimal position,
        List<Map<String, Object>> balances,
        List<Order> openOrders,
        BigDecimal realizedPnl,
        BigDecimal unrealizedPnl,
        BigDecimal netPnl,
        BigDecimal fees,
        Long fillsToday,
        List<Map<String, Object>> recentFills,
        String lastError,
        Long lastExitCode,
        String lastOutcome,
        String lastExitLine,
        String lastReason,
        List<Map<String, Object>> history) {

    /** @param distanceToTouch how far behind the best price of its side (0 = at the touch); null when unknown */
    public record Order(String clientOrderId, String side, BigDecimal price, BigDecimal quantity,
                        BigDecimal distanceToTouch) {
    }

    public InstanceView {
        balances = balances == null ? List.of() : List.copyOf(balances);
        openOrders = openOrders == null ? List.of() : List.copyOf(openOrders);
        recentFills = recentFills == null ? List.of() : List.copyOf(recentFills);
        history = history == null ? List.of() : List.copyOf(history);
    }
}
