package io.mmkit.run.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointSettingsTest {
    private static EndpointSettings read(Map<String, Object> section) {
        return EndpointSettings.read(new StrategyParams("http", section));
    }

    @Test
    void shouldDefaultToAnEphemeralLoopbackPort() {
        EndpointSettings none = read(Map.of());
        assertThat(none).isEqualTo(EndpointSettings.defaults());
        assertThat(none.bind()).isEqualTo("127.0.0.1");
        assertThat(none.port()).isZero();
        assertThat(none.enabled()).isTrue();
        assertThat(none.loopbackOnly()).isTrue();
    }

    @Test
    void shouldReadTheAgreedKeys() {
        EndpointSettings s = read(Map.of("port", 9464, "bind", "0.0.0.0", "liveness_intervals", 3));
        assertThat(s.port()).isEqualTo(9464);
        assertThat(s.bind()).isEqualTo("0.0.0.0");
        assertThat(s.livenessIntervals()).isEqualTo(3);
        assertThat(s.loopbackOnly()).isFalse();
        assertThat(read(Map.of("enabled", false)).enabled()).isFalse();
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> read(Map.of("port", 70000))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port").hasMessageContaining("70000");
        assertThatThrownBy(() -> read(Map.of("port", -1))).hasMessageContaining("http.port");
        assertThatThrownBy(() -> read(Map.of("bind", "127.0.0.1/8"))).hasMessageContaining("http.bind");
        assertThatThrownBy(() -> read(Map.of("liveness_intervals", 0))).hasMessageContaining("http.liveness_intervals");
        assertThatThrownBy(() -> read(Map.of("prot", 8080))).hasMessageContaining("http.prot");
    }
}
