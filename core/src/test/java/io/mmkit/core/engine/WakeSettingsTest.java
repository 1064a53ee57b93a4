package io.mmkit.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.time.Wakeup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WakeSettingsTest {

    private static WakeSettings read(Map<String, Object> engine) {
        StrategyParams section = new StrategyParams("engine", engine);
        WakeSettings w = WakeSettings.read(section);
        section.requireAllRead();
        return w;
    }

    @Test
    void shouldKeepTheIntervalOnlyLoopForAConfigWithoutWakeKeys() {
        WakeSettings w = read(Map.of());

        assertThat(w.eventDriven()).isFalse();
        assertThat(w.describe()).isEqualTo("interval only");
    }

    @Test
    void shouldReadFillAndBookWakeUpsWithTheirThresholds() {
        WakeSettings w = read(Map.of("wake_on", List.of("fill", "book"), "min_requote_interval", "250ms",
                "book_move_ticks", 3, "book_depth_change", "0.5"));

        assertThat(w.wakeOn()).isEqualTo(Wakeup.FILL | Wakeup.BOOK);
        assertThat(w.minRequoteInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(w.bookMoveTicks()).isEqualTo(3);
        assertThat(w.bookDepthChange()).isEqualByComparingTo("0.5");
        assertThat(w.describe()).isEqualTo("fill+book, min requote 250 ms, 3 tick(s) or touch size 0.5x");
    }

    @Test
    void shouldNameTheKeyOfABadWakeSetting() {
        assertThatThrownBy(() -> read(Map.of("wake_on", List.of("trade"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engine.wake_on")
                .hasMessageContaining("\"trade\"");
        assertThatThrownBy(() -> read(Map.of("wake_on", "fill")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> read(Map.of("book_move_ticks", 0)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engine.book_move_ticks");
        assertThatThrownBy(() -> read(Map.of("book_depth_change", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("engine.book_depth_change");
    }
}
