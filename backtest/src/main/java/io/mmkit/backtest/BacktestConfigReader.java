package io.mmkit.backtest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.backtest.data.DataFormat;
import io.mmkit.backtest.engine.ExchangeSettings;
import io.mmkit.backtest.engine.FillModelName;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.MarketType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a backtest config (JSON). Top-level sections {@code strategy} (the strategy's own parameters),
 * {@code market} and {@code backtest}; an optional {@code instance_id} and {@code engine.interval}. Other
 * top-level sections (a live config's venue or store settings) are ignored, but an unknown key inside the
 * sections read here is an error. Relative data paths resolve against the config file's folder. See
 * {@code backtest/README.md} for every key.
 */
public final class BacktestConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private BacktestConfigReader() {
    }

    /** Reads {@code file}. Blocks on file I/O. @throws ConfigException naming the key at fault */
    public static BacktestConfig read(Path file) {
        return parse(readTree(file), file.toAbsolutePath().getParent());
    }

    /** The file as plain JSON values, for {@link #parse} after overrides (sweeps). */
    public static Map<String, Object> readTree(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new ConfigException("", "cannot read config " + file + ": " + e.getMessage());
        }
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

    /** Validates and binds a config tree; {@code baseDir} resolves relative data paths. */
    @SuppressWarnings("unchecked")
    public static BacktestConfig parse(Map<String, Object> tree, Path baseDir) {
        StrategyParams root = new StrategyParams("", tree);
        String instanceId = root.string("instance_id", "backtest");
        Map<String, Object> strategy = tree.get("strategy") instanceof Map<?, ?> m
                ? (Map<String, Object>) m : Map.of();
        Duration interval = root.section("engine").map(e -> e.duration("interval", Duration.ofSeconds(1)))
                .orElse(Duration.ofSeconds(1));
        Instrument instrument = instrument(root.section("market")
                .orElseThrow(() -> new ConfigException("market", "required section is missing")));
        StrategyParams bt = root.section("backtest")
                .orElseThrow(() -> new ConfigException("backtest", "required section is missing"));
        FillModelName model;
        try {
            model = FillModelName.named(bt.string("fill_model", "queue"));
        } catch (IllegalArgumentException e) {
            throw bt.invalid("fill_model", e.getMessage());
        }
        Map<String, BigDecimal> deposits = new TreeMap<>();
        bt.section("deposits").ifPresent(d -> {
            for (String asset : ((Map<String, Object>) ((Map<String, Object>) tree.get("backtest")).get("deposits"))
                    .keySet()) {
                deposits.put(asset, d.decimal(asset));
            }
            d.requireAllRead();
        });
        ExchangeSettings exchange = new ExchangeSettings(bt.string("venue", "simulated"), instrument, model,
                bt.decimal("maker_fee", BigDecimal.ZERO), bt.decimal("taker_fee", BigDecimal.ZERO),
                bt.duration("entry_latency", Duration.ZERO), bt.duration("response_latency", Duration.ZERO),
                bt.duration("latency_jitter", Duration.ZERO), bt.integer("seed", 1), deposits);
        Duration sample = bt.duration("sample_interval", Duration.ofSeconds(10));
        Duration max = bt.duration("max_duration", null);
        List<Path> files = new ArrayList<>();
        Object data = ((Map<String, Object>) tree.get("backtest")).get("data");
        bt.has("data");
        if (data instanceof String s) {
            files.add(baseDir.resolve(s).normalize());
        } else if (data instanceof List<?> list) {
            list.forEach(f -> files.add(baseDir.resolve(String.valueOf(f)).normalize()));
        } else if (data != null) {
            throw bt.invalid("data", "must be a file name or a list of them");
        }
        DataFormat format = files.isEmpty() ? DataFormat.BINANCE : DataFormat.guess(files.get(0));
        String named = bt.string("data_format", null);
        if (named != null) {
            try {
                format = DataFormat.named(named);
            } catch (IllegalArgumentException e) {
                throw bt.invalid("data_format", "must be binance, csv or jsonl");
            }
        }
        bt.requireAllRead();
        return new BacktestConfig(instanceId, strategy, interval, exchange, sample, files, format, max);
    }

    private static Instrument instrument(StrategyParams m) {
        MarketType type = m.enumValue("type", MarketType.class, MarketType.SPOT);
        BigDecimal step = m.positiveDecimal("step_size");
        Instrument i = new Instrument(m.string("symbol"), m.string("base"), m.string("quote"), type,
                m.positiveDecimal("tick_size"), step, m.decimal("min_quantity", step),
                m.decimal("min_notional", BigDecimal.ZERO));
        m.requireAllRead();
        return i;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> tree) {
        Map<String, Object> copy = new LinkedHashMap<>();
        tree.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return copy;
    }
}
