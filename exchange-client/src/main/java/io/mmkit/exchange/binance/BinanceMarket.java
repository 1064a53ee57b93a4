package io.mmkit.exchange.binance;

import io.mmkit.core.model.MarketType;
import io.mmkit.exchange.ws.LocalOrderBook;

/** Binance spot ({@code /api/v3}) or USDⓈ-M futures ({@code /fapi/v1}): paths, weights and stream rules. */
public enum BinanceMarket {
    SPOT("/api/v3", "/api/v3/account", "/api/v3/openOrders", "/api/v3/myTrades", "/api/v3/userDataStream",
            "trade", LocalOrderBook.Continuity.NEXT_ID, 6000, "https://api.binance.com",
            "wss://stream.binance.com:9443"),
    FUTURES("/fapi/v1", "/fapi/v2/balance", "/fapi/v1/allOpenOrders", "/fapi/v1/userTrades", "/fapi/v1/listenKey",
            "aggTrade", LocalOrderBook.Continuity.PREVIOUS_ID, 2400, "https://fapi.binance.com",
            "wss://fstream.binance.com");

    private final String prefix;
    private final String balancePath;
    private final String cancelAllPath;
    private final String tradesPath;
    private final String listenKeyPath;
    private final String tradeStream;
    private final LocalOrderBook.Continuity continuity;
    private final int weightPerMinute;
    private final String defaultBaseUrl;
    private final String defaultWsUrl;

    BinanceMarket(String prefix, String balancePath, String cancelAllPath, String tradesPath, String listenKeyPath,
                  String tradeStream, LocalOrderBook.Continuity continuity, int weightPerMinute,
                  String defaultBaseUrl, String defaultWsUrl) {
        this.prefix = prefix;
        this.balancePath = balancePath;
        this.cancelAllPath = cancelAllPath;
        this.tradesPath = tradesPath;
        this.listenKeyPath = listenKeyPath;
        this.tradeStream = tradeStream;
        this.continuity = continuity;
        this.weightPerMinute = weightPerMinute;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultWsUrl = defaultWsUrl;
    }

    public static BinanceMarket of(MarketType type) {
        return type == MarketType.SPOT ? SPOT : FUTURES;
    }

    public String path(String endpoint) {
        return prefix + endpoint;
    }

    public String balancePath() {
        return balancePath;
    }

    public String cancelAllPath() {
        return cancelAllPath;
    }

    public String tradesPath() {
        return tradesPath;
    }

    public String listenKeyPath() {
        return listenKeyPath;
    }

    public String positionRiskPath() {
        return "/fapi/v2/positionRisk";
    }

    /** The public trade stream's suffix: spot {@code @trade}, futures {@code @aggTrade}. */
    public String tradeStream() {
        return tradeStream;
    }

    public LocalOrderBook.Continuity continuity() {
        return continuity;
    }

    public int weightPerMinute() {
        return weightPerMinute;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public String defaultWsUrl() {
        return defaultWsUrl;
    }

    public boolean isFutures() {
        return this == FUTURES;
    }
}
