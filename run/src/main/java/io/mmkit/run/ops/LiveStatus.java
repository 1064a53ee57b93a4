package io.mmkit.run.ops;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One bot's state as its endpoint reports it ({@code GET /api/status}): an immutable snapshot, built on the
 * strategy thread after each iteration and read by the HTTP threads, so no reader ever sees half an update.
 * Times are ISO-8601 UTC strings; money is exact decimal (serialised as plain JSON numbers).
 *
 * @param state where the run is: {@code STARTING}, {@code RUNNING}, {@code STOPPING}, {@code ENDED}
 * @param position the primary market's position from this run's ledger (base asset)
 * @param fillsToday our fills on the symbol since 00:00 UTC, from the store at start plus this run's
 * @param history net PnL and position over time, one point a second at most, for the dashboard's charts
 * @param exitCode the run's exit status once it has ended, else null
 */
public record LiveStatus(
        String instanceId,
        String strategy,
        String venue,
        String symbol,
        State state,
        String startedAt,
        String updatedAt,
        long iteration,
        BigDecimal bid,
        BigDecimal ask,
        BigDecimal position,
        BigDecimal realizedPnl,
        BigDecimal unrealizedPnl,
        BigDecimal netPnl,
        BigDecimal fees,
        List<OrderView> openOrders,
        long fillsToday,
        List<FillView> recentFills,
        String lastError,
        String lastErrorAt,
        String stopReason,
        Integer exitCode,
        List<String> ordersMaybeRemaining,
        List<Point> history) {

    public enum State { STARTING, RUNNING, STOPPING, ENDED }

    /**
     * One of our resting orders.
     *
     * @param distanceToTouch how far inside the book it rests: bid - price for a buy, price - ask for a sell
     *     (0 = at the touch; positive = further away), in quote currency; null before the first book top
     */
    public record OrderView(String clientOrderId, String side, BigDecimal price, BigDecimal quantity,
                            BigDecimal filled, BigDecimal distanceToTouch) {
    }

    public record FillView(String time, String side, BigDecimal price, BigDecimal quantity, BigDecimal fee,
                           String feeAsset, String liquidity) {
    }

    /** @param t seconds since the epoch (what uPlot's time axis takes) */
    public record Point(double t, BigDecimal netPnl, BigDecimal position) {
    }

    public LiveStatus {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(state, "state");
        openOrders = List.copyOf(openOrders);
        recentFills = List.copyOf(recentFills);
        ordersMaybeRemaining = List.copyOf(ordersMaybeRemaining);
        history = List.copyOf(history);
    }

    /** Before the first iteration. */
    static LiveStatus starting(String instanceId, String strategy, String venue, String symbol, String startedAt) {
        BigDecimal zero = BigDecimal.ZERO;
        return new LiveStatus(instanceId, strategy, venue, symbol, State.STARTING, startedAt, startedAt, 0, null,
                null, zero, zero, zero, zero, zero, List.of(), 0, List.of(), null, null, null, null, List.of(),
                List.of());
    }

    LiveStatus withState(State next, String at) {
        return new LiveStatus(instanceId, strategy, venue, symbol, next, startedAt, at, iteration, bid, ask, position,
                realizedPnl, unrealizedPnl, netPnl, fees, openOrders, fillsToday, recentFills, lastError, lastErrorAt,
                stopReason, exitCode, ordersMaybeRemaining, history);
    }

    LiveStatus withError(String error, String at) {
        return new LiveStatus(instanceId, strategy, venue, symbol, state, startedAt, updatedAt, iteration, bid, ask,
                position, realizedPnl, unrealizedPnl, netPnl, fees, openOrders, fillsToday, recentFills, error, at,
                stopReason, exitCode, ordersMaybeRemaining, history);
    }

    LiveStatus stopping(String reason, String at) {
        State next = state == State.ENDED ? State.ENDED : State.STOPPING;
        return new LiveStatus(instanceId, strategy, venue, symbol, next, startedAt, at, iteration, bid, ask, position,
                realizedPnl, unrealizedPnl, netPnl, fees, openOrders, fillsToday, recentFills, lastError, lastErrorAt,
                stopReason == null ? reason : stopReason, exitCode, ordersMaybeRemaining, history);
    }

    LiveStatus ended(String reason, int exit, List<String> remaining, List<OrderView> stillOpen, String at) {
        return new LiveStatus(instanceId, strategy, venue, symbol, State.ENDED, startedAt, at, iteration, bid, ask,
                position, realizedPnl, unrealizedPnl, netPnl, fees, stillOpen, fillsToday, recentFills, lastError,
                lastErrorAt, reason, exit, remaining, history);
    }
}
