package io.mmkit.exchange.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvExpanderTest {
    private final EnvExpander env = new EnvExpander(Map.of("KEY", "abc", "EMPTY", ""));

    @Test
    void shouldExpandSetVariablesAndDefaults() {
        assertThat(env.expand("k", "${KEY}")).isEqualTo("abc");
        assertThat(env.expand("k", "pre-${KEY}-${MISSING:-dflt}")).isEqualTo("pre-abc-dflt");
        assertThat(env.expand("k", "${EMPTY:-dflt}")).isEqualTo("dflt");
        assertThat(env.expand("k", "${MISSING:-}")).isEmpty();
        assertThat(env.expand("k", "no refs $ here")).isEqualTo("no refs $ here");
    }

    @Test
    void shouldNameTheKeyAndVariableWhenUnset() {
        assertThatThrownBy(() -> env.expand("exchange.api_key", "${API_KEY}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("exchange.api_key: environment variable API_KEY is not set");
    }

    @Test
    void shouldNotReexpandValuesThatLookLikeReferences() {
        EnvExpander tricky = new EnvExpander(Map.of("A", "${B}", "B", "secret"));
        assertThat(tricky.expand("k", "${A}")).isEqualTo("${B}");
    }
}
