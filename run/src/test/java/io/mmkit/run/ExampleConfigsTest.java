package io.mmkit.run;

import io.mmkit.core.spi.StrategyCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every example config in {@code config/} passes validation for the strategy it is written for. */
class ExampleConfigsTest {
    private static final Path CONFIG = Path.of(System.getProperty("mmkit.root", "..")).resolve("config");
    // RFC 8032 vector 1 stands in for real Backpack keys; any text does for Binance's HMAC secret.
    private static final Map<String, String> ENV = Map.of(
            "BACKPACK_API_KEY", "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "BACKPACK_SECRET_KEY", "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=",
            "BINANCE_API_KEY", "example-key", "BINANCE_SECRET_KEY", "example-secret",
            // Aster v3's documented demonstration account and API wallet.
            "ASTER_USER", "0x63DD5aCC6b1aa0f563956C0e534DD30B6dcF7C4e",
            "ASTER_SIGNER_KEY", "0x4fd0a42218f3eae43a6ce26d22544e986139a01e5b34a62db53757ffca81bae1",
            // The Hyperliquid Python SDK's test key stands in for an API wallet; any address for the account.
            "HYPERLIQUID_ACCOUNT_ADDRESS", "0x5e9ee1089755c3435139848e47e6635505d5a13a",
            "HYPERLIQUID_API_WALLET_KEY", "0x0123456789012345678901234567890123456789012345678901234567890123");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(CONFIG)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(json).hasSizeGreaterThanOrEqualTo(8);
            return json.stream();
        }
    }

    /** The strategy a file is for: its name without a venue prefix or a demo marker. */
    static String strategyOf(Path file) {
        String name = file.getFileName().toString().replace(".json", "");
        return switch (name) {
            case "demo-grid", "backtest-demo", "backtest-nexo-hftbacktest", "backpack-grid",
                 "paper-grid-binance", "paper-grid-backpack" -> "grid";
            case "paper-hedge-backpack-binance" -> "maker_taker_hedge";
            case "binance-perp-mm" -> "perp_market_maker";
            case "aster-perp-grid" -> "perp_grid";
            case "hyperliquid-perp-grid" -> "perp_grid";
            case "backtest-avellaneda_stoikov" -> "avellaneda_stoikov";
            case "backtest-imbalance_maker" -> "imbalance_maker";
            case "backtest-standard-quoting" -> "standard";
            default -> name;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void shouldPassValidation(Path file) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = RunCommand.commandLine(new RunCommand(ENV, StrategyCatalog.load()));
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        String[] args = file.getFileName().toString().startsWith("backtest")
                ? new String[] {"backtest", "--strategy", strategyOf(file), "--config", file.toString(), "--check"}
                : new String[] {"--strategy", strategyOf(file), "--config", file.toString(), "--check"};

        int status = cl.execute(args);

        assertThat(status).as(err.toString()).isZero();
    }
}
