package io.mmkit.core.risk;

import io.mmkit.core.config.StrategyParams;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits every strategy honours, read from the {@code risk} object nested in its config section:
 *
 * <pre>
 * "risk": {
 *   "max_position": "0.5",            base units, |position| after every resting order on a side fills
 *   "max_order_notional": "1000",     quote units per order; larger quotes are cut down
 *   "min_spread_percentage": "0.05",  full spread, percent of mid: no quote closer than half of it to the mid
 *   "max_drawdown": "50",             quote units below the peak of net PnL that trip the kill switch
 *   "on_drawdown": "stop",            stop (cancel everything, end the run, exit non-zero) or pause
 *   "pause_duration": "15m"           with pause: how long quoting stays off before it resumes
 * }
 * </pre>
 *
 * Every key is optional; a missing key means no limit of that kind.
 *
 * @param maxPosition {@code null} for no limit
 * @param maxOrderNotional {@code null} for no limit
 * @param minSpreadPercentage zero for no limit
 * @param maxDrawdown {@code null} for no kill switch
 */
public record RiskLimits(
        BigDecimal maxPosition,
        BigDecimal maxOrderNotional,
        BigDecimal minSpreadPercentage,
        BigDecimal maxDrawdown,
        DrawdownAction onDrawdown,
        Duration pauseDuration) {

    /** What the kill switch does when drawdown passes {@code max_drawdown}. */
    public enum DrawdownAction {
        /** Cancel every order and end the run as failed. */
        STOP,
        /** Cancel every order and quote nothing for {@code pause_duration}, then resume from a new peak. */
        PAUSE
    }

    public static final RiskLimits NONE = new RiskLimits(null, null, BigDecimal.ZERO, null, DrawdownAction.STOP,
            Duration.ofMinutes(15));

    /** Only a position cap: what a perpetual strategy's own {@code max_position} imposes on its quotes. */
    public static RiskLimits maxPositionOnly(BigDecimal maxPosition) {
        return new RiskLimits(maxPosition, null, BigDecimal.ZERO, null, DrawdownAction.STOP, NONE.pauseDuration());
    }

    public RiskLimits {
        Objects.requireNonNull(minSpreadPercentage, "minSpreadPercentage");
        Objects.requireNonNull(onDrawdown, "onDrawdown");
        Objects.requireNonNull(pauseDuration, "pauseDuration");
    }

    /**
     * Reads the optional {@code risk} object of a strategy section. Pure; rejects unknown keys inside it.
     *
     * @throws io.mmkit.core.config.ConfigException naming e.g. {@code strategy.risk.max_drawdown}
     */
    public static RiskLimits read(StrategyParams strategy) {
        Optional<StrategyParams> section = strategy.section("risk");
        if (section.isEmpty()) {
            return NONE;
        }
        StrategyParams risk = section.get();
        BigDecimal maxPosition = risk.optionalPositiveDecimal("max_position").orElse(null);
        BigDecimal maxNotional = risk.optionalPositiveDecimal("max_order_notional").orElse(null);
        BigDecimal minSpread = risk.decimal("min_spread_percentage", BigDecimal.ZERO);
        if (minSpread.signum() < 0) {
            throw risk.invalid("min_spread_percentage", "must not be negative, was " + minSpread.toPlainString());
        }
        BigDecimal maxDrawdown = risk.optionalPositiveDecimal("max_drawdown").orElse(null);
        DrawdownAction action = risk.enumValue("on_drawdown", DrawdownAction.class, DrawdownAction.STOP);
        Duration pause = risk.duration("pause_duration", Duration.ofMinutes(15));
        if (pause.isNegative() || pause.isZero()) {
            throw risk.invalid("pause_duration", "must be positive");
        }
        risk.requireAllRead();
        return new RiskLimits(maxPosition, maxNotional, minSpread, maxDrawdown, action, pause);
    }
}
