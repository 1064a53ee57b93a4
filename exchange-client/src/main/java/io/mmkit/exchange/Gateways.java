package io.mmkit.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.Durations;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.model.MarketType;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.aster.AsterGateway;
import io.mmkit.exchange.aster.AsterSigner;
import io.mmkit.exchange.backpack.BackpackGateway;
import io.mmkit.exchange.backpack.BackpackSigner;
import io.mmkit.exchange.binance.BinanceGateway;
import io.mmkit.exchange.binance.BinanceMarket;
import io.mmkit.exchange.http.HttpSettings;
import io.mmkit.exchange.hyperliquid.HyperliquidGateway;
import io.mmkit.exchange.http.Redactor;
import io.mmkit.exchange.signing.EthKey;
import io.mmkit.exchange.ws.StreamSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point from configuration to a venue gateway. The {@code exchange} section:
 *
 * <pre>{@code
 * {"name": "backpack" | "binance" | "aster" | "hyperliquid", "market": "spot" | "perpetual",
 *  "base_url": "...", "ws_url": "...",                      (optional overrides, e.g. a local mock)
 *  "api_key_env": "BACKPACK_API_KEY", "secret_key_env": "BACKPACK_SECRET_KEY",
 *  aster only: "auth": "v3" (default; then "user_env": "ASTER_USER", "signer_key_env": "ASTER_SIGNER_KEY",
 *              "chain_id": 1666 optional, 714 on testnet) | "v1" (then api_key_env / secret_key_env),
 *  "recv_window_ms": 5000, "timeouts": {"connect": "5s", "read": "10s", "call": "15s"}, "stale_after": "5s",
 *  "streams": true, "rate_limit": true}                     (optional, both default true)
 * }</pre>
 *
 * <p>{@code "streams": false} is REST-only mode: no WebSocket is opened, book tops come from REST and the
 * engine polls fills every iteration (the gateway reports the private stream down). For a mock venue without
 * WebSockets, such as the backtest's simulated venue over HTTP. {@code "rate_limit": false} drops the
 * client-side token bucket (the venue's documented limit); a venue's {@code Retry-After} is still honoured.
 *
 * <p>Hyperliquid (perpetuals only): {@code api_key_env} names the variable holding the account address (the master
 * account traded for), {@code secret_key_env} the one holding the API wallet's private key; both are checked here.
 *
 * <p>Keys are read from the environment map given, never logged (only a masked form) and not kept beyond the
 * gateway's signer. No static state.
 */
public final class Gateways {
    private static final Logger LOG = LoggerFactory.getLogger(Gateways.class);
    private static final String P = "exchange.";
    private static final Set<String> KEYS = Set.of("name", "market", "base_url", "ws_url", "api_key_env",
            "secret_key_env", "recv_window_ms", "timeouts", "stale_after", "streams", "rate_limit",
            "auth", "user_env", "signer_key_env", "chain_id");
    /** Keys only Aster reads (its v3 API wallet). */
    private static final Set<String> ASTER_KEYS = Set.of("auth", "user_env", "signer_key_env", "chain_id");
    private static final Set<String> TIMEOUT_KEYS = Set.of("connect", "read", "call");
    private static final long DEFAULT_RECV_WINDOW = 5_000;
    private static final long MAX_RECV_WINDOW = 60_000;

    private Gateways() {
    }

    /**
     * Checks the section without any I/O.
     *
     * @throws ConfigException naming the first offending key, e.g. {@code exchange.base_url: not a URL}
     */
    public static void validate(JsonNode exchangeSection, Map<String, String> env) {
        read(exchangeSection, env);
    }

    /**
     * Validates the section and builds the gateway it names. Does no network I/O; the gateway connects on its
     * first call. The caller owns the gateway and must {@link ExchangeGateway#close() close} it.
     *
     * @param time the time source for request timestamps, rate limiting and staleness; its current instant also
     *     seeds retry and reconnect jitter, so a simulated clock gives repeatable runs
     */
    public static ExchangeGateway open(JsonNode exchangeSection, Map<String, String> env, TimeSource time) {
        return open(read(exchangeSection, env), time, VenueObserver.NONE);
    }

    /** Like {@link #open(JsonNode, Map, TimeSource)}, reporting the gateway's REST and stream traffic to {@code observer}. */
    public static ExchangeGateway open(JsonNode exchangeSection, Map<String, String> env, TimeSource time,
                                       VenueObserver observer) {
        return open(read(exchangeSection, env), time, observer);
    }

    /**
     * Like {@link #open}, but every call is tried once, without retries: for start-up checks, where an
     * unreachable venue must fail within the connect timeout instead of after a round of retries.
     */
    public static ExchangeGateway openSingleAttempt(JsonNode exchangeSection, Map<String, String> env,
                                                    TimeSource time) {
        VenueConfig c = read(exchangeSection, env);
        HttpSettings once = c.http().withRetries(1, c.http().baseBackoff(), c.http().maxBackoff());
        return open(new VenueConfig(c.name(), c.market(), c.baseUrl(), c.wsUrl(), c.apiKey(), c.secret(),
                c.recvWindowMillis(), once, c.streams(), c.options()), time, VenueObserver.NONE);
    }

    /** The REST root the section points at (the default when it gives none), for messages. */
    public static String baseUrl(JsonNode exchangeSection, Map<String, String> env) {
        return read(exchangeSection, env).baseUrl();
    }

    private static ExchangeGateway open(VenueConfig config, TimeSource time, VenueObserver observer) {
        LOG.info("opening {} {} at {} with key {}", config.name(), config.market(), config.baseUrl(),
                Redactor.mask(config.apiKey()));
        Random jitter = new Random(time.now().toEpochMilli());
        if ("hyperliquid".equals(config.name())) {
            return HyperliquidGateway.open(config, time, jitter);
        }
        return switch (config.name()) {
            case "backpack" -> BackpackGateway.open(config, time, jitter, observer);
            case AsterGateway.NAME -> AsterGateway.open(config, time, jitter, observer);
            default -> BinanceGateway.open(config, time, jitter, observer);
        };
    }

    static VenueConfig read(JsonNode section, Map<String, String> env) {
        if (section == null || !section.isObject()) {
            throw new ConfigException("exchange", "must be an object");
        }
        rejectUnknown(section, KEYS, P);
        String name = requiredText(section, "name").toLowerCase(Locale.ROOT);
        if (!name.equals("backpack") && !name.equals("binance") && !name.equals(AsterGateway.NAME)
                && !name.equals("hyperliquid")) {
            throw new ConfigException(P + "name", "unknown exchange \"" + name
                    + "\" (expected backpack, binance, aster or hyperliquid)");
        }
        if (!name.equals(AsterGateway.NAME)) {
            for (String key : ASTER_KEYS) {
                if (section.has(key)) {
                    throw new ConfigException(P + key, "only an aster venue takes this key");
                }
            }
        }
        if (name.equals("hyperliquid")) {
            return hyperliquid(section, env, market(section));
        }
        MarketType market = name.equals(AsterGateway.NAME) ? asterMarket(section) : market(section);
        AsterGateway.Auth asterAuth = name.equals(AsterGateway.NAME) ? asterAuth(section) : null;
        BinanceMarket binance = asterAuth != null ? asterAuth.dialect() : BinanceMarket.of(market);
        String baseUrl = url(section, "base_url", name.equals("backpack") ? "https://api.backpack.exchange"
                : binance.defaultBaseUrl(), Set.of("http", "https"));
        String wsUrl = url(section, "ws_url", name.equals("backpack") ? "wss://ws.backpack.exchange"
                : binance.defaultWsUrl(), Set.of("ws", "wss", "http", "https"));
        Map<String, String> options = Map.of();
        String apiKey;
        String secret;
        if (asterAuth == AsterGateway.Auth.V3) {
            apiKey = asterUser(section, env);
            secret = asterSignerKey(section, env);
            options = Map.of(AsterGateway.AUTH, "v3", AsterGateway.CHAIN_ID, Long.toString(asterChainId(section)));
        } else {
            apiKey = secret(section, "api_key_env", env);
            secret = secret(section, "secret_key_env", env);
            if (asterAuth == AsterGateway.Auth.V1) {
                options = Map.of(AsterGateway.AUTH, "v1");
            }
        }
        if (name.equals("backpack")) {
            checkBackpackKeys(section, apiKey, secret);
        }
        long window = recvWindow(section);
        HttpSettings http = timeouts(section.get("timeouts")).withRateLimited(flag(section, "rate_limit"));
        StreamSettings streams = StreamSettings.defaults().withEnabled(flag(section, "streams"));
        if (section.hasNonNull("stale_after")) {
            streams = streams.withStaleAfter(positiveDuration(section.get("stale_after"), P + "stale_after"));
        }
        return new VenueConfig(name, market, stripSlash(baseUrl), stripSlash(wsUrl), apiKey, secret, window, http,
                streams, options);
    }

    /** Aster lists perpetuals only here: absent means perpetual, spot is refused. */
    private static MarketType asterMarket(JsonNode section) {
        if (section.hasNonNull("market") && market(section) != MarketType.PERPETUAL) {
            throw new ConfigException(P + "market", "aster supports the perpetual market only");
        }
        return MarketType.PERPETUAL;
    }

    private static AsterGateway.Auth asterAuth(JsonNode section) {
        if (!section.hasNonNull("auth")) {
            if (section.has("api_key_env") || section.has("secret_key_env")) {
                throw new ConfigException(P + "auth", "is v3 (API wallet: user_env, signer_key_env) unless set;"
                        + " set \"auth\": \"v1\" to use api_key_env / secret_key_env");
            }
            return AsterGateway.Auth.V3;
        }
        try {
            AsterGateway.Auth auth = AsterGateway.Auth.parse(section.get("auth").asText());
            for (String key : auth == AsterGateway.Auth.V3 ? Set.of("api_key_env", "secret_key_env")
                    : Set.of("user_env", "signer_key_env", "chain_id")) {
                if (section.has(key)) {
                    throw new ConfigException(P + key, "not used with auth " + section.get("auth").asText());
                }
            }
            return auth;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(P + "auth", e.getMessage());
        }
    }

    /** The main account address Aster v3 calls {@code user}: 0x and 40 hex digits. */
    private static String asterUser(JsonNode section, Map<String, String> env) {
        String user = secret(section, "user_env", env);
        if (!user.matches("0[xX][0-9a-fA-F]{40}")) {
            throw new ConfigException(P + "user_env", "environment variable " + section.get("user_env").asText()
                    + " is not an account address (0x and 40 hex digits)");
        }
        return user;
    }

    /** The API wallet's private key: checked here so a bad one fails at --check, and never echoed. */
    private static String asterSignerKey(JsonNode section, Map<String, String> env) {
        String variable = requiredText(section, "signer_key_env");
        try {
            EthKey.fromEnv(variable, env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(P + "signer_key_env", e.getMessage());
        }
        return env.get(variable).trim();
    }

    private static long asterChainId(JsonNode section) {
        if (!section.hasNonNull("chain_id")) {
            return AsterSigner.MAINNET_CHAIN_ID;
        }
        JsonNode v = section.get("chain_id");
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 1) {
            throw new ConfigException(P + "chain_id", "must be a positive whole number (1666 mainnet, 714 testnet),"
                    + " was " + v);
        }
        return v.asLong();
    }

    private static VenueConfig hyperliquid(JsonNode section, Map<String, String> env, MarketType market) {
        if (market != MarketType.PERPETUAL) {
            throw new ConfigException(P + "market", "hyperliquid trades perpetuals here: set \"market\": \"perpetual\"");
        }
        String baseUrl = url(section, "base_url", HyperliquidGateway.MAINNET_URL, Set.of("http", "https"));
        String wsUrl = url(section, "ws_url", HyperliquidGateway.MAINNET_WS, Set.of("ws", "wss", "http", "https"));
        String account = secret(section, "api_key_env", env);
        String walletKey = secret(section, "secret_key_env", env);
        try {
            HyperliquidGateway.checkKeys(account, walletKey);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(P + "api_key_env/secret_key_env", "environment variables "
                    + section.get("api_key_env").asText() + " (account address) and "
                    + section.get("secret_key_env").asText() + " (API wallet key): " + e.getMessage());
        }
        HttpSettings http = timeouts(section.get("timeouts")).withRateLimited(flag(section, "rate_limit"));
        StreamSettings streams = StreamSettings.defaults().withEnabled(flag(section, "streams"));
        if (section.hasNonNull("stale_after")) {
            streams = streams.withStaleAfter(positiveDuration(section.get("stale_after"), P + "stale_after"));
        }
        return new VenueConfig("hyperliquid", market, stripSlash(baseUrl), stripSlash(wsUrl), account, walletKey,
                recvWindow(section), http, streams);
    }

    private static MarketType market(JsonNode section) {
        if (!section.hasNonNull("market")) {
            return MarketType.SPOT;
        }
        String m = section.get("market").asText().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "spot" -> MarketType.SPOT;
            case "perpetual", "perp", "futures" -> MarketType.PERPETUAL;
            default -> throw new ConfigException(P + "market", "must be spot or perpetual, was \"" + m + "\"");
        };
    }

    private static String url(JsonNode section, String key, String fallback, Set<String> schemes) {
        if (!section.hasNonNull(key)) {
            return fallback;
        }
        String text = section.get(key).asText().trim();
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new ConfigException(P + key, "not a URL (" + String.join("/", schemes) + "): \"" + text + "\"");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(P + key, "not a URL: \"" + text + "\"");
        }
        return text;
    }

    private static String secret(JsonNode section, String key, Map<String, String> env) {
        String variable = requiredText(section, key);
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new ConfigException(P + key, "environment variable " + variable + " is not set");
        }
        return value.trim();
    }

    private static void checkBackpackKeys(JsonNode section, String apiKey, String secret) {
        BackpackSigner signer;
        try {
            signer = BackpackSigner.fromBase64Seed(secret);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(P + "secret_key_env", "environment variable "
                    + section.get("secret_key_env").asText() + " is not a Backpack secret: " + e.getMessage());
        }
        if (!signer.publicKeyBase64().equals(apiKey)) {
            throw new ConfigException(P + "api_key_env", "environment variable " + section.get("api_key_env").asText()
                    + " is not the public key of the configured secret");
        }
    }

    private static long recvWindow(JsonNode section) {
        if (!section.hasNonNull("recv_window_ms")) {
            return DEFAULT_RECV_WINDOW;
        }
        JsonNode v = section.get("recv_window_ms");
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > MAX_RECV_WINDOW) {
            throw new ConfigException(P + "recv_window_ms", "must be a whole number of milliseconds, 1.."
                    + MAX_RECV_WINDOW + ", was " + v);
        }
        return v.asLong();
    }

    private static HttpSettings timeouts(JsonNode t) {
        HttpSettings http = HttpSettings.defaults();
        if (t == null || t.isNull()) {
            return http;
        }
        if (!t.isObject()) {
            throw new ConfigException(P + "timeouts", "must be an object like {\"connect\": \"5s\", \"call\": \"15s\"}");
        }
        rejectUnknown(t, TIMEOUT_KEYS, P + "timeouts.");
        Duration connect = t.hasNonNull("connect") ? positiveDuration(t.get("connect"), P + "timeouts.connect")
                : http.connectTimeout();
        Duration read = t.hasNonNull("read") ? positiveDuration(t.get("read"), P + "timeouts.read") : http.readTimeout();
        Duration call = t.hasNonNull("call") ? positiveDuration(t.get("call"), P + "timeouts.call") : http.callTimeout();
        // OkHttp's call timeout spans the connect: a shorter one makes the connect timeout a promise never kept.
        if (call.compareTo(connect) < 0) {
            throw new ConfigException(P + "timeouts.call", "must be at least timeouts.connect ("
                    + Durations.format(connect) + "), was " + Durations.format(call));
        }
        return http.withTimeouts(connect, read, call);
    }

    /** An optional boolean key, true when absent. */
    private static boolean flag(JsonNode section, String key) {
        JsonNode v = section.get(key);
        if (v == null || v.isNull()) {
            return true;
        }
        if (!v.isBoolean()) {
            throw new ConfigException(P + key, "must be true or false, was " + v);
        }
        return v.asBoolean();
    }

    private static Duration positiveDuration(JsonNode v, String key) {
        Duration d;
        try {
            d = Durations.parse(v.isNumber() ? v.asText() + "s" : v.asText());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(key, "must be positive, was " + v.asText());
        }
        return d;
    }

    private static String requiredText(JsonNode section, String key) {
        JsonNode v = section.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigException(P + key, "required key is missing");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ConfigException(P + key, "must be a non-empty string");
        }
        return v.asText().trim();
    }

    private static void rejectUnknown(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new ConfigException(prefix + field, "unknown key");
            }
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
