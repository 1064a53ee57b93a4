package io.mmkit.strategies.support.quoting;

import io.mmkit.core.config.StrategyParams;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional {@code quoting} object of a maker's strategy section: the shared quoting features.
 *
 * <pre>
 * "quoting": {
 *   "level_size_step": "0.05",               each further level this much larger (base units)
 *   "order_refresh_time": "30s",             hold resting quotes this long between requotes
 *   "max_order_age": "30m",                  replace an order this old even if its price still fits
 *   "filled_order_delay": "60s",             after a fill, place nothing new for this long
 *   "hanging_orders": true,                  leave the other side resting when one side fills ...
 *   "hanging_orders_cancel_percentage": "1", ... until the mid is this many percent away from it
 *   "price_ceiling": "110",                  mid at or above: asks only
 *   "price_floor": "90",                     mid at or below: bids only
 *   "price_band_percentage": "2",            a moving ceiling/floor this many percent around a reference mid ...
 *   "price_band_refresh_time": "1h",         ... taken again this often
 *   "ping_pong": true                        after a filled bid only asks until an ask fills, and back
 * }
 * </pre>
 *
 * Every key is optional; none means the maker quotes as without the section. Features apply in the order of
 * {@link Quoting}.
 */
public record QuotingParams(
        BigDecimal levelSizeStep,
        Duration orderRefreshTime,
        Duration maxOrderAge,
        Duration filledOrderDelay,
        boolean hangingOrders,
        BigDecimal hangingCancelPercentage,
        BigDecimal priceCeiling,
        BigDecimal priceFloor,
        BigDecimal priceBandPercentage,
        Duration priceBandRefreshTime,
        boolean pingPong) {

    public static final QuotingParams NONE = new QuotingParams(null, null, null, null, false, null, null, null,
            null, null, false);

    /** Reads {@code quoting} from a strategy section; {@link #NONE} when it is absent. */
    public static QuotingParams read(StrategyParams strategy) {
        if (!strategy.has("quoting")) {
            return NONE;
        }
        StrategyParams q = strategy.section("quoting")
                .orElseThrow(() -> strategy.invalid("quoting", "must be an object"));
        BigDecimal sizeStep = q.optionalPositiveDecimal("level_size_step").orElse(null);
        Duration refresh = positive(q, "order_refresh_time");
        Duration maxAge = positive(q, "max_order_age");
        Duration delay = positive(q, "filled_order_delay");
        boolean hanging = q.bool("hanging_orders", false);
        BigDecimal hangingCancel = q.optionalPositiveDecimal("hanging_orders_cancel_percentage").orElse(null);
        if (hangingCancel != null && !hanging) {
            throw q.invalid("hanging_orders_cancel_percentage", "needs hanging_orders: true");
        }
        if (hanging && hangingCancel == null) {
            hangingCancel = BigDecimal.TEN; // Hummingbot's default: 10 %
        }
        BigDecimal ceiling = q.optionalPositiveDecimal("price_ceiling").orElse(null);
        BigDecimal floor = q.optionalPositiveDecimal("price_floor").orElse(null);
        if (ceiling != null && floor != null && floor.compareTo(ceiling) >= 0) {
            throw q.invalid("price_floor", "must be below price_ceiling (" + ceiling.toPlainString() + "), was "
                    + floor.toPlainString());
        }
        BigDecimal band = q.optionalPositiveDecimal("price_band_percentage").orElse(null);
        if (band != null && band.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw q.invalid("price_band_percentage", "must be below 100 (it is a percentage), was "
                    + band.toPlainString());
        }
        Duration bandRefresh = positive(q, "price_band_refresh_time");
        if (bandRefresh != null && band == null) {
            throw q.invalid("price_band_refresh_time", "needs price_band_percentage");
        }
        if (band != null && bandRefresh == null) {
            bandRefresh = Duration.ofDays(1);
        }
        if (maxAge != null && refresh != null && maxAge.compareTo(refresh) < 0) {
            throw q.invalid("max_order_age", "must be at least order_refresh_time");
        }
        boolean pingPong = q.bool("ping_pong", false);
        q.requireAllRead();
        return new QuotingParams(sizeStep, refresh, maxAge, delay, hanging, hangingCancel, ceiling, floor, band,
                bandRefresh, pingPong);
    }

    private static Duration positive(StrategyParams s, String key) {
        Duration d = s.duration(key, null);
        if (d != null && (d.isZero() || d.isNegative())) {
            throw s.invalid(key, "must be positive");
        }
        return d;
    }

    /** A fresh, stateful set of features for one strategy instance. */
    public Quoting create() {
        List<QuotingFeature> features = new ArrayList<>();
        if (levelSizeStep != null) {
            features.add(new LevelSizeStep(levelSizeStep));
        }
        if (priceCeiling != null || priceFloor != null || priceBandPercentage != null) {
            features.add(new PriceBand(priceCeiling, priceFloor, priceBandPercentage, priceBandRefreshTime));
        }
        if (pingPong) {
            features.add(new PingPong());
        }
        if (hangingOrders) {
            features.add(new HangingOrders(hangingCancelPercentage));
        }
        if (filledOrderDelay != null) {
            features.add(new FilledOrderDelay(filledOrderDelay));
        }
        if (orderRefreshTime != null || maxOrderAge != null) {
            features.add(new OrderRefresh(orderRefreshTime, maxOrderAge));
        }
        return new Quoting(features);
    }
}
