package io.mmkit.run.importcfg;

import io.mmkit.core.config.Durations;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Maps the Python bot's settings to an mmkit config with the same behaviour. The Python semantics it relies on
 * (read in the bot's {@code run.py}, {@code strategies/*.py}, {@code utils/helpers.py}):
 *
 * <ul>
 *   <li>{@code --spread} is the full spread in percent of the mid: bid = mid − mid × spread / 200 (mmkit's
 *       {@code base_spread_percentage}, quoted from the mid);</li>
 *   <li>{@code --inventory-skew} (clamped to 0..1) moves both quotes by mid × skew × clamp(net / max_position):
 *       a share of the <em>price</em> ({@code inventory_skew_basis: price});</li>
 *   <li>{@code --target-position} is an absolute size: beyond |net| &gt; target + threshold (or &gt; max) the
 *       excess is closed at market ({@code close_excess_above}); it is no hover point, so mmkit's signed
 *       {@code target_position} is 0;</li>
 *   <li>{@code --stop-loss} is written negative (−10) and used as its absolute value: mmkit's is positive;</li>
 *   <li>every iteration cancels and re-places all quotes ({@code requote_tolerance_percentage: 0} keeps only
 *       orders already at their price, the same quotes with less churn).</li>
 * </ul>
 *
 * Whatever has no equivalent is named in the output's {@code _notes}; what cannot be mapped without changing
 * behaviour that matters (an unsupported venue, a stop-loss the mmkit strategy lacks) is refused.
 */
public final class ConfigImporter {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final List<String> QUOTES = List.of("USDT", "USDC", "USD");

    /** What the user asked besides the Python settings. */
    public record Options(String instanceId, boolean simulated, BigDecimal simulatedPrice) {
        public static final Options DEFAULTS = new Options(null, false, BigDecimal.valueOf(100));
    }

    /** An mmkit config (plain maps, in order), the strategy to run it with, and what did not carry over. */
    public record Imported(String strategy, Map<String, Object> config, List<String> notes) {
    }

    private final Predicate<String> knownVenue;

    /** @param knownVenue whether this build has a gateway of that {@code exchange.name} */
    public ConfigImporter(Predicate<String> knownVenue) {
        this.knownVenue = knownVenue;
    }

    public Imported convert(PythonBotSettings py, Options options) {
        if (py.flag("cli", false) || py.flag("web", false)) {
            throw new ImportRefusedException((py.flag("web", false) ? "--web" : "--cli")
                    + ": the Python bot's interactive modes have no mmkit equivalent; give the strategy flags alone");
        }
        String symbol = py.text("symbol", null);
        if (symbol == null || symbol.isBlank()) {
            throw new ImportRefusedException(py.label("symbol") + ": required");
        }
        String exchange = py.text("exchange", "backpack");
        String marketType = py.text("market_type", "spot");
        String kind = resolveStrategy(py, marketType);
        List<String> notes = new ArrayList<>();
        Map<String, Object> strategy = switch (kind) {
            case "perp_market_maker" -> perpMaker(py, notes);
            case "standard" -> spotMaker(py, notes);
            case "grid" -> grid(py, notes, false);
            case "perp_grid" -> grid(py, notes, true);
            default -> hedge(py, notes, marketType.equals("perp"));
        };
        boolean perpetual = kind.startsWith("perp") || marketType.equals("perp");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("_comment", "Imported from the Python bot (Backpack-MM-Simple) by mmkit import-config. Run: "
                + "java -jar run/target/mmkit.jar --strategy " + kind + " --config <this file> (add --check first).");
        root.put("_imported_from", py.asGiven());
        root.put("_notes", notes);
        root.put("instance_id", options.instanceId() != null ? options.instanceId() : instanceId(exchange, symbol));
        root.put("symbol", symbol);
        root.put("interval", Durations.format(Duration.ofSeconds(positive(py, "interval", 60))));
        root.put("duration", Durations.format(Duration.ofSeconds(positive(py, "duration", 3600))));
        notes.add("duration: the Python bot stops by itself after " + py.label("duration") + " (default 3600 s); "
                + "kept, remove it to run until stopped");
        root.put("exchange", options.simulated() ? simulated(symbol, perpetual, options, notes)
                : venue(py, exchange, perpetual, notes));
        root.put("strategy", strategy);
        if (py.given("enable_db") || py.given("disable_db")) {
            notes.add(py.label(py.given("enable_db") ? "enable_db" : "disable_db")
                    + ": mmkit always keeps its SQLite store (store.directory, default data/)");
        }
        if (py.given("api_key") || py.given("secret_key")) {
            notes.add("--api-key/--secret-key: not carried over (never written to a config); mmkit reads keys "
                    + "from the environment variables named in the exchange section");
        }
        return new Imported(kind, root, notes);
    }

    /** As run.py (flags) or the web console's server (JSON) choose the Python strategy class. */
    private static String resolveStrategy(PythonBotSettings py, String marketType) {
        String s = py.text("strategy", "standard");
        boolean perp = marketType.equals("perp");
        if (py.origin() == PythonBotSettings.Origin.FLAGS) {
            if (s.equals("grid")) {
                return "grid"; // run.py builds the spot GridStrategy for --strategy grid whatever the market type
            }
            if (s.equals("perp_grid")) {
                return "perp_grid";
            }
        } else if (s.equals("grid") || s.equals("perp_grid")) {
            return perp || s.equals("perp_grid") ? "perp_grid" : "grid";
        }
        if (s.equals("maker_hedge")) {
            return "maker_taker_hedge";
        }
        return perp ? "perp_market_maker" : "standard";
    }

    private static Map<String, Object> perpMaker(PythonBotSettings py, List<String> notes) {
        Map<String, Object> s = new LinkedHashMap<>();
        quoting(py, s, notes);
        s.put("order_quantity", plain(requiredQuantity(py, "perp_market_maker")));
        BigDecimal max = py.number("max_position", BigDecimal.ONE).abs();
        if (max.signum() == 0) {
            throw new ImportRefusedException(py.label("max_position") + ": 0 leaves no room for any position");
        }
        BigDecimal target = py.number("target_position", BigDecimal.ONE).abs();
        BigDecimal threshold = py.number("position_threshold", new BigDecimal("0.1")).max(BigDecimal.ZERO);
        BigDecimal closeAbove = target.add(threshold).min(max);
        if (closeAbove.signum() == 0) {
            throw new ImportRefusedException(py.label("position_threshold") + " " + plain(threshold) + " with "
                    + py.label("target_position") + " 0: the Python bot then closes any position above the venue's "
                    + "minimum order size at market; give " + py.label("position_threshold") + " as that size");
        }
        s.put("target_position", "0");
        s.put("max_position", plain(max));
        s.put("position_threshold", plain(max));
        s.put("close_excess_above", plain(closeAbove));
        notes.add(py.label("target_position") + " " + plain(target) + " + " + py.label("position_threshold") + " "
                + plain(threshold) + ": the Python bot closes |position| beyond min(target + threshold, max) = "
                + plain(closeAbove) + " at market -> close_excess_above " + plain(closeAbove)
                + " (in one order; Python may take two iterations when beyond max_position); mmkit's "
                + "target_position is a signed hover point, set to 0 (the Python skew pushes toward 0)");
        notes.add("max_position " + plain(max) + ": mmkit also never rests a quote that could take |position| past "
                + "it if filled (the Python bot lets it fill and closes the excess at market next iteration); "
                + "position_threshold = max_position so no side is withheld, as in Python");
        BigDecimal skew = py.number("inventory_skew", BigDecimal.ZERO);
        BigDecimal clamped = skew.max(BigDecimal.ZERO).min(BigDecimal.ONE);
        if (clamped.compareTo(skew) != 0) {
            notes.add(py.label("inventory_skew") + " " + plain(skew) + ": the Python bot clamps it to 0..1 -> "
                    + plain(clamped));
        }
        if (clamped.signum() > 0) {
            s.put("inventory_skew", plain(clamped));
            s.put("inventory_skew_basis", "price");
            notes.add(py.label("inventory_skew") + ": a share of the price, both quotes moved by mid x skew x "
                    + "clamp(position / max_position, -1, 1) -> inventory_skew_basis: price (mmkit's default is "
                    + "a share of half the spread)");
        }
        BigDecimal stop = py.number("stop_loss", null);
        if (stop != null && stop.signum() != 0) {
            s.put("stop_loss", plain(stop.abs()));
            if (stop.signum() < 0) {
                notes.add(py.label("stop_loss") + " " + plain(stop) + ": the Python bot uses its absolute value; "
                        + "mmkit's stop_loss is the positive loss " + plain(stop.abs()) + " (quote units)");
            }
        }
        BigDecimal take = py.number("take_profit", null);
        if (take != null && take.signum() > 0) {
            s.put("take_profit", plain(take));
        } else if (take != null) {
            notes.add(py.label("take_profit") + " " + plain(take) + ": ignored by the Python bot (not positive); "
                    + "not carried over");
        }
        notes.add("stop-loss/take-profit: both close the position reduce-only at market and keep quoting; the "
                + "Python bot checks after placing its quotes, mmkit before");
        return s;
    }

    private static Map<String, Object> spotMaker(PythonBotSettings py, List<String> notes) {
        Map<String, Object> s = new LinkedHashMap<>();
        quoting(py, s, notes);
        s.put("quote_reference", "mid");
        BigDecimal quantity = py.number("quantity", null);
        int maxOrders = py.integer("max_orders", 3);
        if (quantity != null) {
            s.put("order_quantity", plain(positiveQuantity(py, quantity)));
        } else {
            BigDecimal pct = BigDecimal.valueOf(5).min(BigDecimal.valueOf(25).divide(BigDecimal.valueOf(maxOrders),
                    MathContext.DECIMAL64));
            s.put("order_balance_percentage", plain(pct));
            notes.add(py.label("quantity") + " not given: the Python bot sizes each order as min(5 %, 1/(4 x "
                    + "max_orders)) of the total balance -> order_balance_percentage " + plain(pct)
                    + " (mmkit converts bids at the mid, Python at the average bid price)");
        }
        if (py.flag("enable_rebalance", false) && py.flag("disable_rebalance", false)) {
            throw new ImportRefusedException("--enable-rebalance and --disable-rebalance: the Python bot refuses both "
                    + "at once");
        }
        boolean rebalance = py.origin() == PythonBotSettings.Origin.FLAGS
                ? !py.flag("disable_rebalance", false) : py.flag("enable_rebalance", true);
        if (rebalance) {
            BigDecimal target = py.number("base_asset_target", BigDecimal.valueOf(30));
            BigDecimal threshold = py.number("rebalance_threshold", BigDecimal.valueOf(15));
            if (target.signum() < 0 || target.compareTo(HUNDRED) > 0) {
                throw new ImportRefusedException(py.label("base_asset_target") + ": must be 0..100, was "
                        + plain(target));
            }
            if (threshold.signum() <= 0 || threshold.compareTo(HUNDRED) >= 0) {
                throw new ImportRefusedException(py.label("rebalance_threshold") + ": must be above 0 and below 100"
                        + " (mmkit's limit; at 100 or more the Python bot never rebalances), was " + plain(threshold));
            }
            s.put("base_asset_target_percentage", plain(target));
            s.put("rebalance_threshold", plain(threshold));
            notes.add("rebalancing (on by default in the Python bot, " + plain(target) + " % base, threshold "
                    + plain(threshold) + " points, same meaning): the Python bot rebalances at once with an IOC "
                    + "order 0.1 % through the book (taker); mmkit has no taker rebalancing and rebalances "
                    + "passively (withholds the side that would stray further, the inner quote carries the amount)");
        }
        return s;
    }

    /** The keys the two makers share: spread, levels and requoting. */
    private static void quoting(PythonBotSettings py, Map<String, Object> s, List<String> notes) {
        BigDecimal spread = py.number("spread", null);
        if (spread == null) {
            throw new ImportRefusedException(py.label("spread") + ": required (the Python bot quotes nothing without it)");
        }
        if (spread.signum() <= 0 || spread.compareTo(HUNDRED) >= 0) {
            throw new ImportRefusedException(py.label("spread") + ": must be above 0 and below 100 (percent), was "
                    + plain(spread));
        }
        s.put("base_spread_percentage", plain(spread));
        int maxOrders = py.integer("max_orders", 3);
        if (maxOrders < 1) {
            throw new ImportRefusedException(py.label("max_orders") + ": must be at least 1, was " + maxOrders);
        }
        s.put("max_orders", maxOrders);
        if (maxOrders > 1) {
            s.put("level_step_ticks", "1.5");
            s.put("level_step_exponent", "1.5");
            notes.add(py.label("max_orders") + " " + maxOrders + ": the Python bot puts level k k^1.5 x 1.5 ticks "
                    + "beyond the first -> level_step_ticks 1.5, level_step_exponent 1.5");
        }
        s.put("requote_tolerance_percentage", "0");
        notes.add("requoting: the Python bot cancels and re-places every quote each iteration; "
                + "requote_tolerance_percentage 0 keeps only orders already at their price (same quotes, less churn)");
        notes.add("rounding: the Python bot rounds prices to the nearest tick, mmkit bids down and asks up (never "
                + "more aggressive): a quote can sit one tick further out");
    }

    private static Map<String, Object> grid(PythonBotSettings py, List<String> notes, boolean perp) {
        Map<String, Object> s = new LinkedHashMap<>();
        BigDecimal upper = py.number("grid_upper", null);
        BigDecimal lower = py.number("grid_lower", null);
        String type = py.text("grid_type", "neutral");
        boolean auto = py.flag("auto_price", false) || upper == null || lower == null;
        if (auto) {
            BigDecimal range = py.number("price_range", BigDecimal.valueOf(5));
            if (perp && !type.equals("neutral")) {
                throw new ImportRefusedException(py.label("grid_type") + " " + type + " with an automatic range: the "
                        + "Python bot puts the whole range on one side of the price (" + (type.equals("long")
                        ? "price x (1 - r) .. price" : "price .. price x (1 + r)") + "); mmkit's auto_range_percent "
                        + "is centred on the first mid: give " + py.label("grid_lower") + " and "
                        + py.label("grid_upper") + " instead");
            }
            if (range.signum() <= 0 || range.compareTo(HUNDRED) >= 0) {
                throw new ImportRefusedException(py.label("price_range") + ": must be above 0 and below 100, was "
                        + plain(range));
            }
            s.put("auto_range_percent", plain(range));
            if ((upper != null || lower != null) && !py.flag("auto_price", false)) {
                notes.add("only one of " + py.label("grid_lower") + "/" + py.label("grid_upper") + " given: the Python "
                        + "bot then ignores it and uses the automatic range, as imported");
            }
        } else {
            s.put("grid_lower_price", plain(lower));
            s.put("grid_upper_price", plain(upper));
        }
        int gridNum = py.integer("grid_num", 10);
        if (gridNum < 2) {
            notes.add(py.label("grid_num") + " " + gridNum + ": the Python bot uses at least 2 -> 2");
            gridNum = 2;
        }
        s.put("grid_num", gridNum);
        s.put("order_quantity", plain(requiredQuantity(py, perp ? "perp_grid" : "grid")));
        s.put("grid_mode", py.text("grid_mode", "arithmetic"));
        s.put("allow_one_sided", true);
        notes.add("start: the Python bot starts even when the price lies outside the range (a warning) -> "
                + "allow_one_sided: true; it rests buys below and sells above the price, mmkit leaves the level "
                + "nearest the mid empty");
        for (String unused : List.of("spread", "max_orders")) {
            if (py.given(unused)) {
                notes.add(py.label(unused) + ": not used by the Python grid; not carried over");
            }
        }
        if (!perp) {
            if (py.flag("auto_borrow", true) || py.flag("auto_borrow_repay", true)) {
                notes.add("auto_borrow/auto_borrow_repay (on by default in the Python spot grid: Backpack borrow-"
                        + "lending): mmkit places plain orders, so the balances must cover the grid (the pre-flight "
                        + "checks them)");
            }
            refuseExits(py, "grid");
            return s;
        }
        s.put("grid_type", type);
        BigDecimal max = py.number("max_position", BigDecimal.ONE).abs();
        if (max.signum() > 0) {
            s.put("max_position", plain(max));
            notes.add("max_position " + plain(max) + ": the Python perp grid closes |position| beyond it at market; "
                    + "mmkit's perp_grid never rests an opening order that could take it there");
        }
        for (String unused : List.of("target_position", "position_threshold", "inventory_skew")) {
            if (py.given(unused)) {
                notes.add(py.label(unused) + ": not used by the Python perp grid; not carried over");
            }
        }
        refuseExits(py, "perp_grid");
        s.put("boundary_action", "stop_only");
        notes.add("range exit: the Python perp grid has no boundary action or tolerance (outside its range it keeps "
                + "running and stops refilling that side); mmkit acts at the boundary: boundary_action stop_only "
                + "with boundary_tolerance_percentage at its default 1 % cancels the grid and stops, position kept");
        return s;
    }

    private static Map<String, Object> hedge(PythonBotSettings py, List<String> notes, boolean perp) {
        Map<String, Object> s = new LinkedHashMap<>();
        BigDecimal spread = py.number("spread", null);
        if (spread == null || spread.signum() <= 0 || spread.compareTo(HUNDRED) >= 0) {
            throw new ImportRefusedException(py.label("spread") + ": required, above 0 and below 100 (mmkit's "
                    + "maker_taker_hedge needs a positive edge)");
        }
        s.put("base_spread_percentage", plain(spread));
        s.put("order_quantity", plain(requiredQuantity(py, "maker_taker_hedge")));
        s.put("hedge_market", "same");
        s.put("reference_position", "0");
        notes.add("maker quotes: the Python hedge strategy ignores " + py.label("spread") + " and rests one bid at "
                + "the best bid and one ask at the best ask; mmkit's maker_taker_hedge has no touch quote: it rests "
                + "them " + plain(spread) + " % outside the touch (base_spread_percentage, its minimum edge)");
        notes.add("reference: the Python bot hedges back to the position it found at start; mmkit to "
                + "reference_position (0): set it to your standing position if you hold one");
        if (perp) {
            for (String unused : List.of("target_position", "max_position", "position_threshold", "inventory_skew")) {
                if (py.given(unused)) {
                    notes.add(py.label(unused) + ": the hedge keeps the position at the reference; not carried over");
                }
            }
        }
        refuseExits(py, "maker_taker_hedge");
        return s;
    }

    /** A stop-loss or take-profit the target strategy lacks is refused: dropping one silently is not an option. */
    private static void refuseExits(PythonBotSettings py, String strategy) {
        for (String key : List.of("stop_loss", "take_profit")) {
            BigDecimal v = py.number(key, null);
            if (v != null && v.signum() != 0) {
                throw new ImportRefusedException(py.label(key) + ": mmkit's " + strategy + " has no " + key
                        + " (the Python bot closes the position at market there); remove it, or use the "
                        + "strategy's risk.max_drawdown after reading docs/migrating-from-python.md");
            }
        }
    }

    private static BigDecimal requiredQuantity(PythonBotSettings py, String strategy) {
        BigDecimal q = py.number("quantity", null);
        if (q == null) {
            throw new ImportRefusedException(py.label("quantity") + ": not given; the Python bot then sizes orders "
                    + "from the balance, mmkit's " + strategy + " needs strategy.order_quantity: give "
                    + py.label("quantity"));
        }
        return positiveQuantity(py, q);
    }

    private static BigDecimal positiveQuantity(PythonBotSettings py, BigDecimal q) {
        if (q.signum() <= 0) {
            throw new ImportRefusedException(py.label("quantity") + ": must be positive, was " + plain(q));
        }
        return q;
    }

    private static int positive(PythonBotSettings py, String key, int fallback) {
        int v = py.integer(key, fallback);
        if (v <= 0) {
            throw new ImportRefusedException(py.label(key) + ": must be a positive number of seconds, was " + v);
        }
        return v;
    }

    private Map<String, Object> venue(PythonBotSettings py, String exchange, boolean perpetual, List<String> notes) {
        Map<String, Object> ex = new LinkedHashMap<>();
        String market = perpetual ? "perpetual" : "spot";
        switch (exchange) {
            case "backpack" -> {
                ex.put("name", "backpack");
                ex.put("market", market);
                ex.put("api_key_env", "BACKPACK_KEY");
                ex.put("secret_key_env", "BACKPACK_SECRET");
                ex.put("recv_window_ms", 5000);
                notes.add("exchange: keys from BACKPACK_KEY / BACKPACK_SECRET, as the Python bot's .env names them; "
                        + "base_url is mmkit's default https://api.backpack.exchange (run.py used $BASE_URL, default "
                        + "https://api.backpack.work): set exchange.base_url to keep yours");
            }
            case "aster" -> {
                if (!knownVenue.test("aster")) {
                    throw refusedVenue(py, exchange);
                }
                if (!perpetual) {
                    throw new ImportRefusedException(py.label("market_type") + " spot on aster: the Python bot "
                            + "trades Aster perpetuals only");
                }
                ex.put("name", "aster");
                ex.put("market", "perpetual");
                ex.put("auth", "v1"); // the Python bot signs with an API key and secret (HMAC), not an API wallet
                ex.put("api_key_env", "ASTER_API_KEY");
                ex.put("secret_key_env", "ASTER_SECRET_KEY");
                notes.add("exchange: Aster v1 (HMAC) keys from ASTER_API_KEY / ASTER_SECRET_KEY, as the Python bot's .env"
                        + " names them; mmkit also speaks Aster's v3 API wallets (\"auth\": \"v3\")");
            }
            default -> throw refusedVenue(py, exchange);
        }
        return ex;
    }

    private static ImportRefusedException refusedVenue(PythonBotSettings py, String exchange) {
        return new ImportRefusedException(py.label("exchange") + " " + exchange + ": this mmkit build has no "
                + exchange + " gateway; give --simulated to try the strategy on the embedded simulated exchange");
    }

    private static Map<String, Object> simulated(String symbol, boolean perpetual, Options options,
                                                 List<String> notes) {
        String[] pair = pair(symbol);
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("name", "simulated");
        ex.put("market", perpetual ? "perpetual" : "spot");
        ex.put("base", pair[0]);
        ex.put("quote", pair[1]);
        ex.put("tick_size", "0.01");
        ex.put("step_size", "0.001");
        ex.put("start_price", plain(options.simulatedPrice()));
        ex.put("seed", 1);
        ex.put("fill_model", "touch");
        Map<String, Object> balances = new LinkedHashMap<>();
        balances.put(pair[1], "100000");
        if (!perpetual) {
            balances.put(pair[0], "1000");
        }
        ex.put("balances", balances);
        notes.add("exchange: --simulated: the embedded simulated exchange (a random walk from "
                + plain(options.simulatedPrice()) + ", tick 0.01), not the Python bot's venue");
        return ex;
    }

    /** Base and quote asset of a Python-bot symbol: SOL_USDC_PERP, BTC-USD-PERP, SOLUSDT, BTC. */
    static String[] pair(String symbol) {
        String[] parts = symbol.toUpperCase(Locale.ROOT).split("[_\\-/]");
        if (parts.length >= 2) {
            return new String[] {parts[0], parts[1]};
        }
        for (String q : QUOTES) {
            if (parts[0].endsWith(q) && parts[0].length() > q.length()) {
                return new String[] {parts[0].substring(0, parts[0].length() - q.length()), q};
            }
        }
        return new String[] {parts[0], "USDC"};
    }

    private static String instanceId(String exchange, String symbol) {
        String id = ("py-" + exchange + "-" + symbol).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
