package io.mmkit.run;

import io.mmkit.exchange.config.ConfigFile;
import io.mmkit.core.spi.StrategyCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad config: one line naming the problem and the key, exit status 2, no DB file, nothing opened. */
class RunCommandConfigTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cl = RunCommand.commandLine(new RunCommand(Map.of("HOME_QTY", "0.5"),
                StrategyCatalog.load()));
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        return cl.execute(args);
    }

    private String validConfig() {
        return """
                {
                  "instance_id": "cfg-test",
                  "symbol": "SOL_USDC",
                  "interval": "1s",
                  "exchange": {"name": "simulated", "base": "SOL", "quote": "USDC", "tick_size": "0.01",
                               "step_size": "0.01", "start_price": "150", "balances": {"USDC": "10000", "SOL": "50"}},
                  "strategy": {"grid_upper_price": "160", "grid_lower_price": "140", "grid_num": 10,
                               "order_quantity": "${HOME_QTY}"},
                  "store": {"directory": "STORE"}
                }
                """.replace("STORE", dir.resolve("store").toString());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private void assertRejected(int status, String... fragments) {
        assertThat(status).isEqualTo(RunCommand.CONFIG_ERROR);
        String text = err.toString().strip();
        assertThat(text.lines()).hasSize(1);
        assertThat(text).startsWith("mmkit: config error: ");
        for (String f : fragments) {
            assertThat(text).contains(f);
        }
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void shouldAcceptTheValidConfigWithoutTouchingAnything() throws IOException {
        Path cfg = write("ok.json", validConfig());

        int status = run("--strategy", "grid", "--config", cfg.toString(), "--check");

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("config OK");
        assertThat(dir.resolve("store")).doesNotExist();
    }

    @Test
    void shouldNameAMissingConfigFile() {
        assertRejected(run("--strategy", "grid", "--config", dir.resolve("nope.json").toString()),
                "config file not found", "nope.json");
    }

    @Test
    void shouldPointABacktestConfigRunAsALiveOneToBacktestCheck() {
        Path backtest = Path.of(System.getProperty("mmkit.root", "..")).resolve("config").resolve("backtest-demo.json");
        assertRejected(run("--strategy", "grid", "--config", backtest.toString(), "--check"),
                "exchange.start_price: required key is missing", "this is a backtest config: check it with `backtest");
    }

    @Test
    void shouldNameTheLineOfInvalidJson() throws IOException {
        Path cfg = write("bad.json", "{\n  \"instance_id\": \"x\",\n  \"symbol\": \n}");
        assertRejected(run("--strategy", "grid", "--config", cfg.toString()), "invalid JSON", "line 4");
    }

    @Test
    void shouldNameAnUnknownStrategy() throws IOException {
        Path cfg = write("ok.json", validConfig());
        assertRejected(run("--strategy", "no_such", "--config", cfg.toString()),
                "unknown strategy \"no_such\"", "grid");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing symbol             | \"symbol\": \"SOL_USDC\",                 | ''                                    | symbol: required key is missing",
        "missing strategy key       | \"grid_num\": 10,                         | ''                                    | strategy.grid_num: required key is missing",
        "zero quantity              | \"${HOME_QTY}\"                           | \"0\"                                 | strategy.order_quantity",
        "negative quantity          | \"${HOME_QTY}\"                           | \"-1\"                                | strategy.order_quantity",
        "lower above upper          | \"grid_lower_price\": \"140\"             | \"grid_lower_price\": \"170\"         | strategy.grid_lower_price",
        "lower equal to upper       | \"grid_lower_price\": \"140\"             | \"grid_lower_price\": \"160\"         | strategy.grid_lower_price",
        "unknown strategy key       | \"grid_num\": 10,                         | \"grid_num\": 10, \"gird_num\": 3,    | strategy.gird_num: unknown key",
        "unknown top-level key      | \"interval\": \"1s\",                     | \"intervall\": \"1s\",                | intervall: unknown key",
        "unset env variable         | \"${HOME_QTY}\"                           | \"${NOT_SET_QTY}\"                    | strategy.order_quantity: environment variable NOT_SET_QTY is not set",
        "bad exchange value         | \"tick_size\": \"0.01\"                   | \"tick_size\": \"-0.01\"              | exchange.tick_size",
        "unknown exchange           | \"name\": \"simulated\"                   | \"name\": \"mtgox\"                   | exchange.name: unknown exchange",
        "bad shutdown deadline      | \"interval\": \"1s\",                     | \"interval\": \"1s\", \"shutdown\": {\"cancel_timeout\": \"soon\"}, | shutdown.cancel_timeout",
        "no order calls at once     | \"interval\": \"1s\",                     | \"interval\": \"1s\", \"engine\": {\"order_call_parallelism\": 0}, | engine.order_call_parallelism: must be 1..16, was 0",
        "too many order calls       | \"interval\": \"1s\",                     | \"interval\": \"1s\", \"engine\": {\"order_call_parallelism\": 17}, | engine.order_call_parallelism: must be 1..16, was 17",
        "order calls not a number   | \"interval\": \"1s\",                     | \"interval\": \"1s\", \"engine\": {\"order_call_parallelism\": \"many\"}, | engine.order_call_parallelism",
    })
    void shouldRejectBadConfigWithOneLineNamingTheKey(String name, String from, String to, String expected)
            throws IOException {
        String text = validConfig();
        assertThat(text).contains(from);
        Path cfg = write("bad.json", text.replace(from, to));

        assertRejected(run("--strategy", "grid", "--config", cfg.toString()), expected);
    }

    @Test
    void shouldSendFourOrderCallsAtOnceUnlessConfigured() {
        Map<String, Object> root = Map.of("instance_id", "cfg-test", "symbol", "SOL_USDC",
                "exchange", Map.of("name", "simulated"));

        assertThat(BotConfig.from(root).engine().orderCallParallelism()).isEqualTo(4);
    }

    @Test
    void shouldReadTheOrderCallParallelismFromTheEngineSection() {
        Map<String, Object> root = Map.of("instance_id", "cfg-test", "symbol", "SOL_USDC",
                "exchange", Map.of("name", "simulated"), "engine", Map.of("order_call_parallelism", 16));

        assertThat(BotConfig.from(root).engine().orderCallParallelism()).isEqualTo(16);
    }

    @Test
    void shouldRejectANonPositiveDuration() throws IOException {
        Path cfg = write("ok.json", validConfig());
        assertRejected(run("--strategy", "grid", "--config", cfg.toString(), "--duration", "0s"), "--duration");
    }
}
