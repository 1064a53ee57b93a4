package io.mmkit.exchange.hyperliquid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /exchange} actions this client sends, as ordered maps: the same map is msgpacked for the signature
 * and written as the request's JSON, so its key order (the Python SDK's) is the one Hyperliquid hashes. Pure.
 */
final class HyperliquidActions {
    private HyperliquidActions() {
    }

    /**
     * One order's wire form: {@code a} asset, {@code b} is buy, {@code p} price, {@code s} size, {@code r} reduce
     * only, {@code t} type ({@code {"limit": {"tif": "Alo" | "Gtc" | "Ioc"}}}), {@code c} cloid when given.
     */
    static Map<String, Object> orderWire(int asset, boolean isBuy, String price, String size, boolean reduceOnly,
                                         String tif, String cloid) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("a", asset);
        wire.put("b", isBuy);
        wire.put("p", price);
        wire.put("s", size);
        wire.put("r", reduceOnly);
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("tif", tif);
        wire.put("t", Map.of("limit", limit));
        if (cloid != null) {
            wire.put("c", cloid);
        }
        return wire;
    }

    /** {@code {"type": "order", "orders": [...], "grouping": "na"}}. */
    static Map<String, Object> order(List<Map<String, Object>> wires) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "order");
        action.put("orders", List.copyOf(wires));
        action.put("grouping", "na");
        return action;
    }

    /** {@code {"type": "cancelByCloid", "cancels": [{"asset": a, "cloid": c}, ...]}}. */
    static Map<String, Object> cancelByCloid(int asset, List<String> cloids) {
        List<Map<String, Object>> cancels = new ArrayList<>();
        for (String cloid : cloids) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("asset", asset);
            c.put("cloid", cloid);
            cancels.add(c);
        }
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "cancelByCloid");
        action.put("cancels", cancels);
        return action;
    }

    /** {@code {"type": "cancel", "cancels": [{"a": asset, "o": oid}, ...]}}. */
    static Map<String, Object> cancelByOid(int asset, List<Long> oids) {
        List<Map<String, Object>> cancels = new ArrayList<>();
        for (long oid : oids) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("a", asset);
            c.put("o", oid);
            cancels.add(c);
        }
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "cancel");
        action.put("cancels", cancels);
        return action;
    }

    /** {@code {"type": "updateLeverage", "asset": a, "isCross": true, "leverage": n}}. */
    static Map<String, Object> updateLeverage(int asset, boolean cross, int leverage) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "updateLeverage");
        action.put("asset", asset);
        action.put("isCross", cross);
        action.put("leverage", leverage);
        return action;
    }
}
