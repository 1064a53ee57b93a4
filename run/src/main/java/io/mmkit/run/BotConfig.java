package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.Durations;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.EngineSettings;
import io.mmkit.core.engine.ShutdownSettings;
import io.mmkit.run.alerts.AlertSettings;
import io.mmkit.run.logs.LogSettings;
import io.mmkit.run.ops.EndpointSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One bot instance's validated config. Built from the JSON tree with every key checked, before anything
 * touches an exchange or creates a file.
 *
 * @param exchange the raw {@code exchange} section, validated by the venue it names
 * @param strategy the raw {@code strategy} section, validated by the strategy provider
 * @param markets extra markets by name (e.g. {@code hedge}): each its own exchange section and symbol
 * @param guards fat-finger limits the pre-flight checks before the first order
 * @param alerts where kill switches, crashes and unclean shutdowns are reported ({@code alerts})
 * @param logging the instance's rolling log file ({@code logging})
 * @param http the bot's own HTTP endpoint (health, metrics, status, stop): section {@code http}
 */
record BotConfig(
        String instanceId,
        String symbol,
        Map<String, Object> exchange,
        Map<String, Object> strategy,
        Map<String, MarketConfig> markets,
        EngineSettings engine,
        Path storeDirectory,
        int clientIdPrefix,
        Guards guards,
        AlertSettings alerts,
        LogSettings logging,
        EndpointSettings http) {

    record MarketConfig(Map<String, Object> exchange, String symbol) {
    }

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** Reads the top level. Unknown keys, missing keys and bad values are {@link ConfigException}s. */
    @SuppressWarnings("unchecked")
    static BotConfig from(Map<String, Object> root) {
        StrategyParams top = new StrategyParams("", root);
        String instanceId = top.string("instance_id");
        if (!SAFE_ID.matcher(instanceId).matches()) {
            throw top.invalid("instance_id", "use 1-64 letters, digits, '-', '_' or '.', was \"" + instanceId + "\"");
        }
        String symbol = top.string("symbol");
        Map<String, Object> exchange = top.section("exchange")
                .map(s -> (Map<String, Object>) top.value("exchange"))
                .orElseThrow(() -> new ConfigException("exchange", "required key is missing"));
        Map<String, Object> strategy = top.section("strategy")
                .map(s -> (Map<String, Object>) top.value("strategy"))
                .orElse(Map.of());
        Duration interval = top.duration("interval", Duration.ofSeconds(5));
        if (interval.isZero() || interval.isNegative()) {
            throw top.invalid("interval", "must be positive");
        }
        Duration duration = top.duration("duration", null);
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw top.invalid("duration", "must be positive");
        }
        ShutdownSettings shutdown = shutdown(top.section("shutdown").orElse(new StrategyParams("shutdown", Map.of())));
        StrategyParams store = top.section("store").orElse(new StrategyParams("store", Map.of()));
        Path storeDir = Path.of(store.string("directory", "data"));
        store.requireAllRead();
        int prefix = top.integer("client_id_prefix", ClientOrderIds.defaultPrefix(instanceId));
        if (prefix < 1 || prefix > ClientOrderIds.MAX_PREFIX) {
            throw top.invalid("client_id_prefix", "must be 1.." + ClientOrderIds.MAX_PREFIX + ", was " + prefix);
        }
        StrategyParams engineSection = top.section("engine").orElse(new StrategyParams("engine", Map.of()));
        EngineSettings engine = new EngineSettings(instanceId, interval, duration,
                positive(engineSection, "fill_poll_interval", Duration.ofSeconds(30)),
                positive(engineSection, "reconcile_interval", Duration.ofSeconds(60)),
                atLeastOne(engineSection, "max_consecutive_errors", 10), shutdown,
                within(engineSection, "order_call_parallelism", EngineSettings.DEFAULT_ORDER_CALL_PARALLELISM,
                        1, EngineSettings.MAX_ORDER_CALL_PARALLELISM),
                io.mmkit.core.engine.WakeSettings.read(engineSection));
        engineSection.requireAllRead();
        Map<String, MarketConfig> markets = new LinkedHashMap<>();
        top.section("markets").ifPresent(m -> {
            for (String name : m.keys()) {
                StrategyParams market = m.section(name)
                        .orElseThrow(() -> m.invalid(name, "must be an object"));
                Map<String, Object> ex = market.section("exchange")
                        .map(s -> (Map<String, Object>) market.value("exchange"))
                        .orElseThrow(() -> new ConfigException(market.keyPath("exchange"), "required key is missing"));
                markets.put(name, new MarketConfig(ex, market.string("symbol")));
                market.requireAllRead();
            }
        });
        Guards guards = Guards.read(top.section("guards").orElse(new StrategyParams("guards", Map.of())));
        AlertSettings alerts = AlertSettings.read(top.section("alerts"));
        LogSettings logging = LogSettings.read(top.section("logging"), storeDir);
        EndpointSettings http = top.section("http").map(EndpointSettings::read).orElse(EndpointSettings.defaults());
        top.value("backtest"); // read by `run backtest`; a live run ignores it
        top.requireAllRead();
        return new BotConfig(instanceId, symbol, exchange, strategy, markets, engine, storeDir, prefix, guards,
                alerts, logging, http);
    }

    private static ShutdownSettings shutdown(StrategyParams s) {
        ShutdownSettings d = ShutdownSettings.DEFAULTS;
        ShutdownSettings settings;
        try {
            settings = new ShutdownSettings(
                    s.duration("cancel_timeout", d.cancelTimeout()),
                    s.duration("save_timeout", d.saveTimeout()),
                    s.duration("close_timeout", d.closeTimeout()),
                    s.duration("total_timeout", d.totalTimeout()),
                    s.duration("cancel_retry_pause", d.cancelRetryPause()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("", e.getMessage());
        }
        s.requireAllRead();
        requireWithin(s, "cancel_timeout", settings.cancelTimeout(), settings.totalTimeout());
        if (settings.cancelRetryPause().compareTo(settings.cancelTimeout()) >= 0) {
            throw s.invalid("cancel_retry_pause", "must be shorter than cancel_timeout ("
                    + Durations.format(settings.cancelTimeout()) + "), was "
                    + Durations.format(settings.cancelRetryPause()));
        }
        return settings;
    }

    /**
     * Cancelling is the step that matters: a whole-sequence deadline shorter than it would cut short the one
     * step that verifies nothing of ours is left. (Later steps are capped by what is left, by design.)
     */
    private static void requireWithin(StrategyParams s, String key, Duration step, Duration total) {
        if (step.compareTo(total) > 0) {
            throw s.invalid("total_timeout", "must be at least " + key + " (" + Durations.format(step)
                    + "), was " + Durations.format(total));
        }
    }

    private static Duration positive(StrategyParams s, String key, Duration fallback) {
        Duration d = s.duration(key, fallback);
        if (d.isZero() || d.isNegative()) {
            throw s.invalid(key, "must be positive");
        }
        return d;
    }

    private static int within(StrategyParams s, String key, int fallback, int min, int max) {
        int v = s.integer(key, fallback);
        if (v < min || v > max) {
            throw s.invalid(key, "must be " + min + ".." + max + ", was " + v);
        }
        return v;
    }

    private static int atLeastOne(StrategyParams s, String key, int fallback) {
        int v = s.integer(key, fallback);
        if (v < 1) {
            throw s.invalid(key, "must be at least 1, was " + v);
        }
        return v;
    }
}
