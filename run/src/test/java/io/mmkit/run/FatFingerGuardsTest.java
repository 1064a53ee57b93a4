package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.spi.StrategyCatalog;
import io.mmkit.run.testing.BackpackStandIn;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fat fingers never reach the venue: each config below is refused with exit status 2 and one line naming the key
 * and the limit, after at most the pre-flight's read-only requests (markets, depth, balances) to a Backpack
 * stand-in on 127.0.0.1, with no order request and no DB file.
 */
class FatFingerGuardsTest {
    // RFC 8032 test vector 1: a valid Backpack key pair.
    private static final Map<String, String> ENV = Map.of(
            "BP_KEY", "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
            "BP_SECRET", "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");

    @TempDir
    Path dir;
    private BackpackStandIn venue;
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startVenue() throws Exception {
        venue = new BackpackStandIn(); // SOL_USDC, tick and step 0.01, book 150.00 / 150.10, 50 SOL + 10000 USDC
    }

    @AfterEach
    void stopVenue() {
        venue.close();
    }

    private String config() {
        return """
                {
                  "instance_id": "fat-finger",
                  "symbol": "SOL_USDC",
                  "exchange": {"name": "backpack", "base_url": "URL", "ws_url": "URL", "streams": false,
                               "api_key_env": "BP_KEY", "secret_key_env": "BP_SECRET"},
                  "strategy": {"grid_lower_price": "140", "grid_upper_price": "160", "grid_num": 11,
                               "order_quantity": "1"},
                  "store": {"directory": "STORE"}
                }
                """.replace("URL", venue.baseUrl()).replace("STORE", dir.resolve("store").toString());
    }

    private int run(String from, String to) throws Exception {
        String text = config();
        assertThat(text).contains(from);
        Path cfg = Files.writeString(dir.resolve("cfg.json"), text.replace(from, to));
        var cl = RunCommand.commandLine(new RunCommand(ENV, StrategyCatalog.load()));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute("--strategy", "grid", "--config", cfg.toString(), "--duration", "2s");
    }

    private void assertRefused(int status, String... fragments) {
        String text = err.toString().strip();
        assertThat(status).as(text).isEqualTo(2);
        assertThat(text.lines()).as(text).singleElement().asString()
                .startsWith("mmkit: config error: ").contains(fragments);
        assertThat(venue.placements()).as("order requests: %s", venue.requests()).isZero();
        assertThat(venue.requests()).allMatch(r -> r.startsWith("GET "), "read-only");
        assertThat(dir.resolve("store")).as("no DB file").doesNotExist();
    }

    @Test
    void shouldRefuseAnAbsurdQuantityAtTheVenuesMaximum() throws Exception {
        assertRefused(run("\"order_quantity\": \"1\"", "\"order_quantity\": \"1e400\""),
                "strategy.order_quantity", "1E+400", "above the maximum quantity of SOL_USDC on backpack (1000000)");
    }

    @Test
    void shouldRefuseAQuantityWorthMoreThanTheDefaultNotionalCap() throws Exception {
        assertRefused(run("\"order_quantity\": \"1\"", "\"order_quantity\": \"100\""),
                "strategy.order_quantity", "an order of 100 at 140 is worth 14000 USDC",
                "above guards.max_order_notional (10000)");
    }

    @Test
    void shouldRefuseAnOrderAboveARaisedCapToo() throws Exception {
        assertRefused(run("\"store\"", "\"guards\": {\"max_order_notional\": \"100\"}, \"store\""),
                "strategy.order_quantity", "is worth", "USDC", "above guards.max_order_notional (100)");
    }

    @Test
    void shouldRefuseAGridRangeAboveThePrice() throws Exception {
        assertRefused(run("\"grid_lower_price\": \"140\", \"grid_upper_price\": \"160\"",
                        "\"grid_lower_price\": \"200\", \"grid_upper_price\": \"210\""),
                "strategy.grid_lower_price", "200 .. 210", "lies above the price 150.05", "0 buy(s) and 10 sell(s)",
                "allow_one_sided");
    }

    @Test
    void shouldRefuseAGridRangeBelowThePrice() throws Exception {
        assertRefused(run("\"grid_lower_price\": \"140\", \"grid_upper_price\": \"160\"",
                        "\"grid_lower_price\": \"100\", \"grid_upper_price\": \"110\""),
                "strategy.grid_upper_price", "lies below the price 150.05");
    }

    @Test
    void shouldRefuseARunawayGridNumBeforeBuildingAnything() throws Exception {
        assertRefused(run("\"grid_num\": 11", "\"grid_num\": 100000000"), "strategy.grid_num", "at most 10000");
        assertThat(venue.requests()).as("refused at validation").isEmpty();
    }

    @Test
    void shouldRefuseMoreLevelsThanTheOpenOrderGuard() throws Exception {
        assertRefused(run("\"grid_num\": 11", "\"grid_num\": 500"),
                "strategy.grid_num", "499 orders", "guards.max_open_orders (200)");
        assertThat(venue.requests()).as("refused at validation").isEmpty();
    }

    @Test
    void shouldRefuseAQuantityBelowTheVenuesMinimum() throws Exception {
        venue.listing(BackpackStandIn.market("SOL_USDC", "SOL", "USDC", "0.01", "0.001", "0.1"));
        assertRefused(run("\"order_quantity\": \"1\"", "\"order_quantity\": \"0.05\""),
                "strategy.order_quantity", "below the minimum quantity of SOL_USDC on backpack (0.1)");
    }

    @Test
    void shouldRefuseAQuantityAboveTheVenuesMaximum() throws Exception {
        venue.listing(BackpackStandIn.market("SOL_USDC", "SOL", "USDC", "0.01", "0.01", "0.01", "10"));
        assertRefused(run("\"order_quantity\": \"1\"", "\"order_quantity\": \"20\""),
                "strategy.order_quantity", "above the maximum quantity of SOL_USDC on backpack (10)");
    }

    @Test
    void shouldRefuseAQuantityThatRoundsToNothing() throws Exception {
        assertRefused(run("\"order_quantity\": \"1\"", "\"order_quantity\": \"0.001\""),
                "strategy.order_quantity", "rounds down to 0", "step size 0.01");
    }

    @Test
    void shouldRefuseASymbolTheVenueDoesNotList() throws Exception {
        assertRefused(run("\"symbol\": \"SOL_USDC\"", "\"symbol\": \"SOL_USDX\""),
                "symbol: backpack does not list SOL_USDX");
    }

    @Test
    void shouldRefuseWhatTheBalancesDoNotCover() throws Exception {
        venue.balances("2", "100");
        assertRefused(run("\"store\"", "\"store\""), "strategy.order_quantity",
                "rests 720 USDC of buys and 5 SOL of sells", "100 USDC and 2 SOL free", "guards.balance_check");
    }

    @Test
    void shouldCountWhatOurOwnLeftoverOrdersLockAsFree() throws Exception {
        long prefix = ClientOrderIds.defaultPrefix("fat-finger");
        venue.balances("2", "100").resting((prefix << 20) | 1, "Bid", "149.00").resting((prefix << 20) | 2, "Ask",
                "151.00").resting((4000L << 20) | 1, "Bid", "148.00");
        assertRefused(run("\"store\"", "\"store\""), "strategy.order_quantity",
                "rests 720 USDC of buys and 5 SOL of sells", "249 USDC and 3 SOL free");
    }

    @Test
    void shouldRefuseATotalShutdownDeadlineShorterThanTheCancelStep() throws Exception {
        assertRefused(run("\"store\"", "\"shutdown\": {\"cancel_timeout\": \"10s\", \"total_timeout\": \"5s\"},"
                + " \"store\""), "shutdown.total_timeout", "at least cancel_timeout (10s), was 5s");
        assertThat(venue.requests()).as("refused at validation").isEmpty();
    }

    @Test
    void shouldRefuseACallTimeoutShorterThanTheConnectTimeout() throws Exception {
        assertRefused(run("\"streams\": false", "\"streams\": false, \"timeouts\": {\"connect\": \"5s\", \"call\": \"1s\"}"),
                "exchange.timeouts.call", "at least timeouts.connect (5s), was 1s");
        assertThat(venue.requests()).as("refused at validation").isEmpty();
    }
}
