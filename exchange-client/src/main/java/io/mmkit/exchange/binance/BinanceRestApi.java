package io.mmkit.exchange.binance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.exchange.http.CallSafety;
import io.mmkit.exchange.http.HttpAnswer;
import io.mmkit.exchange.http.RestTransport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The REST endpoints of a Binance-shaped {@link BinanceMarket dialect}, one method each: Binance spot
 * ({@code /api/v3}) or USDⓈ-M futures ({@code /fapi/v1}), Aster v1 or v3. Signed calls send every parameter in
 * the query string and are signed by the {@link BinanceAuth} given (Binance's HMAC with {@code recvWindow} and
 * {@code timestamp}, or Aster's API wallet); each attempt is signed afresh.
 *
 * <p>Thread-safe. Every method blocks the calling thread for the call and its retries, and fails with the
 * {@link io.mmkit.core.exchange.ExchangeException}s {@link BinanceErrors} maps.
 */
public final class BinanceRestApi {
    private static final int[] FUTURES_DEPTHS = {5, 10, 20, 50, 100, 500, 1000};

    private final RestTransport transport;
    private final BinanceMarket market;
    private final HttpUrl baseUrl;
    private final BinanceAuth auth;
    private final ObjectMapper mapper;
    private final BinanceErrors errors;

    /** Binance's HMAC-signed API (key in {@code X-MBX-APIKEY}, {@code recvWindow} and {@code timestamp}). */
    public BinanceRestApi(RestTransport transport, BinanceMarket market, HttpUrl baseUrl, String apiKey,
                          BinanceSigner signer, long recvWindowMillis, ObjectMapper mapper, BinanceErrors errors) {
        this(transport, market, baseUrl, new BinanceHmacAuth(apiKey, signer, recvWindowMillis), mapper, errors);
    }

    public BinanceRestApi(RestTransport transport, BinanceMarket market, HttpUrl baseUrl, BinanceAuth auth,
                          ObjectMapper mapper, BinanceErrors errors) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.market = Objects.requireNonNull(market, "market");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    public BinanceMarket market() {
        return market;
    }

    /** {@code GET time}: the server's clock in epoch ms. */
    public long serverTime() {
        return transport.execute("server time", 1, CallSafety.READ,
                ts -> publicGet(market.path("/time"), Map.of()),
                a -> read("server time", a, new TypeReference<Map<String, Long>>() { }).get("serverTime"));
    }

    /** {@code GET exchangeInfo} (spot narrowed to {@code symbol}; futures lists every symbol). */
    public BinanceDtos.ExchangeInfo exchangeInfo(String symbol) {
        Map<String, String> params = market.isFutures() ? Map.of() : Map.of("symbol", symbol);
        return transport.execute("exchangeInfo", market.isFutures() ? 1 : 20, CallSafety.READ,
                ts -> publicGet(market.path("/exchangeInfo"), params),
                a -> read("exchangeInfo", a, new TypeReference<BinanceDtos.ExchangeInfo>() { }));
    }

    /** {@code GET depth}: a snapshot with its {@code lastUpdateId}. */
    public BinanceDtos.Depth depth(String symbol, int levels) {
        int limit = depthLimit(levels);
        return transport.execute("depth " + symbol, depthWeight(limit), CallSafety.READ,
                ts -> publicGet(market.path("/depth"), Map.of("symbol", symbol, "limit", Integer.toString(limit))),
                a -> read("depth", a, new TypeReference<BinanceDtos.Depth>() { }));
    }

    /** {@code POST order}. Never repeated after an unknown outcome. */
    public PlaceResult placeOrder(OrderRequest request, Instant now) {
        Map<String, String> params = BinanceAdapters.orderParams(request, market);
        return transport.execute("place " + request.clientOrderId(), 1, CallSafety.PLACE,
                ts -> signed("POST", market.path("/order"), params, ts),
                a -> a.isSuccess()
                        ? BinanceAdapters.placeResult(request, mapper.readValue(a.body(), BinanceDtos.Order.class), now)
                        : errors.rejection(request.clientOrderId(), a));
    }

    /** The most orders one futures {@code batchOrders} placement may carry (documented limit). */
    public static final int MAX_BATCH_PLACE = 5;

    /**
     * Futures {@code POST batchOrders}: up to {@link #MAX_BATCH_PLACE} orders in one request, each answered in
     * order by the venue with the order or an error object. Never repeated after an unknown outcome; a caller that
     * loses the answer looks each order up by its client id. Blocks on REST.
     *
     * @return one result per request, in the order given
     */
    public List<PlaceResult> placeBatch(List<OrderRequest> requests, Instant now) {
        if (!market.isFutures()) {
            throw new IllegalStateException("batch placement exists on futures only");
        }
        if (requests.isEmpty() || requests.size() > MAX_BATCH_PLACE) {
            throw new IllegalArgumentException("1.." + MAX_BATCH_PLACE + " orders per batch, was " + requests.size());
        }
        List<Map<String, String>> orders = new ArrayList<>();
        requests.forEach(r -> orders.add(BinanceAdapters.orderParams(r, market)));
        Map<String, String> params;
        try {
            params = Map.of("batchOrders", mapper.writeValueAsString(orders));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("order parameters are plain strings", e);
        }
        return transport.execute("place batch of " + requests.size(), 5, CallSafety.PLACE,
                ts -> signed("POST", market.path("/batchOrders"), params, ts), a -> {
                    if (!a.isSuccess()) {
                        List<PlaceResult> refused = new ArrayList<>();
                        requests.forEach(r -> refused.add(errors.rejection(r.clientOrderId(), a)));
                        return refused;
                    }
                    JsonNode answers = mapper.readTree(a.body());
                    List<PlaceResult> results = new ArrayList<>();
                    for (int i = 0; i < requests.size(); i++) {
                        OrderRequest r = requests.get(i);
                        JsonNode entry = answers.path(i);
                        results.add(entry.has("code") && !entry.has("orderId")
                                ? errors.rejection(r.clientOrderId(),
                                        mapper.treeToValue(entry, BinanceDtos.ErrorBody.class))
                                : BinanceAdapters.placeResult(r, mapper.treeToValue(entry, BinanceDtos.Order.class),
                                        now));
                    }
                    return results;
                });
    }

    /** {@code GET order} by {@code origClientOrderId}; empty when the venue does not know it. */
    public Optional<BinanceDtos.Order> queryOrder(String symbol, String clientOrderId) {
        Map<String, String> params = orderRef(symbol, clientOrderId);
        return transport.execute("query order " + clientOrderId, market.isFutures() ? 1 : 4, CallSafety.READ,
                ts -> signed("GET", market.path("/order"), params, ts), a -> {
                    if (!a.isSuccess()) {
                        if (errors.isUnknownOrder(a)) {
                            return Optional.empty();
                        }
                        throw errors.unexpected("query order", a);
                    }
                    return Optional.of(mapper.readValue(a.body(), BinanceDtos.Order.class));
                });
    }

    /**
     * {@code GET order} by the venue's {@code orderId}: how a trade from the trade history (which names the order's
     * id only) is tied back to our client id. Empty when the venue does not know it.
     */
    public Optional<BinanceDtos.Order> queryOrderById(String symbol, long orderId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("orderId", Long.toString(orderId));
        return transport.execute("query order id " + orderId, market.isFutures() ? 1 : 4, CallSafety.READ,
                ts -> signed("GET", market.path("/order"), params, ts), a -> {
                    if (!a.isSuccess()) {
                        if (errors.isUnknownOrder(a)) {
                            return Optional.empty();
                        }
                        throw errors.unexpected("query order id", a);
                    }
                    return Optional.of(mapper.readValue(a.body(), BinanceDtos.Order.class));
                });
    }

    /** {@code DELETE order} by {@code origClientOrderId}; false when the venue does not know it. */
    public boolean cancel(String symbol, String clientOrderId) {
        Map<String, String> params = orderRef(symbol, clientOrderId);
        return transport.execute("cancel " + clientOrderId, 1, CallSafety.CANCEL,
                ts -> signed("DELETE", market.path("/order"), params, ts), a -> {
                    if (a.isSuccess()) {
                        return true;
                    }
                    if (errors.isUnknownOrder(a)) {
                        return false;
                    }
                    throw errors.unexpected("cancel", a);
                });
    }

    /** The most client ids one futures batch cancel may carry (documented limit). */
    public static final int MAX_BATCH_CANCEL = 10;

    /**
     * Futures {@code DELETE /fapi/v1/batchOrders} by client ids (at most {@link #MAX_BATCH_CANCEL}). The venue
     * answers one entry per id: the cancelled order, or an error such as {@code -2011} for an order it no
     * longer knows. Blocks on REST.
     *
     * @return the client ids the venue reports cancelled
     */
    public List<String> cancelBatch(String symbol, List<String> clientOrderIds) {
        if (!market.isFutures()) {
            throw new IllegalStateException("batch cancel by client id exists on futures only");
        }
        if (clientOrderIds.isEmpty() || clientOrderIds.size() > MAX_BATCH_CANCEL) {
            throw new IllegalArgumentException("1.." + MAX_BATCH_CANCEL + " ids per batch, was " + clientOrderIds.size());
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        StringJoiner ids = new StringJoiner(",", "[", "]"); // documented form: ["a","b"], no spaces
        clientOrderIds.forEach(id -> ids.add("\"" + id + "\""));
        params.put("origClientOrderIdList", ids.toString());
        return transport.execute("cancel batch of " + clientOrderIds.size(), 1, CallSafety.CANCEL,
                ts -> signed("DELETE", market.path("/batchOrders"), params, ts), a -> {
                    if (!a.isSuccess()) {
                        throw errors.unexpected("cancel batch", a);
                    }
                    List<String> cancelled = new ArrayList<>();
                    for (JsonNode entry : mapper.readTree(a.body())) {
                        if ("CANCELED".equals(entry.path("status").asText())) {
                            cancelled.add(entry.path("clientOrderId").asText());
                        }
                    }
                    return cancelled;
                });
    }

    /** Spot {@code DELETE /api/v3/openOrders} / futures {@code DELETE /fapi/v1/allOpenOrders}. */
    public void cancelAll(String symbol) {
        transport.execute("cancel all " + symbol, 1, CallSafety.CANCEL,
                ts -> signed("DELETE", market.cancelAllPath(), Map.of("symbol", symbol), ts), a -> {
                    if (!a.isSuccess() && !errors.isUnknownOrder(a)) {
                        throw errors.unexpected("cancel all", a);
                    }
                    return Boolean.TRUE;
                });
    }

    /** {@code GET openOrders?symbol=}. */
    public List<BinanceDtos.Order> openOrders(String symbol) {
        return transport.execute("open orders " + symbol, market.isFutures() ? 1 : 6, CallSafety.READ,
                ts -> signed("GET", market.path("/openOrders"), Map.of("symbol", symbol), ts),
                a -> read("open orders", a, new TypeReference<List<BinanceDtos.Order>>() { }));
    }

    /** Spot {@code GET /api/v3/account}. */
    public BinanceDtos.SpotAccount spotAccount() {
        return transport.execute("account", 20, CallSafety.READ,
                ts -> signed("GET", market.balancePath(), Map.of(), ts),
                a -> read("account", a, new TypeReference<BinanceDtos.SpotAccount>() { }));
    }

    /** Futures {@code GET balance} ({@code /fapi/v2/balance}, Aster v3 {@code /fapi/v3/balance}). */
    public List<BinanceDtos.FuturesBalance> futuresBalances() {
        return transport.execute("balance", 5, CallSafety.READ,
                ts -> signed("GET", market.balancePath(), Map.of(), ts),
                a -> read("balance", a, new TypeReference<List<BinanceDtos.FuturesBalance>>() { }));
    }

    /** Futures {@code GET positionRisk} ({@code /fapi/v2/positionRisk}, Aster v3 {@code /fapi/v3/positionRisk}). */
    public List<BinanceDtos.PositionRisk> positionRisk() {
        return transport.execute("position risk", 5, CallSafety.READ,
                ts -> signed("GET", market.positionRiskPath(), Map.of(), ts),
                a -> read("position risk", a, new TypeReference<List<BinanceDtos.PositionRisk>>() { }));
    }

    /** Spot {@code GET /api/v3/myTrades} / futures {@code GET /fapi/v1/userTrades} from {@code startTime}. */
    public List<BinanceDtos.UserTrade> userTrades(String symbol, long startTimeMillis) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("startTime", Long.toString(startTimeMillis));
        params.put("limit", "1000");
        return transport.execute("user trades " + symbol, market.isFutures() ? 5 : 20, CallSafety.READ,
                ts -> signed("GET", market.tradesPath(), params, ts),
                a -> read("user trades", a, new TypeReference<List<BinanceDtos.UserTrade>>() { }));
    }

    /** Futures {@code POST leverage}. Safe to repeat: it sets, not adds. */
    public BinanceDtos.Leverage setLeverage(String symbol, int leverage) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("leverage", Integer.toString(leverage));
        return transport.execute("leverage " + symbol, 1, CallSafety.CANCEL,
                ts -> signed("POST", market.leveragePath(), params, ts),
                a -> read("leverage", a, new TypeReference<BinanceDtos.Leverage>() { }));
    }

    /** {@code POST} the listen key endpoint: creates (or extends) the user data stream's key. */
    public String createListenKey() {
        return transport.execute("listen key", 1, CallSafety.CANCEL,
                ts -> keyed("POST", market.listenKeyPath(), ts),
                a -> read("listen key", a, new TypeReference<BinanceDtos.ListenKey>() { }).listenKey());
    }

    /** {@code PUT} the listen key endpoint: keeps the user data stream alive for another hour. */
    public void keepAliveListenKey(String listenKey) {
        String path = market.isFutures() ? market.listenKeyPath() : market.listenKeyPath() + "?listenKey=" + listenKey;
        transport.execute("listen key keep-alive", 1, CallSafety.CANCEL, ts -> keyed("PUT", path, ts), a -> {
            if (!a.isSuccess()) {
                throw errors.unexpected("listen key keep-alive", a);
            }
            return Boolean.TRUE;
        });
    }

    private <T> T read(String what, HttpAnswer answer, TypeReference<T> type) throws JsonProcessingException {
        if (!answer.isSuccess()) {
            throw errors.unexpected(what, answer);
        }
        return mapper.readValue(answer.body(), type);
    }

    private Map<String, String> orderRef(String symbol, String clientOrderId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("origClientOrderId", clientOrderId);
        return params;
    }

    private Request publicGet(String path, Map<String, String> params) {
        String query = query(params);
        return new Request.Builder().url(url(path, query)).get().build();
    }

    private Request signed(String method, String path, Map<String, String> params, long ts) {
        return auth.signed(method, url(path, ""), params, ts);
    }

    private Request keyed(String method, String pathAndQuery, long ts) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        return auth.stream(method, url(path, query), ts);
    }

    /** The query string exactly as sent, and so exactly as signed: {@code k=v&...}, values form-URL-encoded. */
    public static String query(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        params.forEach((k, v) -> out.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private HttpUrl url(String path, String encodedQuery) {
        String prefix = baseUrl.encodedPath().endsWith("/")
                ? baseUrl.encodedPath().substring(0, baseUrl.encodedPath().length() - 1) : baseUrl.encodedPath();
        HttpUrl.Builder b = baseUrl.newBuilder().encodedPath(prefix + path);
        if (!encodedQuery.isEmpty()) {
            b.encodedQuery(encodedQuery);
        }
        return b.build();
    }

    private int depthLimit(int levels) {
        if (!market.isFutures()) {
            return Math.max(1, Math.min(levels, 5000));
        }
        for (int allowed : FUTURES_DEPTHS) {
            if (allowed >= levels) {
                return allowed;
            }
        }
        return 1000;
    }

    private int depthWeight(int limit) {
        if (market.isFutures()) {
            return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
        }
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }
}
