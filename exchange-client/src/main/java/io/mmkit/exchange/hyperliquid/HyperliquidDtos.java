package io.mmkit.exchange.hyperliquid;

import java.math.BigDecimal;
import java.util.List;

/**
 * Hyperliquid's {@code /info} answers, as its API docs (and the Python SDK's recorded answers) show them. Decimals
 * arrive as strings and are read as {@link BigDecimal}; unknown fields are ignored. {@code /exchange} answers have a
 * {@code response} that is an object or a string, so they are read as trees in {@link HyperliquidAdapters}.
 */
public final class HyperliquidDtos {
    private HyperliquidDtos() {
    }

    /** One perpetual in {@code meta.universe}; its index in that list is its asset id. */
    public record AssetInfo(String name, int szDecimals, Integer maxLeverage, Boolean isDelisted) {
    }

    /** {@code {"type": "meta"}}. */
    public record Meta(List<AssetInfo> universe) {
        public Meta {
            universe = universe == null ? List.of() : List.copyOf(universe);
        }
    }

    /** One perpetual's context in {@code metaAndAssetCtxs}, in the same order as the universe. */
    public record AssetCtx(BigDecimal markPx, BigDecimal midPx, BigDecimal oraclePx, BigDecimal funding) {
    }

    /** An {@code l2Book} level: price, size, number of orders. */
    public record Level(BigDecimal px, BigDecimal sz, Integer n) {
    }

    /** {@code {"type": "l2Book", "coin": c}} and the {@code l2Book} stream: {@code levels} is {@code [bids, asks]}. */
    public record L2Book(String coin, List<List<Level>> levels, long time) {
        public List<Level> bids() {
            return levels == null || levels.isEmpty() ? List.of() : levels.get(0);
        }

        public List<Level> asks() {
            return levels == null || levels.size() < 2 ? List.of() : levels.get(1);
        }
    }

    /** An order in {@code frontendOpenOrders}, and the {@code order} inside {@code orderStatus} / {@code orderUpdates}. */
    public record Order(String coin, String side, BigDecimal limitPx, BigDecimal sz, long oid, long timestamp,
                        BigDecimal origSz, String cloid, Boolean reduceOnly, String tif, String orderType) {
    }

    /** {@code {"order": Order, "status": "open" | "filled" | "canceled" | ..., "statusTimestamp": ms}}. */
    public record OrderWithStatus(Order order, String status, Long statusTimestamp) {
    }

    /** {@code {"type": "orderStatus", "user", "oid"}}: {@code status} is {@code "order"} or {@code "unknownOid"}. */
    public record OrderStatus(String status, OrderWithStatus order) {
    }

    /** One fill in {@code userFills}, {@code userFillsByTime} and the {@code userFills} stream. */
    public record Fill(String coin, BigDecimal px, BigDecimal sz, String side, long time, String dir, String hash,
                       long oid, boolean crossed, BigDecimal fee, Long tid, String feeToken, String cloid) {
    }

    /** The {@code userFills} stream's data: the first message is a snapshot of recent fills. */
    public record UserFills(String user, Boolean isSnapshot, List<Fill> fills) {
    }

    /** {@code cumFunding} of a position: funding paid all time, since open and since the last size change. */
    public record CumFunding(BigDecimal allTime, BigDecimal sinceOpen, BigDecimal sinceChange) {
    }

    /** {@code assetPositions[].position}: {@code szi} is the signed size. */
    public record Position(String coin, BigDecimal szi, BigDecimal entryPx, BigDecimal positionValue,
                           BigDecimal unrealizedPnl, CumFunding cumFunding) {
    }

    public record AssetPosition(Position position, String type) {
    }

    public record MarginSummary(BigDecimal accountValue, BigDecimal totalMarginUsed, BigDecimal totalNtlPos) {
    }

    /** {@code {"type": "clearinghouseState", "user"}}: the perpetuals account. */
    public record ClearinghouseState(List<AssetPosition> assetPositions, MarginSummary marginSummary,
                                     BigDecimal withdrawable) {
        public ClearinghouseState {
            assetPositions = assetPositions == null ? List.of() : List.copyOf(assetPositions);
        }
    }

    /** A token balance in {@code spotClearinghouseState}: {@code hold} is locked in orders. */
    public record SpotBalance(String coin, BigDecimal total, BigDecimal hold) {
    }

    /** {@code {"type": "spotClearinghouseState", "user"}}. */
    public record SpotState(List<SpotBalance> balances) {
        public SpotState {
            balances = balances == null ? List.of() : List.copyOf(balances);
        }
    }

    /** One public trade on the {@code trades} stream: {@code side} is the aggressor's. */
    public record Trade(String coin, String side, BigDecimal px, BigDecimal sz, long time, Long tid) {
    }
}
