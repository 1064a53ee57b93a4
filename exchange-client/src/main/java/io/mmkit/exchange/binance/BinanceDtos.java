package io.mmkit.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/** Binance spot and USDⓈ-M futures REST payloads, as documented, keeping only the fields we read. */
public final class BinanceDtos {
    private BinanceDtos() {
    }

    /** {@code GET exchangeInfo}. */
    public record ExchangeInfo(Long serverTime, List<SymbolInfo> symbols) {
    }

    /** One symbol; {@code filters} are kept raw and read by {@code filterType}. */
    public record SymbolInfo(String symbol, String status, String baseAsset, String quoteAsset, String contractType,
                             List<JsonNode> filters) {
    }

    /** {@code GET depth}: levels are {@code [price, quantity]} strings. */
    public record Depth(long lastUpdateId, Long E, Long T, List<List<BigDecimal>> bids, List<List<BigDecimal>> asks) {
    }

    /**
     * An order as spot ({@code cummulativeQuoteQty}, {@code transactTime}) or futures ({@code cumQuote},
     * {@code avgPrice}, {@code updateTime}, {@code reduceOnly}) reports it.
     */
    public record Order(String symbol, long orderId, String clientOrderId, BigDecimal price, BigDecimal origQty,
                        BigDecimal executedQty, BigDecimal cummulativeQuoteQty, BigDecimal cumQuote,
                        BigDecimal avgPrice, String status, String timeInForce, String type, String side,
                        Boolean reduceOnly, Long time, Long transactTime, Long updateTime) {
    }

    /** {@code GET /api/v3/account}. */
    public record SpotAccount(List<SpotBalance> balances) {
    }

    public record SpotBalance(String asset, BigDecimal free, BigDecimal locked) {
    }

    /** {@code GET /fapi/v2/balance} element. */
    public record FuturesBalance(String asset, BigDecimal balance, BigDecimal availableBalance,
                                 BigDecimal crossUnPnl) {
    }

    /** {@code GET /fapi/v2/positionRisk} element. */
    public record PositionRisk(String symbol, BigDecimal positionAmt, BigDecimal entryPrice, BigDecimal markPrice,
                               BigDecimal unRealizedProfit, String leverage) {
    }

    /** {@code GET /api/v3/myTrades} ({@code isBuyer}, {@code isMaker}) or {@code /fapi/v1/userTrades} ({@code buyer}, {@code maker}). */
    public record UserTrade(String symbol, long id, long orderId, BigDecimal price, BigDecimal qty,
                            BigDecimal commission, String commissionAsset, long time, Boolean isBuyer,
                            Boolean isMaker, Boolean buyer, Boolean maker) {
    }

    /** {@code POST /fapi/v1/leverage}. */
    public record Leverage(String symbol, int leverage, String maxNotionalValue) {
    }

    /** {@code POST listenKey / userDataStream}. */
    public record ListenKey(String listenKey) {
    }

    /** {@code {"code": -2010, "msg": "..."}}. */
    public record ErrorBody(Integer code, String msg) {
    }
}
