package io.mmkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.PublicMarketData;
import io.mmkit.sim.FillModelName;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Paper trading as a config section: the real venue's public market data (book and trades, streamed and resynced
 * exactly as a live run reads them), fills simulated by the one matching engine with its fill model, fees and
 * latency, on the wall clock. No keys are needed: key entries in {@code market_data} are ignored.
 *
 * <pre>
 * "exchange": {"name": "paper",
 *              "market_data": {"name": "binance", "market": "spot"},
 *              "balances": {"USDT": "10000", "BTC": "0.2"},
 *              "fill_model": "queue", "maker_fee": "0.001", "taker_fee": "0.001", "latency": "20ms"}
 * </pre>
 *
 * <p>{@code market_data} is a Binance (spot or perpetual) or Backpack section, e.g.
 * {@code {"name": "backpack"}}: Backpack's {@code depth.<symbol>} and {@code trade.<symbol>} streams with its
 * {@code /api/v1/depth} resync. A hedge market ({@code markets.hedge.exchange}) may be a paper venue of its own.
 *
 * <p>The gateway's venue is {@code paper:<venue>} (e.g. {@code paper:binance}) and every order and fill id it hands
 * out starts with {@code paper-}, so the store's rows say they were never on the venue.
 */
record PaperVenue(
        String path,
        JsonNode marketData,
        String makerFee,
        String takerFee,
        FillModelName fillModel,
        Duration latency,
        Map<String, String> balances) {

    static final String NAME = "paper";

    /** Validates the section for {@code symbol} without any I/O. */
    static PaperVenue from(String path, Map<String, Object> section) {
        StrategyParams s = new StrategyParams(path, section);
        s.string("name");
        if (s.section("market_data").isEmpty()) {
            throw new ConfigException(path + ".market_data", "required key is missing: the venue to read market"
                    + " data from, e.g. {\"name\": \"binance\", \"market\": \"spot\"}");
        }
        JsonNode marketData = new ObjectMapper().valueToTree(section.get("market_data"));
        PublicMarketData.validate(path + ".market_data", marketData);
        String maker = s.decimal("maker_fee", BigDecimal.ZERO).toPlainString();
        String taker = s.decimal("taker_fee", BigDecimal.ZERO).toPlainString();
        FillModelName model;
        try {
            model = FillModelName.named(s.string("fill_model", "touch"));
        } catch (IllegalArgumentException e) {
            throw s.invalid("fill_model", e.getMessage());
        }
        Duration latency = s.duration("latency", Duration.ZERO);
        if (latency.isNegative()) {
            throw s.invalid("latency", "must not be negative");
        }
        Map<String, String> balances = new LinkedHashMap<>();
        s.section("balances").ifPresent(b -> {
            for (String asset : b.keys()) {
                BigDecimal amount = b.decimal(asset);
                if (amount.signum() < 0) {
                    throw b.invalid(asset, "must not be negative");
                }
                balances.put(asset, amount.toPlainString());
            }
        });
        if (balances.isEmpty()) {
            throw new ConfigException(path + ".balances", "required: the paper account's starting balances,"
                    + " e.g. {\"USDT\": \"10000\", \"BTC\": \"0.2\"}");
        }
        s.requireAllRead();
        return new PaperVenue(path, marketData, maker, taker, model, latency, balances);
    }

    /** For messages: paper trading, and where its market data comes from. */
    String endpoint() {
        String venue = marketData.path("name").asText();
        return "paper trading on " + venue + " market data at " + marketData.path("base_url").asText(venue
                + "'s public endpoints");
    }

    /**
     * Opens the market data and the simulated account for {@code symbol}: loads the instrument over the venue's
     * public REST and subscribes to its streams. The caller closes the gateway, which closes both.
     */
    ExchangeGateway open(String symbol, TimeSource wallClock) {
        PublicMarketData data = PublicMarketData.open(path + ".market_data", marketData, wallClock);
        try {
            return PaperExchange.open(data, symbol, this, wallClock);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }
}
