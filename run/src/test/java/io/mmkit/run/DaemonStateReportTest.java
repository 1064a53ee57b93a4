package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.run.DaemonState.Outcome;
import io.mmkit.run.DaemonState.Phase;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code daemon status} makes of the supervisor's record and of which processes still live. */
class DaemonStateReportTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path dir;

    private static DaemonState base() {
        return DaemonState.empty().with(DaemonState.SUPERVISOR_PID, 11).with(DaemonState.BOT_PID, 22)
                .with(DaemonState.RUN, 3).with(DaemonState.RUN_STARTED, T0).with(DaemonState.RESTARTS, 2)
                .with(DaemonState.POLICY, "no").with(DaemonState.RUN_LOG, "/h/x/run-0003.log");
    }

    @Test
    void shouldSurviveAWriteAndRead() throws Exception {
        DaemonState s = base().with(DaemonState.PHASE, Phase.RUNNING).with(DaemonState.LAST_ERROR, "a = b: c\nd");
        s.write(dir.resolve("state.properties"));

        DaemonState read = DaemonState.read(dir.resolve("state.properties")).orElseThrow();

        assertThat(read.phase()).isEqualTo(Phase.RUNNING);
        assertThat(read.number(DaemonState.BOT_PID)).isEqualTo(22);
        assertThat(read.text(DaemonState.LAST_ERROR, "")).isEqualTo("a = b: c\nd");
        assertThat(read.instant(DaemonState.RUN_STARTED)).contains(T0);
    }

    @Test
    void shouldSayRunningWithUptimeAndExitZero() {
        InstanceReport r = InstanceReport.of(base().with(DaemonState.PHASE, Phase.RUNNING)
                .with(DaemonState.LAST_OUTCOME, Outcome.CRASHED).with(DaemonState.LAST_EXIT_CODE, 137), true, true,
                T0.plusSeconds(3723));

        assertThat(r.exitCode()).isZero();
        assertThat(r.word()).isEqualTo("running");
        assertThat(r.detail()).contains("bot pid 22, up 1h02m03s, run 3, restarts 2")
                .contains("last run crashed (exit code 137 = killed by signal 9)");
    }

    @Test
    void shouldSayCrashedWhenTheSupervisorVanishedWithoutARecord() {
        InstanceReport r = InstanceReport.of(base().with(DaemonState.PHASE, Phase.RUNNING), false, false, T0);

        assertThat(r.word()).isEqualTo("crashed");
        assertThat(r.exitCode()).isEqualTo(InstanceReport.TROUBLE);
    }

    @Test
    void shouldTellStoppedCleanFromOrdersMayRemainFromCrashed() {
        DaemonState ended = base().with(DaemonState.PHASE, Phase.ENDED).with(DaemonState.LAST_ENDED, T0.plusSeconds(90));

        InstanceReport clean = InstanceReport.of(ended.with(DaemonState.LAST_OUTCOME, Outcome.CLEAN)
                .with(DaemonState.LAST_EXIT_LINE, "[x] exit status 0: stop requested"), false, false, T0.plusSeconds(100));
        InstanceReport remain = InstanceReport.of(ended.with(DaemonState.LAST_OUTCOME, Outcome.ORDERS_MAY_REMAIN)
                .with(DaemonState.LAST_EXIT_LINE, "[x] exit status 1: cancel failed")
                .with(DaemonState.SWEEP_EXIT, 1).with(DaemonState.SWEEP, "exit 1 (orders may remain)"), false, false, T0);
        InstanceReport crashed = InstanceReport.of(ended.with(DaemonState.LAST_OUTCOME, Outcome.CRASHED)
                .with(DaemonState.LAST_EXIT_CODE, 134), false, false, T0);
        InstanceReport killedSwept = InstanceReport.of(ended.with(DaemonState.LAST_OUTCOME, Outcome.KILLED)
                .with(DaemonState.SWEEP_EXIT, 0), false, false, T0);

        assertThat(clean.word()).isEqualTo("stopped clean");
        assertThat(clean.detail()).contains("exit status 0").contains("ran 1m30s, ended 10s ago");
        assertThat(clean.exitCode()).isEqualTo(InstanceReport.NOT_RUNNING);
        assertThat(remain.word()).isEqualTo("stopped, orders may remain");
        assertThat(remain.exitCode()).isEqualTo(InstanceReport.TROUBLE);
        assertThat(crashed.word()).isEqualTo("crashed");
        assertThat(crashed.detail()).contains("pid gone, no exit line (exit code 134 = killed by signal 6)");
        assertThat(crashed.exitCode()).isEqualTo(InstanceReport.TROUBLE);
        assertThat(killedSwept.word()).isEqualTo("stopped (killed, swept)");
        assertThat(killedSwept.exitCode()).isEqualTo(InstanceReport.NOT_RUNNING);
    }
}
