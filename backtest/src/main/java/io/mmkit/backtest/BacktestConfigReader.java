package io.mmkit.backtest;

import io.mmkit.backtest.data.DataFormat;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.WakeSettings;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.MarketType;
import io.mmkit.exchange.config.ConfigFile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a backtest config (JSON), laid out like the {@code run} command's config so a live or demo config
 * gains a {@code backtest} section and runs as is: top-level {@code instance_id}, {@code symbol},
 * {@code interval}; {@code strategy} (the strategy's own parameters); {@code exchange} (the market's rules,
 * fees, fill model and balances, as for the embedded simulated venue; other keys there are ignored); and
 * {@code backtest} (data, latency, seed, overrides), where an unknown key is an error. Relative data paths
 * resolve against the config file's folder. See {@code backtest/README.md} for every key.
 */
public final class BacktestConfigReader {
    private BacktestConfigReader() {
    }

    /** Reads {@code file}. Blocks on file I/O. @throws ConfigException naming the key at fault */
    public static BacktestConfig read(Path file) {
        return parse(readTree(file), file.toAbsolutePath().getParent());
    }

    /** The file as plain JSON values, for {@link #parse} after overrides (sweeps). */
    public static Map<String, Object> readTree(Path file) {
        return ConfigFile.loadPlain(file, System.getenv());
    }

    /** A copy of {@code tree} with {@code dotted.key} set to {@code value}, e.g. {@code strategy.spread}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> with(Map<String, Object> tree, String dottedKey, Object value) {
        Map<String, Object> copy = deepCopy(tree);
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> at = copy;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = at.get(parts[i]);
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                at.put(parts[i], next);
            }
            at = (Map<String, Object>) next;
        }
        at.put(parts[parts.length - 1], value);
        return copy;
    }

    private static final List<String> LIVE_ONLY_KEYS = List.of("strategy", "duration", "shutdown", "store",
            "client_id_prefix", "markets", "guards");

    /** Validates and binds a config tree; {@code baseDir} resolves relative data paths. */
    @SuppressWarnings("unchecked")
    public static BacktestConfig parse(Map<String, Object> tree, Path baseDir) {
        StrategyParams root = new StrategyParams("", tree);
        String instanceId = root.string("instance_id", "backtest");
        String symbol = root.string("symbol");
        Duration interval = root.duration("interval", Duration.ofSeconds(1));
        Map<String, Object> strategy = tree.get("strategy") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        StrategyParams venue = root.section("exchange")
                .orElseThrow(() -> new ConfigException("exchange", "required section is missing"));
        StrategyParams bt = root.section("backtest").orElse(new StrategyParams("backtest", Map.of()));
        Instrument instrument = instrument(symbol, venue);
        FillModelName model;
        String modelName = bt.string("fill_model", venue.string("fill_model", "queue"));
        try {
            model = FillModelName.named(modelName);
        } catch (IllegalArgumentException e) {
            throw bt.invalid("fill_model", e.getMessage());
        }
        Map<String, BigDecimal> balances = balances(bt.section("balances").or(() -> venue.section("balances")));
        BigDecimal maker = bt.optionalDecimal("maker_fee").orElse(venue.decimal("maker_fee", BigDecimal.ZERO));
        BigDecimal taker = bt.optionalDecimal("taker_fee").orElse(venue.decimal("taker_fee", BigDecimal.ZERO));
        ExchangeSettings exchange = new ExchangeSettings("simulated", instrument, model, maker, taker,
                bt.duration("entry_latency", Duration.ZERO), bt.duration("response_latency", Duration.ZERO),
                bt.duration("latency_jitter", Duration.ZERO), bt.integer("seed", 1), balances,
                bt.bool("liquidity_consumption", true));
        Duration sample = bt.duration("sample_interval", Duration.ofSeconds(10));
        Duration max = bt.duration("max_duration", null);
        List<Path> files = dataFiles(bt, baseDir);
        DataFormat format = format(bt, files);
        Map<String, BacktestMarket> markets = markets(root, bt, exchange, baseDir);
        // The engine's wake-up keys apply to a replay as to a live run; its other keys are live settings.
        WakeSettings wake = root.section("engine").map(WakeSettings::read).orElse(WakeSettings.INTERVAL_ONLY);
        bt.requireAllRead();
        for (String liveOnly : LIVE_ONLY_KEYS) {
            root.value(liveOnly); // strategy: read above; the rest are live settings a replay does not use
        }
        root.requireAllRead(); // a misspelt top-level key (or a sweep of one) must not be silently ignored
        return new BacktestConfig(instanceId, strategy, interval, exchange, sample, files, format, max, markets,
                wake);
    }

    private static DataFormat format(StrategyParams section, List<Path> files) {
        DataFormat format = files.isEmpty() ? DataFormat.BINANCE : DataFormat.guess(files.get(0));
        String named = section.string("data_format", null);
        if (named != null) {
            try {
                format = DataFormat.named(named);
            } catch (IllegalArgumentException e) {
                throw section.invalid("data_format", "must be binance, csv, jsonl or sqlite");
            }
        }
        return format;
    }

    /**
     * {@code backtest.markets.<name>}: {@code data} (required), {@code data_format}, {@code balances},
     * {@code maker_fee}, {@code taker_fee}; the instrument from its own {@code symbol} and {@code exchange}, or else
     * from the live layout's {@code markets.<name>} section (so a live hedge config only gains the data). The fill
     * model, latency, seed and liquidity consumption are the primary's: one simulated venue's rules, two books.
     */
    private static Map<String, BacktestMarket> markets(StrategyParams root, StrategyParams bt,
                                                       ExchangeSettings primary, Path baseDir) {
        Map<String, BacktestMarket> out = new LinkedHashMap<>();
        java.util.Optional<StrategyParams> section = bt.section("markets");
        if (section.isEmpty()) {
            return out;
        }
        StrategyParams live = root.section("markets").orElse(new StrategyParams("markets", Map.of()));
        for (String name : section.get().keys()) {
            StrategyParams m = section.get().section(name)
                    .orElseThrow(() -> section.get().invalid(name, "must be a section"));
            StrategyParams liveMarket = live.section(name).orElse(new StrategyParams("markets." + name, Map.of()));
            String symbol = m.has("symbol") ? m.string("symbol") : liveMarket.string("symbol", null);
            if (symbol == null) {
                throw m.invalid("symbol", "missing (give it here or in markets." + name + ")");
            }
            StrategyParams venue = m.section("exchange").or(() -> liveMarket.section("exchange"))
                    .orElseThrow(() -> m.invalid("exchange", "missing: the market's tick_size, step_size, base"
                            + " and quote (here or in markets." + name + ")"));
            List<Path> files = dataFiles(m, baseDir);
            if (files.isEmpty()) {
                throw m.invalid("data", "missing: a data set for market " + name);
            }
            BigDecimal maker = m.optionalDecimal("maker_fee").orElse(venue.decimal("maker_fee", primary.makerFee()));
            BigDecimal taker = m.optionalDecimal("taker_fee").orElse(venue.decimal("taker_fee", primary.takerFee()));
            ExchangeSettings settings = new ExchangeSettings("simulated", instrument(symbol, venue),
                    primary.fillModel(), maker, taker, primary.entryLatency(), primary.responseLatency(),
                    primary.latencyJitter(), primary.seed(), balances(m.section("balances")
                    .or(() -> venue.section("balances"))), primary.liquidityConsumption());
            DataFormat format = format(m, files);
            m.requireAllRead();
            out.put(name, new BacktestMarket(name, settings, files, format));
        }
        return out;
    }

    private static List<Path> dataFiles(StrategyParams bt, Path baseDir) {
        List<Path> files = new ArrayList<>();
        if (!bt.has("data")) {
            return files;
        }
        Object data = bt.value("data");
        if (data instanceof String s) {
            files.add(baseDir.resolve(s).normalize());
        } else if (data instanceof List<?> list) {
            list.forEach(f -> files.add(baseDir.resolve(String.valueOf(f)).normalize()));
        } else {
            throw bt.invalid("data", "must be a file name or a list of them");
        }
        return files;
    }

    private static Map<String, BigDecimal> balances(java.util.Optional<StrategyParams> section) {
        Map<String, BigDecimal> out = new TreeMap<>();
        section.ifPresent(b -> {
            for (String asset : b.keys()) {
                BigDecimal amount = b.decimal(asset);
                if (amount.signum() < 0) {
                    throw b.invalid(asset, "must not be negative");
                }
                out.put(asset, amount);
            }
        });
        return out;
    }

    /** The market's rules from the {@code exchange} section, laid out as for the embedded simulated venue. */
    private static Instrument instrument(String symbol, StrategyParams venue) {
        MarketType type = venue.enumValue("market", MarketType.class, MarketType.SPOT);
        BigDecimal step = venue.positiveDecimal("step_size");
        try {
            return new Instrument(symbol, venue.string("base"), venue.string("quote"), type,
                    venue.positiveDecimal("tick_size"), step, venue.decimal("min_quantity", step),
                    venue.decimal("min_notional", BigDecimal.ZERO));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("exchange", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> tree) {
        Map<String, Object> copy = new LinkedHashMap<>();
        tree.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return copy;
    }
}
