package io.mmkit.exchange.hyperliquid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.exchange.http.CallSafety;
import io.mmkit.exchange.http.HttpAnswer;
import io.mmkit.exchange.http.ResponseReader;
import io.mmkit.exchange.http.RestTransport;
import io.mmkit.exchange.signing.EthSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Hyperliquid's two endpoints: {@code POST /info} (a JSON query named by {@code type}) and {@code POST /exchange}
 * (a signed action). Every attempt of an action gets a fresh nonce, the millisecond clock but always above the last
 * one sent (Hyperliquid refuses a nonce it has seen), and is signed afresh.
 *
 * <p>Weights are Hyperliquid's documented ones against its 1200-a-minute limit: an action 1 per 40 orders or
 * cancels it carries (at least 1), the light queries
 * ({@code l2Book}, {@code clearinghouseState}, {@code orderStatus}, {@code spotClearinghouseState}) 2, other queries
 * 20. Thread-safe; every method blocks for the call and its retries and fails with what {@link HyperliquidErrors}
 * maps.
 */
public final class HyperliquidRestApi {
    private static final MediaType JSON = MediaType.get("application/json");
    static final int WEIGHT_PER_MINUTE = 1200;

    private final RestTransport transport;
    private final HttpUrl infoUrl;
    private final HttpUrl exchangeUrl;
    private final HyperliquidSigner signer;
    private final ObjectMapper mapper;
    private final HyperliquidErrors errors;
    private final AtomicLong lastNonce = new AtomicLong();

    public HyperliquidRestApi(RestTransport transport, HttpUrl baseUrl, HyperliquidSigner signer, ObjectMapper mapper,
                              HyperliquidErrors errors) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.infoUrl = baseUrl.newBuilder().addPathSegment("info").build();
        this.exchangeUrl = baseUrl.newBuilder().addPathSegment("exchange").build();
        this.signer = Objects.requireNonNull(signer, "signer");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** The perpetuals' metadata and contexts ({@code metaAndAssetCtxs}): {@code [meta, [ctx, ...]]}. */
    public Universe universe() {
        JsonNode both = info("metaAndAssetCtxs", Map.of(), 20, new TypeReference<JsonNode>() { });
        if (both == null || !both.isArray() || both.size() < 2) {
            throw new ExchangeException(HyperliquidErrors.VENUE, "metaAndAssetCtxs: not a [meta, contexts] pair");
        }
        HyperliquidDtos.Meta meta = mapper.convertValue(both.get(0), HyperliquidDtos.Meta.class);
        List<HyperliquidDtos.AssetCtx> ctxs = mapper.convertValue(both.get(1),
                new TypeReference<List<HyperliquidDtos.AssetCtx>>() { });
        return new Universe(meta, ctxs);
    }

    /** {@code l2Book}: up to 20 levels a side. */
    public HyperliquidDtos.L2Book l2Book(String coin) {
        return info("l2Book", Map.of("coin", coin), 2, new TypeReference<HyperliquidDtos.L2Book>() { });
    }

    /** {@code frontendOpenOrders}: every resting order of {@code user}, with its cloid. */
    public List<HyperliquidDtos.Order> openOrders(String user) {
        return info("frontendOpenOrders", Map.of("user", user), 20,
                new TypeReference<List<HyperliquidDtos.Order>>() { });
    }

    /** {@code orderStatus} by cloid; empty for {@code unknownOid}. */
    public Optional<HyperliquidDtos.OrderWithStatus> orderStatus(String user, String cloid) {
        HyperliquidDtos.OrderStatus s = info("orderStatus", ordered("user", user, "oid", cloid), 2,
                new TypeReference<HyperliquidDtos.OrderStatus>() { });
        return s == null || !"order".equals(s.status()) || s.order() == null ? Optional.empty()
                : Optional.of(s.order());
    }

    /** {@code userFillsByTime} from {@code startMillis}: at most 2000 fills a call, oldest first. */
    public List<HyperliquidDtos.Fill> fillsSince(String user, long startMillis) {
        return info("userFillsByTime", ordered("user", user, "startTime", startMillis), 20,
                new TypeReference<List<HyperliquidDtos.Fill>>() { });
    }

    /** {@code clearinghouseState}: perpetual positions and margin. */
    public HyperliquidDtos.ClearinghouseState clearinghouseState(String user) {
        return info("clearinghouseState", Map.of("user", user), 2,
                new TypeReference<HyperliquidDtos.ClearinghouseState>() { });
    }

    /** {@code spotClearinghouseState}: spot token balances. */
    public HyperliquidDtos.SpotState spotState(String user) {
        return info("spotClearinghouseState", Map.of("user", user), 2,
                new TypeReference<HyperliquidDtos.SpotState>() { });
    }

    /**
     * Sends an action and returns its {@code response.data.statuses} (or an empty list for actions without). Never
     * repeated after an unknown outcome when {@code safety} is {@link CallSafety#PLACE}.
     *
     * @throws ExchangeException for {@code {"status": "err"}}, mapped by {@link HyperliquidErrors#refused}
     */
    public List<JsonNode> act(String what, Map<String, Object> action, CallSafety safety) {
        return transport.execute(what, weight(action), safety, ts -> signed(action, ts), a -> statuses(what, a));
    }

    /** {@code 1 + floor(batch_length / 40)}, the batch being the action's list of orders or cancels. */
    static int weight(Map<String, Object> action) {
        int batch = 0;
        for (Object v : action.values()) {
            if (v instanceof List<?> list) {
                batch = Math.max(batch, list.size());
            }
        }
        return 1 + batch / 40;
    }

    private Request signed(Map<String, Object> action, long timestampMillis) {
        long nonce = lastNonce.updateAndGet(last -> Math.max(last + 1, timestampMillis));
        EthSignature signature = signer.sign(action, nonce, null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("nonce", nonce);
        body.put("signature", HyperliquidSigner.wire(signature));
        return post(exchangeUrl, body);
    }

    private List<JsonNode> statuses(String what, HttpAnswer answer) throws IOException {
        JsonNode root = mapper.readTree(answer.body());
        if (root == null || !"ok".equals(root.path("status").asText())) {
            JsonNode response = root == null ? null : root.get("response");
            throw errors.refused(what, response == null ? answer.body()
                    : response.isTextual() ? response.asText() : response.toString());
        }
        List<JsonNode> out = new ArrayList<>();
        root.path("response").path("data").path("statuses").forEach(out::add);
        return out;
    }

    private <T> T info(String type, Map<String, Object> params, int weight, TypeReference<T> as) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.putAll(params);
        ResponseReader<T> reader = a -> mapper.readValue(a.body(), as);
        return transport.execute(type, weight, CallSafety.READ, ts -> post(infoUrl, body), reader);
    }

    private Request post(HttpUrl url, Map<String, Object> body) {
        try {
            return new Request.Builder().url(url).post(RequestBody.create(mapper.writeValueAsString(body), JSON))
                    .build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a request body", e);
        }
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /** The perpetuals' metadata and their contexts, index for index. */
    public record Universe(HyperliquidDtos.Meta meta, List<HyperliquidDtos.AssetCtx> contexts) {
        public Universe {
            Objects.requireNonNull(meta, "meta");
            contexts = contexts == null ? List.of() : List.copyOf(contexts);
        }
    }
}
