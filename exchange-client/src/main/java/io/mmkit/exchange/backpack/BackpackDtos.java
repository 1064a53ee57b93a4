package io.mmkit.exchange.backpack;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/** Backpack's REST payloads, as documented, keeping only the fields we read. */
public final class BackpackDtos {
    private BackpackDtos() {
    }

    /** {@code GET /api/v1/markets} element. */
    public record Market(String symbol, String baseSymbol, String quoteSymbol, String marketType, Filters filters,
                         String orderBookState) {
    }

    public record Filters(PriceFilter price, QuantityFilter quantity) {
    }

    public record PriceFilter(BigDecimal minPrice, BigDecimal maxPrice, BigDecimal tickSize) {
    }

    public record QuantityFilter(BigDecimal minQuantity, BigDecimal maxQuantity, BigDecimal stepSize) {
    }

    /** {@code GET /api/v1/depth}: levels are {@code [price, quantity]} strings. */
    public record Depth(List<List<BigDecimal>> asks, List<List<BigDecimal>> bids, String lastUpdateId,
                        Long timestamp) {
    }

    /** {@code GET /api/v1/ticker}. */
    public record Ticker(String symbol, BigDecimal firstPrice, BigDecimal lastPrice, BigDecimal high,
                         BigDecimal low, BigDecimal volume, BigDecimal quoteVolume, Long trades) {
    }

    /** An order as {@code /api/v1/order(s)} returns it. {@code createdAt} is epoch ms or a naive UTC date-time. */
    public record Order(String id, Long clientId, String symbol, String side, String orderType, String timeInForce,
                        BigDecimal price, BigDecimal quantity, BigDecimal executedQuantity,
                        BigDecimal executedQuoteQuantity, String status, Boolean postOnly, Boolean reduceOnly,
                        String expiryReason, JsonNode createdAt) {
    }

    /** A value of {@code GET /api/v1/capital}, keyed by asset. */
    public record CapitalBalance(BigDecimal available, BigDecimal locked, BigDecimal staked) {
    }

    /** {@code GET /api/v1/capital/collateral}. */
    public record Collateral(BigDecimal assetsValue, BigDecimal netEquity, BigDecimal netEquityAvailable,
                             BigDecimal netEquityLocked, BigDecimal pnlUnrealized, BigDecimal imf, BigDecimal mmf,
                             List<CollateralAsset> collateral) {
    }

    public record CollateralAsset(String symbol, BigDecimal totalQuantity, BigDecimal availableQuantity,
                                  BigDecimal openOrderQuantity, BigDecimal lendQuantity, BigDecimal collateralWeight,
                                  BigDecimal collateralValue) {
    }

    /** {@code GET /api/v1/position} element. */
    public record FuturePosition(String symbol, BigDecimal netQuantity, BigDecimal entryPrice, BigDecimal markPrice,
                                 BigDecimal pnlUnrealized, BigDecimal pnlRealized,
                                 BigDecimal cumulativeFundingPayment) {
    }

    /** {@code GET /wapi/v1/history/fills} element; {@code timestamp} is a naive UTC date-time. */
    public record FillRecord(String tradeId, String orderId, String clientId, String symbol, String side,
                             BigDecimal price, BigDecimal quantity, BigDecimal fee, String feeSymbol, Boolean isMaker,
                             String timestamp) {
    }

    /** An error body: {@code {"code": "INVALID_ORDER", "message": "..."}}. */
    public record ErrorBody(String code, String message) {
    }
}
