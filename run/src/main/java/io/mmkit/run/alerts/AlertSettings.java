package io.mmkit.run.alerts;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * The {@code alerts} section of a bot's config. Every key is optional; no section means no alerts.
 *
 * <pre>
 * "alerts": {
 *   "webhook":  {"url_env": "MMKIT_ALERT_WEBHOOK"},          or {"url": "http://127.0.0.1:9000/hook"}
 *   "telegram": {"bot_token_env": "MMKIT_TELEGRAM_TOKEN", "chat_id": "123456789",
 *                "api_url": "https://api.telegram.org"},
 *   "failed_iterations": 3,        alert when this many iterations fail in a row
 *   "timeout": "5s"                per delivery; the exit waits at most twice this for alerts still queued
 * }
 * </pre>
 *
 * Secrets (a webhook URL may hold one, a bot token always does) come from environment variables, are never
 * logged and never stored.
 */
public record AlertSettings(
        String webhookUrl,
        String webhookUrlEnv,
        String telegramTokenEnv,
        String telegramChatId,
        String telegramApiUrl,
        int failedIterations,
        Duration timeout) {

    public static final AlertSettings NONE = new AlertSettings(null, null, null, null, null, 3, Duration.ofSeconds(5));
    static final String TELEGRAM_API = "https://api.telegram.org";

    /** Reads and checks the section; {@link #NONE} when it is absent. */
    public static AlertSettings read(Optional<StrategyParams> section) {
        if (section.isEmpty()) {
            return NONE;
        }
        StrategyParams s = section.get();
        String url = null;
        String urlEnv = null;
        Optional<StrategyParams> webhook = s.section("webhook");
        if (s.has("webhook") && webhook.isEmpty()) {
            throw s.invalid("webhook", "must be an object with url or url_env");
        }
        if (webhook.isPresent()) {
            StrategyParams w = webhook.get();
            url = w.optionalString("url").orElse(null);
            urlEnv = w.optionalString("url_env").orElse(null);
            if ((url == null) == (urlEnv == null)) {
                throw w.invalid("url", "give exactly one of url and url_env");
            }
            if (url != null) {
                checkUrl(w, "url", url);
            }
            w.requireAllRead();
        }
        String tokenEnv = null;
        String chatId = null;
        String api = null;
        Optional<StrategyParams> telegram = s.section("telegram");
        if (s.has("telegram") && telegram.isEmpty()) {
            throw s.invalid("telegram", "must be an object with bot_token_env and chat_id");
        }
        if (telegram.isPresent()) {
            StrategyParams t = telegram.get();
            tokenEnv = t.string("bot_token_env");
            chatId = t.string("chat_id");
            api = t.string("api_url", TELEGRAM_API);
            checkUrl(t, "api_url", api);
            t.requireAllRead();
        }
        int failed = s.integer("failed_iterations", NONE.failedIterations());
        if (failed < 1) {
            throw s.invalid("failed_iterations", "must be at least 1, was " + failed);
        }
        Duration timeout = s.duration("timeout", NONE.timeout());
        if (timeout.isZero() || timeout.isNegative()) {
            throw s.invalid("timeout", "must be positive");
        }
        s.requireAllRead();
        return new AlertSettings(url, urlEnv, tokenEnv, chatId, api, failed, timeout);
    }

    private static void checkUrl(StrategyParams s, String key, String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            // Not the value itself: a webhook URL may be a secret.
            throw s.invalid(key, "is not an http(s) URL");
        }
    }

    public boolean any() {
        return webhookUrl != null || webhookUrlEnv != null || telegramTokenEnv != null;
    }

    /**
     * The sinks this section names, with their secrets read from {@code env}.
     *
     * @throws ConfigException naming the variable when one is unset or its URL is bad
     */
    List<AlertSink> sinks(Map<String, String> env, okhttp3.OkHttpClient client) {
        List<AlertSink> sinks = new ArrayList<>();
        if (webhookUrl != null || webhookUrlEnv != null) {
            String raw = webhookUrl != null ? webhookUrl : required(env, webhookUrlEnv, "alerts.webhook.url_env");
            HttpUrl url = HttpUrl.parse(raw);
            if (url == null) {
                throw new ConfigException("alerts.webhook.url_env", "environment variable " + webhookUrlEnv
                        + " does not hold an http(s) URL");
            }
            sinks.add(new WebhookSink(client, url));
        }
        if (telegramTokenEnv != null) {
            String token = required(env, telegramTokenEnv, "alerts.telegram.bot_token_env");
            sinks.add(new TelegramSink(client, HttpUrl.get(telegramApiUrl), token, telegramChatId));
        }
        return sinks;
    }

    /** The values {@link #sinks} reads that must never appear in an alert or a log line. */
    List<String> secrets(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        if (webhookUrlEnv != null && env.get(webhookUrlEnv) != null) {
            out.add(env.get(webhookUrlEnv));
        }
        if (webhookUrl != null) {
            out.add(webhookUrl);
        }
        if (telegramTokenEnv != null && env.get(telegramTokenEnv) != null) {
            out.add(env.get(telegramTokenEnv));
        }
        return out;
    }

    /** Checks at validation time, before anything starts, that every variable named is set. */
    public void requireEnv(Map<String, String> env) {
        if (webhookUrlEnv != null) {
            required(env, webhookUrlEnv, "alerts.webhook.url_env");
        }
        if (telegramTokenEnv != null) {
            required(env, telegramTokenEnv, "alerts.telegram.bot_token_env");
        }
    }

    private static String required(Map<String, String> env, String name, String key) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new ConfigException(key, "environment variable " + name + " is not set");
        }
        return v;
    }
}
