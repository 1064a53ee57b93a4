package io.mmkit.strategies.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class GridLadderTest {
    private static final BigDecimal TICK = new BigDecimal("0.01");

    @Test
    void shouldSpaceArithmeticLevelsByEqualGaps() {
        GridLadder ladder = GridLadder.of(GridLadder.Mode.ARITHMETIC, new BigDecimal("90"), new BigDecimal("110"), 5,
                TICK);
        assertThat(ladder.levels()).extracting(BigDecimal::toPlainString).containsExactly("90", "95", "100", "105", "110");
    }

    @Test
    void shouldSpaceGeometricLevelsByEqualRatiosRoundedToTheTick() {
        GridLadder ladder = GridLadder.of(GridLadder.Mode.GEOMETRIC, new BigDecimal("100"), new BigDecimal("400"), 3,
                TICK);
        assertThat(ladder.levels()).extracting(BigDecimal::toPlainString).containsExactly("100", "200", "400");
        GridLadder fine = GridLadder.of(GridLadder.Mode.GEOMETRIC, new BigDecimal("100"), new BigDecimal("110"), 4,
                TICK);
        // ratio 1.1^(1/3) = 1.032280115...
        assertThat(fine.levels()).extracting(BigDecimal::toPlainString).containsExactly("100", "103.23", "106.56", "110");
    }

    @Test
    void shouldRefuseLevelsThatCollapseOntoOneTick() {
        assertThatThrownBy(() -> GridLadder.of(GridLadder.Mode.ARITHMETIC, new BigDecimal("100"),
                new BigDecimal("100.02"), 5, TICK)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must rise");
    }

    @Test
    void shouldFindTheNearestLevel() {
        GridLadder ladder = GridLadder.of(GridLadder.Mode.ARITHMETIC, new BigDecimal("90"), new BigDecimal("110"), 5,
                TICK);
        assertThat(ladder.nearestIndex(new BigDecimal("96.2"))).isEqualTo(1);
        assertThat(ladder.nearestIndex(new BigDecimal("94.99"))).isEqualTo(1);
        assertThat(ladder.nearestIndex(new BigDecimal("200"))).isEqualTo(4);
    }
}
