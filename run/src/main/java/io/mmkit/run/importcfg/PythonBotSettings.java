package io.mmkit.run.importcfg;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a user of the Python bot (Backpack-MM-Simple, {@code python run.py ...}) configured: its command-line
 * flags as its {@code run.py} parses them, or the JSON its web console posts to {@code /api/start}. Both are
 * read into one map keyed by the flags' argparse names ({@code max_orders}, {@code grid_upper}, ...), keeping
 * which keys were given, because several Python defaults differ between the two entry points.
 *
 * <p>Bad input is an {@link ImportRefusedException} naming the flag or key, as the user wrote it.
 */
public final class PythonBotSettings {
    /** How the settings were given; it decides the defaults and how {@code strategy} is resolved. */
    public enum Origin {
        FLAGS,
        WEB_JSON
    }

    private enum Kind {
        TEXT,
        NUMBER,
        INTEGER,
        SWITCH
    }

    /** The flags of the Python bot's run.py (argparse dest names) and their kinds. */
    private static final Map<String, Kind> FLAGS = new LinkedHashMap<>();

    static {
        for (String k : List.of("exchange", "api_key", "secret_key", "symbol", "market_type", "strategy", "grid_mode",
                "grid_type")) {
            FLAGS.put(k, Kind.TEXT);
        }
        for (String k : List.of("spread", "quantity", "target_position", "max_position", "position_threshold",
                "inventory_skew", "stop_loss", "take_profit", "grid_upper", "grid_lower", "price_range",
                "base_asset_target", "rebalance_threshold")) {
            FLAGS.put(k, Kind.NUMBER);
        }
        for (String k : List.of("max_orders", "duration", "interval", "grid_num")) {
            FLAGS.put(k, Kind.INTEGER);
        }
        for (String k : List.of("cli", "web", "auto_price", "enable_db", "disable_db", "enable_rebalance",
                "disable_rebalance")) {
            FLAGS.put(k, Kind.SWITCH);
        }
    }

    /** The web console's JSON keys that differ from the flags' names. */
    private static final Map<String, String> WEB_KEYS = Map.of(
            "grid_upper_price", "grid_upper",
            "grid_lower_price", "grid_lower",
            "auto_price_range", "auto_price",
            "price_range_percent", "price_range");

    /** Web-console keys with no flag: the spot grid's Backpack borrow-lending switches. */
    private static final Set<String> WEB_ONLY = Set.of("auto_borrow", "auto_borrow_repay");

    private static final Map<String, List<String>> CHOICES = Map.of(
            "exchange", List.of("backpack", "aster", "paradex", "lighter", "lighter_robinhood", "apex", "standx"),
            "market_type", List.of("spot", "perp"),
            "strategy", List.of("standard", "maker_hedge", "grid", "perp_grid"),
            "grid_mode", List.of("arithmetic", "geometric"),
            "grid_type", List.of("neutral", "long", "short"));

    private final Origin origin;
    private final Map<String, Object> values;

    private PythonBotSettings(Origin origin, Map<String, Object> values) {
        this.origin = origin;
        this.values = values;
    }

    /**
     * Parses run.py's flags as argparse does: {@code --flag value} or {@code --flag=value}, switches alone.
     * A leading {@code python run.py} (as copied from a shell script) is skipped.
     */
    public static PythonBotSettings fromFlags(List<String> args) {
        Map<String, Object> values = new LinkedHashMap<>();
        int i = 0;
        while (i < args.size() && !args.get(i).startsWith("--")
                && (args.get(i).startsWith("python") || args.get(i).endsWith("run.py"))) {
            i++;
        }
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new ImportRefusedException("unexpected argument \"" + arg + "\" (run.py takes --flags only)");
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            String key = name.replace('-', '_');
            Kind kind = FLAGS.get(key);
            if (kind == null) {
                throw new ImportRefusedException("--" + name + ": not a flag of the Python bot's run.py");
            }
            if (kind == Kind.SWITCH) {
                if (inline != null) {
                    throw new ImportRefusedException("--" + name + ": takes no value");
                }
                values.put(key, Boolean.TRUE);
                continue;
            }
            String text = inline;
            if (text == null) {
                if (i + 1 >= args.size()) {
                    throw new ImportRefusedException("--" + name + ": expected a value");
                }
                text = args.get(++i);
            }
            values.put(key, convert("--" + name, kind, key, text));
        }
        return new PythonBotSettings(Origin.FLAGS, values);
    }

    /** Reads the JSON object the web console posts to {@code /api/start} (numbers as numbers or strings). */
    public static PythonBotSettings fromWebJson(Map<String, Object> json) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json.entrySet()) {
            String jsonKey = e.getKey();
            if (jsonKey.startsWith("_")) {
                continue;
            }
            String key = WEB_KEYS.getOrDefault(jsonKey, jsonKey);
            Object raw = e.getValue();
            if (raw == null || (raw instanceof String s && s.isBlank())) {
                continue; // the console sends empty fields; its server treats them as not given
            }
            if (WEB_ONLY.contains(key)) {
                values.put(key, asBoolean(jsonKey, raw));
                continue;
            }
            Kind kind = FLAGS.get(key);
            if (kind == null || key.equals("cli") || key.equals("web") || key.startsWith("disable_")
                    || key.equals("api_key") || key.equals("secret_key")) {
                throw new ImportRefusedException(jsonKey + ": not a key of the Python bot's web console");
            }
            values.put(key, kind == Kind.SWITCH ? asBoolean(jsonKey, raw) : convert(jsonKey, kind, key, raw.toString()));
        }
        return new PythonBotSettings(Origin.WEB_JSON, values);
    }

    private static Object convert(String label, Kind kind, String key, String text) {
        switch (kind) {
            case NUMBER -> {
                try {
                    return new BigDecimal(text.trim());
                } catch (NumberFormatException e) {
                    throw new ImportRefusedException(label + ": not a number: \"" + text + "\"");
                }
            }
            case INTEGER -> {
                try {
                    return Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    throw new ImportRefusedException(label + ": not a whole number: \"" + text + "\"");
                }
            }
            default -> {
                List<String> choices = CHOICES.get(key);
                String value = text.trim();
                if (choices != null && !choices.contains(value.toLowerCase(Locale.ROOT))) {
                    throw new ImportRefusedException(label + ": \"" + text + "\" is not one of " + choices);
                }
                return choices != null ? value.toLowerCase(Locale.ROOT) : value;
            }
        }
    }

    private static Boolean asBoolean(String label, Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        String s = raw.toString().trim().toLowerCase(Locale.ROOT);
        if (Set.of("true", "1", "yes", "on").contains(s)) {
            return true;
        }
        if (Set.of("false", "0", "no", "off").contains(s)) {
            return false;
        }
        throw new ImportRefusedException(label + ": expected true or false, was \"" + raw + "\"");
    }

    public Origin origin() {
        return origin;
    }

    /** Whether the user gave {@code key} (argparse name), as opposed to it taking the Python default. */
    public boolean given(String key) {
        return values.containsKey(key);
    }

    /** The flag or JSON key as the user wrote it, for messages: {@code --max-orders} or {@code max_orders}. */
    public String label(String key) {
        if (origin == Origin.FLAGS) {
            return "--" + key.replace('_', '-');
        }
        for (Map.Entry<String, String> e : WEB_KEYS.entrySet()) {
            if (e.getValue().equals(key)) {
                return e.getKey();
            }
        }
        return key;
    }

    public String text(String key, String pythonDefault) {
        Object v = values.get(key);
        return v == null ? pythonDefault : (String) v;
    }

    /** A number, or {@code pythonDefault} (may be null: the Python bot's {@code None}). */
    public BigDecimal number(String key, BigDecimal pythonDefault) {
        Object v = values.get(key);
        return v == null ? pythonDefault : (BigDecimal) v;
    }

    public int integer(String key, int pythonDefault) {
        Object v = values.get(key);
        return v == null ? pythonDefault : (Integer) v;
    }

    public boolean flag(String key, boolean pythonDefault) {
        Object v = values.get(key);
        return v == null ? pythonDefault : (Boolean) v;
    }

    /** The settings as given, secrets left out, for the output's record of where it came from. */
    public Map<String, Object> asGiven() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!k.equals("api_key") && !k.equals("secret_key")) {
                out.put(label(k), v instanceof BigDecimal d ? d.toPlainString() : v);
            }
        });
        return out;
    }
}
