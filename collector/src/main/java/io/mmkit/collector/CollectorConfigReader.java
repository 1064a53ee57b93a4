package io.mmkit.collector;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.engine.ShutdownSettings;
import io.mmkit.exchange.binance.BinanceMarket;
import io.mmkit.exchange.config.ConfigFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a collector's settings from a JSON config: the bot layout's {@code symbol} and {@code exchange}
 * ({@code name} binance or backpack; {@code market} spot or perpetual for Binance, Backpack's symbol says it;
 * {@code base_url}, {@code ws_url}; key settings are ignored, the data is public), plus optional {@code collector}
 * and {@code shutdown} sections. Any bot config for Binance or Backpack therefore collects as is. Relative paths are resolved against the config file's folder.
 *
 * <pre>{@code
 * {"symbol": "BTCUSDT",
 *  "exchange": {"name": "binance", "market": "spot"},
 *  "collector": {"db": "data/btcusdt.db", "snapshot_interval": "60s", "snapshot_depth": 1000,
 *                "depth_band_bps": 10, "flush_interval": "1s", "flush_batch": 1000, "minute_grace": "2s",
 *                "duration": "24h", "max_failed_connects": 10},
 *  "shutdown": {"cancel_timeout": "10s", "save_timeout": "5s", "close_timeout": "5s", "total_timeout": "20s"}}
 * }</pre>
 *
 * Every problem is a one-line {@link ConfigException} naming its key. Pure apart from reading the file.
 */
public final class CollectorConfigReader {
    private CollectorConfigReader() {
    }

    /** Reads {@code file}, expanding {@code ${VAR}} from {@code env}. */
    public static CollectorSettings read(Path file, Map<String, String> env) {
        Path base = file.toAbsolutePath().getParent();
        return read(new StrategyParams("", ConfigFile.loadPlain(file, env)), base);
    }

    static CollectorSettings read(StrategyParams root, Path baseDir) {
        String symbol = root.string("symbol");
        StrategyParams exchange = root.section("exchange").orElse(new StrategyParams("exchange", Map.of()));
        String name = exchange.string("name", "binance").toLowerCase(Locale.ROOT);
        StrategyParams c = root.section("collector").orElse(new StrategyParams("collector", Map.of()));
        Path db = baseDir.resolve(c.string("db", "data/" + symbol.toLowerCase(Locale.ROOT) + ".db"));
        CollectorSettings d = switch (name) {
            case "binance" -> CollectorSettings.defaults(symbol, market(exchange, "market",
                    exchange.string("market", "spot")), db);
            case "backpack" -> {
                exchange.value("market"); // the symbol says it (SOL_USDC, SOL_USDC_PERP); same streams for both
                yield CollectorSettings.backpack(symbol, db);
            }
            default -> throw exchange.invalid("name", "the collector records binance or backpack, was \"" + name
                    + "\"");
        };
        try {
            CollectorSettings s = d.withUrls(exchange.string("base_url", d.baseUrl()),
                            exchange.string("ws_url", d.wsUrl()))
                    .withSnapshots(c.duration("snapshot_interval", d.snapshotInterval()),
                            c.integer("snapshot_depth", d.snapshotDepth()))
                    .withBook(c.integer("depth_band_bps", d.depthBandBps()), c.duration("minute_grace",
                            d.minuteGrace()))
                    .withFlush(c.duration("flush_interval", d.flushInterval()), c.integer("flush_batch",
                            d.flushBatch()))
                    .withDuration(c.duration("duration", null))
                    .withFailedConnectLimit(c.integer("max_failed_connects", d.failedConnectLimit()))
                    .withShutdown(shutdown(root.section("shutdown")
                            .orElse(new StrategyParams("shutdown", Map.of()))));
            c.requireAllRead();
            return s;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("collector", e.getMessage());
        }
    }

    /** {@code spot} or {@code perpetual} (also {@code perp}, {@code futures}). */
    public static BinanceMarket market(StrategyParams section, String key, String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "spot" -> BinanceMarket.SPOT;
            case "perpetual", "perp", "futures" -> BinanceMarket.FUTURES;
            default -> throw section.invalid(key, "must be spot or perpetual, was \"" + text + "\"");
        };
    }

    private static ShutdownSettings shutdown(StrategyParams s) {
        ShutdownSettings d = ShutdownSettings.DEFAULTS;
        try {
            ShutdownSettings out = new ShutdownSettings(s.duration("cancel_timeout", d.cancelTimeout()),
                    s.duration("save_timeout", d.saveTimeout()), s.duration("close_timeout", d.closeTimeout()),
                    s.duration("total_timeout", d.totalTimeout()),
                    s.duration("cancel_retry_pause", d.cancelRetryPause()));
            s.requireAllRead();
            return out;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("shutdown", e.getMessage());
        }
    }
}
