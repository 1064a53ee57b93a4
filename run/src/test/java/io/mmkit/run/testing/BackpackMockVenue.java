package io.mmkit.run.testing;

import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.BacktestExchange;
import io.mmkit.sim.ExchangeSettings;
import io.mmkit.sim.FillModelName;
import io.mmkit.backtest.http.BackpackOverHttp;
import io.mmkit.backtest.http.SimulatedVenueServer;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.Side;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A venue that outlives the bot: the backtest engine served over HTTP in Backpack's shape (as in
 * {@code VenueRunIT}), with a static two-sided book that never trades, so orders a killed bot left behind
 * are still there for a sweep to find.
 */
public final class BackpackMockVenue implements AutoCloseable {
    public static final String SYMBOL = "SOL_USDC";
    /** The environment the config's key variables name. */
    public static final Map<String, String> KEYS = Map.of("MMKIT_IT_BACKPACK_KEY", BackpackOverHttp.DUMMY_API_KEY,
            "MMKIT_IT_BACKPACK_SECRET", BackpackOverHttp.DUMMY_SECRET);
    private static final Instant BOOK_TIME = Instant.parse("2025-01-01T00:00:00Z");

    private final BacktestExchange venue;
    private final SimulatedVenueServer server;

    public BackpackMockVenue() {
        Instrument sol = Instrument.spot(SYMBOL, "SOL", "USDC", "0.01", "0.01");
        List<ReplayEvent> book = List.of(
                new ReplayEvent.LevelChanged(BOOK_TIME, Side.BUY, new BigDecimal("150.00"), new BigDecimal("40")),
                new ReplayEvent.LevelChanged(BOOK_TIME, Side.SELL, new BigDecimal("150.10"), new BigDecimal("40")));
        venue = new BacktestExchange(ExchangeSettings.of(sol, FillModelName.QUEUE,
                Map.of("USDC", new BigDecimal("100000"), "SOL", new BigDecimal("500"))),
                new ListReplaySource(book), null);
        if (!venue.warmUp()) {
            throw new IllegalStateException("the mock's book is not two-sided");
        }
        server = new SimulatedVenueServer(venue);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public List<OpenOrder> openOrders() {
        return venue.openOrders(SYMBOL);
    }

    /** A grid config on this venue (REST only), its store in {@code dataDir}, cancel deadline 5 s. */
    public static Path gridConfig(Path file, String instanceId, String baseUrl, Path dataDir) throws IOException {
        return gridConfig(file, instanceId, baseUrl, dataDir, 5);
    }

    /**
     * As above with {@code shutdown.cancel_timeout} of {@code cancelSeconds}: the deadline cancel-all sweeps
     * within, which on a busy box must also cover its own JVM's start and the venue's first answers.
     */
    public static Path gridConfig(Path file, String instanceId, String baseUrl, Path dataDir, int cancelSeconds)
            throws IOException {
        String config = """
                {
                  "instance_id": "%s",
                  "symbol": "%s",
                  "interval": "500ms",
                  "exchange": {
                    "name": "backpack",
                    "market": "spot",
                    "base_url": "%s",
                    "ws_url": "%s",
                    "api_key_env": "MMKIT_IT_BACKPACK_KEY",
                    "secret_key_env": "MMKIT_IT_BACKPACK_SECRET",
                    "streams": false
                  },
                  "strategy": {
                    "grid_lower_price": "148",
                    "grid_upper_price": "152",
                    "grid_num": 21,
                    "grid_mode": "arithmetic",
                    "order_quantity": "0.5"
                  },
                  "shutdown": {"cancel_timeout": "%ds", "save_timeout": "2s", "close_timeout": "2s",
                               "total_timeout": "%ds"},
                  "store": {"directory": "%s"}
                }
                """.formatted(instanceId, SYMBOL, baseUrl, baseUrl.replaceFirst("^http", "ws"), cancelSeconds,
                cancelSeconds + 3, dataDir);
        return Files.writeString(file, config);
    }

    @Override
    public void close() {
        server.close();
    }
}
