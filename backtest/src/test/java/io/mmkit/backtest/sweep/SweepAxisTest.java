package io.mmkit.backtest.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SweepAxisTest {
    @Test
    void shouldReadABareKeyAsAStrategyParameter() {
        assertThat(SweepAxis.parse("grid_num=8:24:8").key()).isEqualTo("strategy.grid_num");
        assertThat(SweepAxis.parse("backtest.fill_model=touch,queue").key()).isEqualTo("backtest.fill_model");
    }

    @Test
    void shouldExpandAnInclusiveRangeAndAList() {
        assertThat(SweepAxis.parse("x=1:2:0.5").values()).usingElementComparator((a, b) ->
                new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())))
                .containsExactly(new BigDecimal("1"), new BigDecimal("1.5"), new BigDecimal("2"));
        assertThat(SweepAxis.parse("m=touch,queue").values()).containsExactly("touch", "queue");
    }

    @Test
    void shouldRefuseAMalformedSweep() {
        assertThatThrownBy(() -> SweepAxis.parse("grid_num")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SweepAxis.parse("x=3:1:1")).hasMessageContaining("from <= to");
    }
}
