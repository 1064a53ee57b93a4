package io.mmkit.backtest;

import io.mmkit.core.spi.StrategyCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.backtest.report.BacktestResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two paths, one engine: the grid strategy on recorded NEXOUSDT data, once against the engine in process and
 * once through the real {@code BackpackGateway} (REST-only) against the engine served over HTTP by WireMock.
 * Both see their fills by polling, at the same virtual moments, so the engine receives the same calls at the
 * same times and writes the same fill log, byte for byte.
 */
class HttpPathIdentityTest {
    /** Long enough for fills both ways and a few grid round trips; short enough for a busy 2-core box. */
    static final Duration SLICE = Duration.ofMinutes(10);

    static BacktestRequest grid() throws Exception {
        BacktestConfig full = BacktestConfigReader.read(DeterminismTest.resource("grid-nexo.json"));
        BacktestConfig config = new BacktestConfig(full.instanceId(), full.strategyParams(), full.interval(),
                full.exchange(), full.sampleInterval(), full.data(), full.format(), SLICE);
        return BacktestRequest.of(config, "grid", StrategyCatalog.load().configure("grid", config.strategyParams()));
    }

    @Test
    void shouldGiveByteIdenticalFillLogsInProcessAndThroughTheRealBackpackClientOverHttp() throws Exception {
        BacktestResult inProcess = Backtests.run(grid().withFillDelivery(FillDelivery.POLLED));
        BacktestResult http = Backtests.run(grid().withPath(VenuePath.HTTP));

        assertThat(inProcess.fills()).as("a test of nothing if nothing fills").hasSizeGreaterThan(5);
        assertThat(http.fillLog()).isEqualTo(inProcess.fillLog());
        assertThat(http.metrics()).isEqualTo(inProcess.metrics());
        assertThat(http.end()).isEqualTo(inProcess.end());
        assertThat(http.venuePath()).isEqualTo("http");
        assertThat(http.clean()).as("every order cancelled through the client at the end").isTrue();
    }

    @Test
    void shouldRefuseStreamedFillsOnTheHttpPath() throws Exception {
        BacktestRequest http = grid().withPath(VenuePath.HTTP);

        assertThatThrownBy(() -> http.withFillDelivery(FillDelivery.PUSHED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only be polled");
    }
}
