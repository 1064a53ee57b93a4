package io.mmkit.run.alerts;

import io.mmkit.core.engine.EngineObserver;
import io.mmkit.core.engine.RunResult;
import io.mmkit.core.time.TimeSource;
import java.util.List;

/**
 * Turns what the engine reports into alerts: the kill switch, N iterations failing in a row, a run that
 * ended on an unexpected error, and a shutdown that could not confirm every order cancelled (with the ids).
 * Quick and non-blocking, as {@link EngineObserver} requires: {@link Alerter#raise} only queues.
 */
public final class AlertingObserver implements EngineObserver {
    /** How the risk guard words its verdict ({@code io.mmkit.core.risk.RiskGuard}). */
    static final String KILL_SWITCH = "kill switch";

    private final Alerter alerter;
    private final String instanceId;
    private final TimeSource time;
    private final int failedIterations;

    public AlertingObserver(Alerter alerter, String instanceId, TimeSource time, int failedIterations) {
        this.alerter = alerter;
        this.instanceId = instanceId;
        this.time = time;
        this.failedIterations = failedIterations;
    }

    @Override
    public void onStopRequested(String reason, boolean failure) {
        if (reason.startsWith(KILL_SWITCH)) {
            raise(Alert.Kind.KILL_SWITCH, reason, List.of());
        }
    }

    @Override
    public void onIterationFailed(long iteration, int inARow, RuntimeException error) {
        if (inARow == failedIterations) {
            raise(Alert.Kind.FAILED_ITERATIONS, inARow + " iterations failed in a row (last at #" + iteration
                    + "): " + error, List.of());
        }
    }

    @Override
    public void onRunEnded(RunResult result) {
        if (!result.ordersMaybeRemaining().isEmpty()) {
            raise(Alert.Kind.UNCLEAN_SHUTDOWN, "stopped (" + result.stopReason() + ") but "
                    + result.ordersMaybeRemaining().size() + " order(s) may remain at the venue",
                    result.ordersMaybeRemaining());
        } else if (!result.steps().isEmpty()
                && result.steps().get(0).outcome() != RunResult.ShutdownStep.Outcome.DONE) {
            raise(Alert.Kind.UNCLEAN_SHUTDOWN, "stopped (" + result.stopReason() + ") but the venue did not confirm "
                    + "the cancels: " + result.steps().get(0).detail(), List.of());
        } else if (result.stopReason().startsWith("failure:")) {
            raise(Alert.Kind.CRASH, result.stopReason(), List.of());
        }
    }

    private void raise(Alert.Kind kind, String message, List<String> orders) {
        alerter.raise(new Alert(kind, instanceId, time.now(), message, orders));
    }
}
