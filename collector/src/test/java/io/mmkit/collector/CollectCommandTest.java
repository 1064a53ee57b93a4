package io.mmkit.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.config.ConfigException;
import io.mmkit.exchange.binance.BinanceMarket;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code run collect}'s options and config: what they set and how they fail. No network. */
class CollectCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CollectCommand command() {
        return new CollectCommand(Map.of(), false, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private CollectorSettings parse(String... args) {
        CollectCommand c = command();
        new CommandLine(c).parseArgs(args);
        return c.settings();
    }

    @Test
    void shouldCollectBinanceSpotFromTheCommandLineWithDefaults() {
        CollectorSettings s = parse("--symbol", "btcusdt");

        assertThat(s.symbol()).isEqualTo("BTCUSDT");
        assertThat(s.market()).isEqualTo(BinanceMarket.SPOT);
        assertThat(s.db()).isEqualTo(Path.of("data", "btcusdt.db"));
        assertThat(s.baseUrl()).isEqualTo("https://api.binance.com");
        assertThat(s.duration()).isNull();
        assertThat(s.shutdown().cancelTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void shouldTakeThePerpetualMarketAndTheOverrides() {
        CollectorSettings s = parse("--symbol", "ETHUSDT", "--market", "perpetual", "--db", "x.db", "--duration",
                "90s", "--base-url", "http://127.0.0.1:1/", "--ws-url", "ws://127.0.0.1:2");

        assertThat(s.market()).isEqualTo(BinanceMarket.FUTURES);
        assertThat(s.db()).isEqualTo(Path.of("x.db"));
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.baseUrl()).isEqualTo("http://127.0.0.1:1");
        assertThat(s.wsUrl()).isEqualTo("ws://127.0.0.1:2");
    }

    @Test
    void shouldReadTheCollectorAndShutdownSectionsOfAConfigFile() throws Exception {
        Path config = dir.resolve("collect.json");
        Files.writeString(config, """
                {"symbol": "BTCUSDT", "strategy": {"ignored": true},
                 "exchange": {"name": "binance", "market": "perp", "api_key_env": "NOT_NEEDED"},
                 "collector": {"db": "out/btc.db", "snapshot_interval": "30s", "snapshot_depth": 500,
                               "depth_band_bps": 25, "flush_interval": "250ms", "flush_batch": 200,
                               "minute_grace": "1s", "duration": "1h"},
                 "shutdown": {"cancel_timeout": "3s", "save_timeout": "2s", "close_timeout": "1s"}}
                """);

        CollectorSettings s = parse("--config", config.toString());

        assertThat(s.market()).isEqualTo(BinanceMarket.FUTURES);
        assertThat(s.db()).isEqualTo(dir.toAbsolutePath().resolve("out/btc.db"));
        assertThat(s.snapshotInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.snapshotDepth()).isEqualTo(500);
        assertThat(s.depthBandBps()).isEqualTo(25);
        assertThat(s.flushInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.flushBatch()).isEqualTo(200);
        assertThat(s.duration()).isEqualTo(Duration.ofHours(1));
        assertThat(s.shutdown().cancelTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.shutdown().saveTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.shutdown().closeTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldRefuseAnotherVenueAndAMisspeltCollectorKey() throws Exception {
        Path kraken = dir.resolve("kraken.json");
        Files.writeString(kraken, "{\"symbol\": \"XBTUSD\", \"exchange\": {\"name\": \"kraken\"}}");
        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"symbol\": \"BTCUSDT\", \"collector\": {\"snapshot_intervall\": \"5s\"}}");

        assertThatThrownBy(() -> parse("--config", kraken.toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("exchange.name").hasMessageContaining("binance or backpack, was \"kraken\"");
        assertThatThrownBy(() -> parse("--config", typo.toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("collector.snapshot_intervall");
    }

    @Test
    void shouldCollectBackpackFromABotConfigOrTheCommandLine() throws Exception {
        Path backpack = dir.resolve("bp.json");
        Files.writeString(backpack, "{\"symbol\": \"SOL_USDC_PERP\", \"exchange\": {\"name\": \"backpack\","
                + " \"market\": \"perpetual\", \"api_key\": \"k\"}, \"collector\": {\"max_failed_connects\": 4}}");

        CollectorSettings fromConfig = parse("--config", backpack.toString());
        CollectorSettings fromFlags = parse("--venue", "backpack", "--symbol", "sol_usdc");

        assertThat(fromConfig.venue()).isEqualTo(CollectorSettings.Venue.BACKPACK);
        assertThat(fromConfig.marketLabel()).isEqualTo("perpetual");
        assertThat(fromConfig.failedConnectLimit()).isEqualTo(4);
        assertThat(fromConfig.baseUrl()).isEqualTo("https://api.backpack.exchange");
        assertThat(fromFlags.symbol()).isEqualTo("SOL_USDC");
        assertThat(fromFlags.wsUrl()).isEqualTo("wss://ws.backpack.exchange");
        assertThat(fromFlags.failedConnectLimit()).isEqualTo(CollectorSettings.DEFAULT_FAILED_CONNECT_LIMIT);
        assertThatThrownBy(() -> parse("--venue", "backpack", "--symbol", "SOL_USDC", "--market", "spot"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Backpack's symbol says the market");
    }

    @Test
    void shouldExitWithStatusTwoWithoutASymbolOrConfig() {
        int status = new CommandLine(command()).execute();

        assertThat(status).isEqualTo(CollectCommand.CONFIG_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--symbol");
    }
}
