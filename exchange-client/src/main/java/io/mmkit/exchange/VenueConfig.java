package io.mmkit.exchange;

import io.mmkit.core.model.MarketType;
import io.mmkit.exchange.http.HttpSettings;
import io.mmkit.exchange.http.Redactor;
import io.mmkit.exchange.ws.StreamSettings;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a venue gateway is built from. Holds the key material only on its way into the gateway;
 * {@link #toString()} masks it.
 *
 * @param market spot or perpetual: Binance's base URL family ({@code /api/v3} or {@code /fapi/v1})
 * @param baseUrl REST root, e.g. {@code https://api.backpack.exchange}
 * @param wsUrl WebSocket root, e.g. {@code wss://ws.backpack.exchange}
 * @param recvWindowMillis Backpack {@code X-WINDOW} / Binance {@code recvWindow}
 * @param apiKey the API key; for a wallet-signed venue the account address (Aster v3 {@code user}, Hyperliquid)
 * @param secret the API secret; for a wallet-signed venue the API wallet's private key (Aster v3, Hyperliquid)
 * @param options venue-specific settings Gateways validated, by config key (Aster: {@code auth}, {@code chain_id})
 */
public record VenueConfig(String name, MarketType market, String baseUrl, String wsUrl, String apiKey,
                          String secret, long recvWindowMillis, HttpSettings http, StreamSettings streams,
                          Map<String, String> options) {
    /** A venue with no venue-specific settings. */
    public VenueConfig(String name, MarketType market, String baseUrl, String wsUrl, String apiKey, String secret,
                       long recvWindowMillis, HttpSettings http, StreamSettings streams) {
        this(name, market, baseUrl, wsUrl, apiKey, secret, recvWindowMillis, http, streams, Map.of());
    }

    public VenueConfig {
        options = Map.copyOf(Objects.requireNonNull(options, "options"));
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(streams, "streams");
    }

    /** Values that must never reach a log line. */
    public Redactor redactor() {
        return new Redactor(java.util.List.of(apiKey, secret));
    }

    @Override
    public String toString() {
        return "VenueConfig[name=" + name + ", market=" + market + ", baseUrl=" + baseUrl + ", wsUrl=" + wsUrl
                + ", apiKey=" + Redactor.mask(apiKey) + ", secret=***, recvWindowMillis=" + recvWindowMillis
                + ", http=" + http + ", streams=" + streams + ", options=" + options + "]";
    }
}
