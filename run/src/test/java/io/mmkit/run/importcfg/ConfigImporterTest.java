package io.mmkit.run.importcfg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conversions, key by key, from the Python bot's web-console JSON and flags. */
class ConfigImporterTest {
    private static final Path EXAMPLES = Path.of("src/test/resources/python-bot");
    private final ConfigImporter importer = new ConfigImporter(name -> name.equals("backpack"));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> strategyOf(ConfigImporter.Imported imported) {
        return (Map<String, Object>) imported.config().get("strategy");
    }

    @SuppressWarnings("unchecked")
    private static PythonBotSettings web(String file) throws Exception {
        return PythonBotSettings.fromWebJson(new ObjectMapper().readValue(EXAMPLES.resolve(file).toFile(), Map.class));
    }

    @Test
    void shouldConvertThePerpMakersSkewTargetAndStopLoss() throws Exception {
        ConfigImporter.Imported imported = importer.convert(web("web-console-perp.json"),
                ConfigImporter.Options.DEFAULTS);

        assertThat(imported.strategy()).isEqualTo("perp_market_maker");
        assertThat(strategyOf(imported)).containsAllEntriesOf(Map.of(
                "base_spread_percentage", "0.2", "order_quantity", "0.5", "max_orders", 1,
                "inventory_skew", "0.002", "inventory_skew_basis", "price",    // a share of the price, as Python
                "target_position", "0", "max_position", "1", "position_threshold", "1",
                "close_excess_above", "0.3",                                   // |0.2| + 0.1, below max 1
                "stop_loss", "10"));                                           // -10 -> 10
        assertThat(strategyOf(imported)).containsEntry("take_profit", "20");
        assertThat(imported.config()).containsEntry("duration", "2h").containsEntry("interval", "10s");
        assertThat(imported.notes()).anySatisfy(n -> assertThat(n).startsWith("stop_loss -10: the Python bot uses"));
    }

    @Test
    void shouldCapTheCloseLineAtMaxPositionAndClampTheSkew() {
        PythonBotSettings py = PythonBotSettings.fromFlags(List.of("--market-type", "perp", "--symbol", "BTC_USDC_PERP",
                "--spread", "0.1", "--quantity", "0.01", "--target-position", "-0.8", "--position-threshold", "0.5",
                "--max-position", "1", "--inventory-skew", "1.5"));

        Map<String, Object> s = strategyOf(importer.convert(py, ConfigImporter.Options.DEFAULTS));

        assertThat(s).containsEntry("close_excess_above", "1").containsEntry("inventory_skew", "1");
    }

    @Test
    void shouldCarryTheWebGridOverAndNameTheBorrowing() throws Exception {
        ConfigImporter.Imported imported = importer.convert(web("web-console-spot-grid.json"),
                ConfigImporter.Options.DEFAULTS);

        assertThat(imported.strategy()).isEqualTo("grid");
        assertThat(strategyOf(imported)).containsAllEntriesOf(Map.of("grid_lower_price", "140",
                "grid_upper_price", "160", "grid_num", 11, "grid_mode", "geometric", "order_quantity", "0.1",
                "allow_one_sided", true));
        assertThat(imported.notes()).anySatisfy(n -> assertThat(n).startsWith("auto_borrow/auto_borrow_repay"))
                .anySatisfy(n -> assertThat(n).startsWith("spread: not used by the Python grid"));
    }

    @Test
    void shouldQuoteTheSpotMakerFromTheMidAndRebalanceAsPythonDefaults() {
        PythonBotSettings py = PythonBotSettings.fromFlags(List.of("python", "run.py", "--exchange", "backpack",
                "--symbol", "SOL_USDC", "--spread", "0.5"));

        Map<String, Object> s = strategyOf(importer.convert(py, ConfigImporter.Options.DEFAULTS));

        assertThat(s).containsAllEntriesOf(Map.of("quote_reference", "mid", "max_orders", 3,
                "level_step_ticks", "1.5", "level_step_exponent", "1.5", "order_balance_percentage", "5",
                "base_asset_target_percentage", "30", "rebalance_threshold", "15"));
    }

    @Test
    void shouldNeverWriteKeysGivenOnTheCommandLine() {
        PythonBotSettings py = PythonBotSettings.fromFlags(List.of("--symbol", "SOL_USDC", "--spread", "0.5",
                "--api-key", "secret-public", "--secret-key", "very-secret"));

        ConfigImporter.Imported imported = importer.convert(py, ConfigImporter.Options.DEFAULTS);

        assertThat(imported.config().toString()).doesNotContain("secret-public").doesNotContain("very-secret");
        assertThat(imported.notes()).anySatisfy(n -> assertThat(n).startsWith("--api-key/--secret-key: not carried"));
    }

    @Test
    void shouldRefuseAnAsterConfigWhenTheBuildHasNoAsterGateway() {
        PythonBotSettings py = PythonBotSettings.fromFlags(List.of("--exchange", "aster", "--market-type", "perp",
                "--symbol", "SOLUSDT", "--spread", "0.01", "--quantity", "0.1"));

        assertThatThrownBy(() -> importer.convert(py, ConfigImporter.Options.DEFAULTS))
                .hasMessage("--exchange aster: this mmkit build has no aster gateway; give --simulated to try the "
                        + "strategy on the embedded simulated exchange");
        Map<String, Object> ex = castMap(new ConfigImporter(name -> true).convert(py, ConfigImporter.Options.DEFAULTS)
                .config().get("exchange"));
        assertThat(ex).containsEntry("name", "aster").containsEntry("api_key_env", "ASTER_API_KEY");
    }

    @Test
    void shouldSplitThePythonBotsSymbolsIntoBaseAndQuote() {
        assertThat(ConfigImporter.pair("SOL_USDC_PERP")).containsExactly("SOL", "USDC");
        assertThat(ConfigImporter.pair("BTC-USD-PERP")).containsExactly("BTC", "USD");
        assertThat(ConfigImporter.pair("SOLUSDT")).containsExactly("SOL", "USDT");
        assertThat(ConfigImporter.pair("BTC")).containsExactly("BTC", "USDC");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
