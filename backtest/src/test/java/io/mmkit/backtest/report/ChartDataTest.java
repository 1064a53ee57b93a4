package io.mmkit.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartDataTest {
    static Series flatWithOneDip(int n, int dipAt) {
        long[] t = new long[n];
        double[] mid = new double[n];
        double[] pos = new double[n];
        double[] eq = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_000_000_000L + i * 1000L;
            mid[i] = 100;
            eq[i] = i == dipAt ? -50 : 1;
            pos[i] = i == dipAt + 7 ? 9 : 0;
        }
        return new Series(t, mid, pos, eq);
    }

    @Test
    void shouldKeepEveryRowOfAShortRun() {
        assertThat(ChartData.rowsToDraw(flatWithOneDip(100, 50), 4000)).hasSize(100);
    }

    @Test
    void shouldKeepTheWorstEquityAndTheLargestInventoryWhenDownsampling() {
        Series s = flatWithOneDip(1_000_000, 777_777);

        int[] rows = ChartData.rowsToDraw(s, 4000);

        assertThat(rows.length).isLessThanOrEqualTo(4002);
        assertThat(rows).contains(0, 999_999, 777_777, 777_784);
        assertThat(rows).isSorted();
        double[] dd = ChartData.drawdown(s.pick(rows).equity());
        assertThat(Arrays.stream(dd).min().orElseThrow()).isEqualTo(-51.0);
    }

    @Test
    void shouldWriteFillsWithEveryDetailTheHoverShows() {
        Fill fill = new Fill("f-1", "o-1", "c-1", "NEXOUSDT", Side.BUY, new BigDecimal("1.214"),
                new BigDecimal("50"), new BigDecimal("0.00607"), "USDT", Liquidity.MAKER,
                Instant.parse("2024-07-23T15:40:00.125Z"));

        String json = ChartData.json(flatWithOneDip(10, 3), List.of(fill));

        assertThat(json).contains("\"t\":1721749200.125").contains("\"buy\":true").contains("\"price\":\"1.214\"")
                .contains("\"quantity\":\"50\"").contains("\"fee\":\"0.00607\"").contains("\"feeAsset\":\"USDT\"")
                .contains("\"liquidity\":\"maker\"").contains("\"drawdown\":[0,0,0,-51,");
        assertThat(json).contains("\"bid\":[null,");
        assertThat(ChartData.number(1.2140000000000002)).isEqualTo("1.214");
    }
}
