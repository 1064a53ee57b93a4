package io.mmkit.exchange.binance;

import io.mmkit.core.model.MarketType;
import io.mmkit.exchange.ws.LocalOrderBook;

/**
 * One Binance-shaped REST and stream dialect: paths, weights, stream rules and default roots. Binance spot
 * ({@code /api/v3}) and USDⓈ-M futures ({@code /fapi/v1}), and the venues that copied Binance futures' API: Aster
 * v1 (Binance futures' paths byte for byte, HMAC keys) and Aster v3 (every path under {@code /fapi/v3}, signed by
 * an API wallet). The same {@link BinanceRestApi} and {@link BinanceGateway} serve them all; what differs is here
 * and in the {@link BinanceAuth} the gateway is given.
 */
public enum BinanceMarket {
    SPOT("binance", "/api/v3", "/api/v3/account", "/api/v3/openOrders", "/api/v3/myTrades",
            "/api/v3/userDataStream", null, null, "trade", LocalOrderBook.Continuity.NEXT_ID, 6000,
            "https://api.binance.com", "wss://stream.binance.com:9443"),
    FUTURES("binance", "/fapi/v1", "/fapi/v2/balance", "/fapi/v1/allOpenOrders", "/fapi/v1/userTrades",
            "/fapi/v1/listenKey", "/fapi/v2/positionRisk", "/fapi/v1/leverage", "aggTrade",
            LocalOrderBook.Continuity.PREVIOUS_ID, 2400, "https://fapi.binance.com", "wss://fstream.binance.com"),
    /** Aster's v1 futures API: Binance futures' paths, HMAC-signed with an API key and secret. */
    ASTER_V1("aster", "/fapi/v1", "/fapi/v2/balance", "/fapi/v1/allOpenOrders", "/fapi/v1/userTrades",
            "/fapi/v1/listenKey", "/fapi/v2/positionRisk", "/fapi/v1/leverage", "aggTrade",
            LocalOrderBook.Continuity.PREVIOUS_ID, 2400, "https://fapi.asterdex.com", "wss://fstream.asterdex.com"),
    /** Aster's v3 futures API: the same shapes under {@code /fapi/v3}, signed with EIP-712 by an API wallet. */
    ASTER_V3("aster", "/fapi/v3", "/fapi/v3/balance", "/fapi/v3/allOpenOrders", "/fapi/v3/userTrades",
            "/fapi/v3/listenKey", "/fapi/v3/positionRisk", "/fapi/v3/leverage", "aggTrade",
            LocalOrderBook.Continuity.PREVIOUS_ID, 2400, "https://fapi.asterdex.com", "wss://fstream.asterdex.com");

    private final String venue;
    private final String prefix;
    private final String balancePath;
    private final String cancelAllPath;
    private final String tradesPath;
    private final String listenKeyPath;
    private final String positionRiskPath;
    private final String leveragePath;
    private final String tradeStream;
    private final LocalOrderBook.Continuity continuity;
    private final int weightPerMinute;
    private final String defaultBaseUrl;
    private final String defaultWsUrl;

    BinanceMarket(String venue, String prefix, String balancePath, String cancelAllPath, String tradesPath,
                  String listenKeyPath, String positionRiskPath, String leveragePath, String tradeStream,
                  LocalOrderBook.Continuity continuity, int weightPerMinute, String defaultBaseUrl,
                  String defaultWsUrl) {
        this.venue = venue;
        this.prefix = prefix;
        this.balancePath = balancePath;
        this.cancelAllPath = cancelAllPath;
        this.tradesPath = tradesPath;
        this.listenKeyPath = listenKeyPath;
        this.positionRiskPath = positionRiskPath;
        this.leveragePath = leveragePath;
        this.tradeStream = tradeStream;
        this.continuity = continuity;
        this.weightPerMinute = weightPerMinute;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultWsUrl = defaultWsUrl;
    }

    /** Binance's dialect for {@code type}. */
    public static BinanceMarket of(MarketType type) {
        return type == MarketType.SPOT ? SPOT : FUTURES;
    }

    /** The venue's name, as in its exceptions and log lines. */
    public String venue() {
        return venue;
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

    /** Futures only. */
    public String positionRiskPath() {
        return positionRiskPath;
    }

    /** Futures only. */
    public String leveragePath() {
        return leveragePath;
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

    /** Every dialect but Binance spot is a USDⓈ-margined perpetual futures API. */
    public boolean isFutures() {
        return this != SPOT;
    }
}
