package io.mmkit.exchange.backpack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.exchange.http.CallSafety;
import io.mmkit.exchange.http.HttpAnswer;
import io.mmkit.exchange.http.RestTransport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Backpack's REST endpoints, one method each, returning venue DTOs (or values for placements and cancels).
 * Signed calls carry {@code X-API-KEY}, {@code X-SIGNATURE}, {@code X-TIMESTAMP} and {@code X-WINDOW}, signed
 * afresh for every attempt.
 *
 * <p>Thread-safe. Every method blocks the calling thread for the call and its retries, and fails with the
 * {@link io.mmkit.core.exchange.ExchangeException}s {@link BackpackErrors} maps.
 */
public final class BackpackRestApi {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final int FILL_PAGE = 1000;

    private final RestTransport transport;
    private final HttpUrl baseUrl;
    private final String apiKey;
    private final BackpackSigner signer;
    private final long windowMillis;
    private final ObjectMapper mapper;
    private final BackpackErrors errors;

    public BackpackRestApi(RestTransport transport, HttpUrl baseUrl, String apiKey, BackpackSigner signer,
                           long windowMillis, ObjectMapper mapper, BackpackErrors errors) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.windowMillis = windowMillis;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** {@code GET /api/v1/time}: the server's clock in epoch ms. */
    public long serverTime() {
        return transport.execute("server time", 1, CallSafety.READ, ts -> get("/api/v1/time", Map.of()),
                a -> ok("server time", a) ? Long.parseLong(a.body().replace("\"", "").trim()) : 0L);
    }

    /** {@code GET /api/v1/markets}. */
    public List<BackpackDtos.Market> markets() {
        return transport.execute("markets", 1, CallSafety.READ, ts -> get("/api/v1/markets", Map.of()),
                a -> read("markets", a, new TypeReference<List<BackpackDtos.Market>>() { }));
    }

    /** {@code GET /api/v1/depth?symbol=}. */
    public BackpackDtos.Depth depth(String symbol) {
        return transport.execute("depth " + symbol, 1, CallSafety.READ,
                ts -> get("/api/v1/depth", Map.of("symbol", symbol)),
                a -> read("depth", a, new TypeReference<BackpackDtos.Depth>() { }));
    }

    /** {@code GET /api/v1/ticker?symbol=}. */
    public BackpackDtos.Ticker ticker(String symbol) {
        return transport.execute("ticker " + symbol, 1, CallSafety.READ,
                ts -> get("/api/v1/ticker", Map.of("symbol", symbol)),
                a -> read("ticker", a, new TypeReference<BackpackDtos.Ticker>() { }));
    }

    /** {@code POST /api/v1/order} ({@code orderExecute}). Never repeated after an unknown outcome. */
    public PlaceResult execute(OrderRequest request, Instant now) {
        Map<String, Object> body = BackpackAdapters.orderBody(request);
        String what = "place " + request.clientOrderId();
        return transport.execute(what, 1, CallSafety.PLACE,
                ts -> signedBody("POST", "/api/v1/order", "orderExecute", body, ts),
                a -> a.isSuccess()
                        ? BackpackAdapters.placeResult(request, mapper.readValue(a.body(), BackpackDtos.Order.class), now)
                        : errors.rejection(request.clientOrderId(), a));
    }

    /** {@code POST /api/v1/orders}: several orders, one signature over one {@code orderExecute} part each. */
    public List<BackpackDtos.Order> executeBatch(List<OrderRequest> requests) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (OrderRequest r : requests) {
            bodies.add(BackpackAdapters.orderBody(r));
        }
        return transport.execute("place batch of " + requests.size(), requests.size(), CallSafety.PLACE, ts -> {
            String message = BackpackSigner.batchSigningString("orderExecute", bodies, ts, windowMillis);
            return withAuth(new Request.Builder().url(url("/api/v1/orders", Map.of()))
                    .post(RequestBody.create(json(bodies), JSON)), message, ts).build();
        }, a -> {
            if (!a.isSuccess()) {
                throw errors.unexpected("place batch", a);
            }
            return mapper.readValue(a.body(), new TypeReference<List<BackpackDtos.Order>>() { });
        });
    }

    /** {@code GET /api/v1/order} ({@code orderQuery}) by client id; empty when the venue does not know it. */
    public Optional<BackpackDtos.Order> queryOrder(String symbol, String clientOrderId) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("clientId", BackpackAdapters.clientId(clientOrderId));
        params.put("symbol", symbol);
        return transport.execute("query order " + clientOrderId, 1, CallSafety.READ,
                ts -> signedQuery("/api/v1/order", "orderQuery", params, ts), a -> {
                    if (!a.isSuccess()) {
                        if (errors.isNotFound(a)) {
                            return Optional.empty();
                        }
                        throw errors.unexpected("query order", a);
                    }
                    return Optional.of(mapper.readValue(a.body(), BackpackDtos.Order.class));
                });
    }

    /** {@code DELETE /api/v1/order} ({@code orderCancel}) by client id; false when the venue does not know it. */
    public boolean cancel(String symbol, String clientOrderId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", BackpackAdapters.clientId(clientOrderId));
        body.put("symbol", symbol);
        return transport.execute("cancel " + clientOrderId, 1, CallSafety.CANCEL,
                ts -> signedBody("DELETE", "/api/v1/order", "orderCancel", body, ts), a -> {
                    if (a.isSuccess()) {
                        return true;
                    }
                    if (errors.isNotFound(a)) {
                        return false;
                    }
                    throw errors.unexpected("cancel", a);
                });
    }

    /** {@code DELETE /api/v1/orders} ({@code orderCancelAll}): the orders it cancelled. */
    public List<BackpackDtos.Order> cancelAll(String symbol) {
        Map<String, Object> body = Map.of("symbol", symbol);
        return transport.execute("cancel all " + symbol, 1, CallSafety.CANCEL,
                ts -> signedBody("DELETE", "/api/v1/orders", "orderCancelAll", body, ts),
                a -> read("cancel all", a, new TypeReference<List<BackpackDtos.Order>>() { }));
    }

    /** {@code GET /api/v1/orders?symbol=} ({@code orderQueryAll}). */
    public List<BackpackDtos.Order> openOrders(String symbol) {
        return transport.execute("open orders " + symbol, 1, CallSafety.READ,
                ts -> signedQuery("/api/v1/orders", "orderQueryAll", Map.of("symbol", symbol), ts),
                a -> read("open orders", a, new TypeReference<List<BackpackDtos.Order>>() { }));
    }

    /** The most orders one order-history page holds (documented limit). */
    public static final int ORDER_HISTORY_PAGE = 1000;

    /**
     * {@code GET /wapi/v1/history/orders} ({@code orderHistoryQueryAll}): the newest {@link #ORDER_HISTORY_PAGE}
     * orders of {@code symbol} that no longer rest (filled, cancelled, expired), newest first.
     */
    public List<BackpackDtos.Order> orderHistory(String symbol) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit", ORDER_HISTORY_PAGE);
        params.put("symbol", symbol);
        return transport.execute("order history " + symbol, 1, CallSafety.READ,
                ts -> signedQuery("/wapi/v1/history/orders", "orderHistoryQueryAll", params, ts),
                a -> read("order history", a, new TypeReference<List<BackpackDtos.Order>>() { }));
    }

    /** {@code GET /api/v1/capital} ({@code balanceQuery}). */
    public Map<String, BackpackDtos.CapitalBalance> balances() {
        return transport.execute("balances", 1, CallSafety.READ,
                ts -> signedQuery("/api/v1/capital", "balanceQuery", Map.of(), ts),
                a -> read("balances", a, new TypeReference<Map<String, BackpackDtos.CapitalBalance>>() { }));
    }

    /** {@code GET /api/v1/capital/collateral} ({@code collateralQuery}). */
    public BackpackDtos.Collateral collateral() {
        return transport.execute("collateral", 1, CallSafety.READ,
                ts -> signedQuery("/api/v1/capital/collateral", "collateralQuery", Map.of(), ts),
                a -> read("collateral", a, new TypeReference<BackpackDtos.Collateral>() { }));
    }

    /** {@code GET /api/v1/position} ({@code positionQuery}). */
    public List<BackpackDtos.FuturePosition> positions() {
        return transport.execute("positions", 1, CallSafety.READ,
                ts -> signedQuery("/api/v1/position", "positionQuery", Map.of(), ts),
                a -> read("positions", a, new TypeReference<List<BackpackDtos.FuturePosition>>() { }));
    }

    /** {@code GET /wapi/v1/history/fills} ({@code fillHistoryQueryAll}) from {@code fromMillis}. */
    public List<BackpackDtos.FillRecord> fills(String symbol, long fromMillis) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", fromMillis);
        params.put("limit", FILL_PAGE);
        params.put("symbol", symbol);
        return transport.execute("fills " + symbol, 1, CallSafety.READ,
                ts -> signedQuery("/wapi/v1/history/fills", "fillHistoryQueryAll", params, ts),
                a -> read("fills", a, new TypeReference<List<BackpackDtos.FillRecord>>() { }));
    }

    /** The {@code [key, signature, timestamp, window]} tuple a private stream subscription carries. */
    public List<String> streamSignature(long timestamp) {
        String signature = signer.sign(BackpackSigner.signingString("subscribe", Map.of(), timestamp, windowMillis));
        return List.of(apiKey, signature, Long.toString(timestamp), Long.toString(windowMillis));
    }

    private <T> T read(String what, HttpAnswer answer, TypeReference<T> type) throws JsonProcessingException {
        ok(what, answer);
        return mapper.readValue(answer.body(), type);
    }

    private boolean ok(String what, HttpAnswer answer) {
        if (!answer.isSuccess()) {
            throw errors.unexpected(what, answer);
        }
        return true;
    }

    private Request get(String path, Map<String, ?> params) {
        return new Request.Builder().url(url(path, params)).get().build();
    }

    private Request signedQuery(String path, String instruction, Map<String, ?> params, long ts) {
        String message = BackpackSigner.signingString(instruction, params, ts, windowMillis);
        return withAuth(new Request.Builder().url(url(path, params)).get(), message, ts).build();
    }

    private Request signedBody(String method, String path, String instruction, Map<String, ?> body, long ts) {
        String message = BackpackSigner.signingString(instruction, body, ts, windowMillis);
        Request.Builder builder = new Request.Builder().url(url(path, Map.of()))
                .method(method, RequestBody.create(json(body), JSON));
        return withAuth(builder, message, ts).build();
    }

    private Request.Builder withAuth(Request.Builder builder, String message, long ts) {
        return builder.header("X-API-KEY", apiKey)
                .header("X-SIGNATURE", signer.sign(message))
                .header("X-TIMESTAMP", Long.toString(ts))
                .header("X-WINDOW", Long.toString(windowMillis));
    }

    private HttpUrl url(String path, Map<String, ?> params) {
        String prefix = baseUrl.encodedPath().endsWith("/")
                ? baseUrl.encodedPath().substring(0, baseUrl.encodedPath().length() - 1) : baseUrl.encodedPath();
        HttpUrl.Builder b = baseUrl.newBuilder().encodedPath(prefix + path);
        params.forEach((k, v) -> b.addQueryParameter(k, String.valueOf(v)));
        return b.build();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }
}
