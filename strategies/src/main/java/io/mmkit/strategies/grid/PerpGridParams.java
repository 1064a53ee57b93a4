package io.mmkit.strategies.grid;

import io.mmkit.core.config.StrategyParams;
import java.math.BigDecimal;

/**
 * The {@code perp_grid}'s keys: the {@link GridParams} keys, {@code risk}, and
 *
 * <pre>
 * grid_type                       neutral (buys below and sells above, default), long (buys only open),
 *                                 short (sells only open); closing orders are reduce-only
 * max_position                    cap on |position| even if every opening order fills (optional)
 * boundary_action                 when the mid leaves the range by more than the tolerance:
 *                                 emergency_close  close the position at market (reduce-only) and stop
 *                                 adjust_range     rebuild the ladder, same width, centred on the mid; keep going
 *                                 stop_only        cancel the grid and stop, leaving the position open (default)
 * boundary_tolerance_percentage   how far beyond a bound, in percent of it, before acting (default 1)
 * leverage                        set on the venue at start (optional)
 * </pre>
 *
 * @param maxPosition {@code null} for no cap beyond the {@code risk} section's
 * @param leverage {@code null} to leave the venue's setting alone
 */
public record PerpGridParams(GridParams grid, Direction direction, BigDecimal maxPosition, BoundaryAction action,
                             BigDecimal tolerancePercentage, Integer leverage) {

    /** Which orders open positions. */
    public enum Direction {
        NEUTRAL,
        LONG,
        SHORT
    }

    /** What happens when the price leaves the range. */
    public enum BoundaryAction {
        EMERGENCY_CLOSE,
        ADJUST_RANGE,
        STOP_ONLY
    }

    public static PerpGridParams read(StrategyParams p) {
        GridParams grid = GridParams.read(p);
        Direction direction = p.enumValue("grid_type", Direction.class, Direction.NEUTRAL);
        BigDecimal maxPosition = p.optionalPositiveDecimal("max_position").orElse(null);
        BoundaryAction action = p.enumValue("boundary_action", BoundaryAction.class, BoundaryAction.STOP_ONLY);
        BigDecimal tolerance = p.decimal("boundary_tolerance_percentage", BigDecimal.ONE);
        if (tolerance.signum() < 0 || tolerance.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw p.invalid("boundary_tolerance_percentage", "must be 0..100, was " + tolerance.toPlainString());
        }
        Integer leverage = p.optionalInteger("leverage").orElse(null);
        if (leverage != null && (leverage < 1 || leverage > 125)) {
            throw p.invalid("leverage", "must be 1..125, was " + leverage);
        }
        return new PerpGridParams(grid, direction, maxPosition, action, tolerance, leverage);
    }
}
