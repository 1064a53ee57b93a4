package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DaemonRestartPolicyTest {

    @Test
    void shouldAllowRestartsUpToTheBudgetWithADoublingBackoff() {
        RestartPolicy p = RestartPolicy.parse("on-failure", 3, "2s");

        assertThat(p.allowsAnother(0)).isTrue();
        assertThat(p.allowsAnother(2)).isTrue();
        assertThat(p.allowsAnother(3)).isFalse();
        assertThat(p.delayBefore(0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delayBefore(1)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.delayBefore(2)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.delayBefore(30)).isEqualTo(RestartPolicy.MAX_BACKOFF);
    }

    @Test
    void shouldNeverRestartUnderNo() {
        assertThat(RestartPolicy.parse("no", 3, "2s").allowsAnother(0)).isFalse();
        assertThat(RestartPolicy.parse("on-failure", 0, "2s").allowsAnother(0)).isFalse();
    }

    @Test
    void shouldNameTheBadFlag() {
        assertThatThrownBy(() -> RestartPolicy.parse("always", 3, "2s")).isInstanceOf(ConfigException.class)
                .hasMessage("--restart: use no or on-failure, was \"always\"");
        assertThatThrownBy(() -> RestartPolicy.parse("on-failure", -1, "2s")).hasMessage(
                "--max-restarts: must not be negative, was -1");
        assertThatThrownBy(() -> RestartPolicy.parse("on-failure", 3, "soon")).hasMessageStartingWith(
                "--restart-backoff: not a duration");
        assertThatThrownBy(() -> RestartPolicy.parse("on-failure", 3, "0s")).hasMessage(
                "--restart-backoff: must be positive");
    }
}
