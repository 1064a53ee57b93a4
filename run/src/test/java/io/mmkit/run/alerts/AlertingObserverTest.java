package io.mmkit.run.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.engine.RunResult;
import io.mmkit.core.engine.RunResult.ShutdownStep;
import io.mmkit.core.engine.RunResult.ShutdownStep.Outcome;
import io.mmkit.core.time.SimulatedTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which engine events become alerts, and which do not. */
class AlertingObserverTest {
    private final List<Alert> sent = new CopyOnWriteArrayList<>();
    private final AlertSink recording = new AlertSink() {
        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void send(Alert alert) {
            sent.add(alert);
        }
    };
    private final SimulatedTimeSource time = new SimulatedTimeSource(Instant.parse("2026-12-02T06:00:00Z"));

    private List<Alert> observe(java.util.function.Consumer<AlertingObserver> events) {
        try (Alerter alerter = Alerter.of(List.of(recording), List.of(), Duration.ofSeconds(10))) {
            events.accept(new AlertingObserver(alerter, "grid-1", time, 3));
        }
        return sent;
    }

    private static RunResult result(String reason, List<String> remaining, Outcome cancel) {
        return new RunResult(remaining.isEmpty() && cancel == Outcome.DONE, reason, remaining,
                List.of(new ShutdownStep("cancel all orders", cancel, Duration.ofMillis(5), "2 round(s)")),
                Duration.ofMillis(9));
    }

    @Test
    void shouldAlertOnTheKillSwitchButNotOnAnOrdinaryStop() {
        List<Alert> alerts = observe(o -> {
            o.onStopRequested("stop requested", false);
            o.onStopRequested("duration reached", false);
            o.onStopRequested("kill switch: drawdown 12 from peak equity 3 exceeds max_drawdown 10", true);
            o.onRunEnded(result("kill switch: drawdown 12", List.of(), Outcome.DONE));
        });
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.KILL_SWITCH);
            assertThat(a.instanceId()).isEqualTo("grid-1");
            assertThat(a.at()).isEqualTo(time.now());
            assertThat(a.message()).contains("max_drawdown 10");
        });
    }

    @Test
    void shouldAlertOnceWhenIterationsFailTheConfiguredNumberOfTimesInARow() {
        List<Alert> alerts = observe(o -> {
            for (int i = 1; i <= 5; i++) {
                o.onIterationFailed(10 + i, i, new IllegalStateException("venue unreachable"));
            }
        });
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.FAILED_ITERATIONS);
            assertThat(a.message()).startsWith("3 iterations failed in a row (last at #13)").contains("venue unreachable");
        });
    }

    @Test
    void shouldNameTheOrdersThatMayRemainAfterAnUncleanShutdown() {
        List<Alert> alerts = observe(o -> o.onRunEnded(result("stop requested", List.of("7340033"), Outcome.FAILED)));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.UNCLEAN_SHUTDOWN);
            assertThat(a.orderIds()).containsExactly("7340033");
            assertThat(a.text()).contains("orders that may remain: 7340033");
        });
    }

    @Test
    void shouldAlertWhenTheVenueNeverConfirmedTheCancelsEvenWithNoIdKnown() {
        List<Alert> alerts = observe(o -> o.onRunEnded(result("stop requested", List.of(), Outcome.TIMED_OUT)));
        assertThat(alerts).extracting(Alert::kind).containsExactly(Alert.Kind.UNCLEAN_SHUTDOWN);
    }

    @Test
    void shouldAlertOnARunThatEndedOnAnUnexpectedErrorAndStayQuietAfterACleanOne() {
        assertThat(observe(o -> o.onRunEnded(result("stop requested", List.of(), Outcome.DONE)))).isEmpty();
        List<Alert> alerts = observe(o -> o.onRunEnded(result("failure: java.lang.NullPointerException", List.of(),
                Outcome.DONE)));
        assertThat(alerts).extracting(Alert::kind).containsExactly(Alert.Kind.CRASH);
    }
}
