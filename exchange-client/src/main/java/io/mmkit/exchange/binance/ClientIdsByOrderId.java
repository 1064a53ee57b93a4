package io.mmkit.exchange.binance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The venue order id to client order id pairs a gateway has seen (placements, open orders, lookups), so that
 * trades from the trade history, which carry the order id only, can be tied to our client ids. Keeps the most
 * recent {@value #CAPACITY}; thread-safe (synchronized).
 */
final class ClientIdsByOrderId {
    static final int CAPACITY = 10_000;

    private final Map<String, String> byOrderId = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void learn(String orderId, String clientOrderId) {
        if (orderId != null && clientOrderId != null && !clientOrderId.isEmpty()) {
            byOrderId.put(orderId, clientOrderId);
        }
    }

    /** Also remembers that the venue answered with no client id ({@code ""}), so it is not asked again. */
    synchronized void remember(String orderId, String clientOrderIdOrEmpty) {
        if (orderId != null && clientOrderIdOrEmpty != null) {
            byOrderId.put(orderId, clientOrderIdOrEmpty);
        }
    }

    /** The client id, {@code ""} when the venue knows none, {@code null} when never seen. */
    synchronized String get(String orderId) {
        return byOrderId.get(orderId);
    }
}
