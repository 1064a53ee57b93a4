package io.mmkit.run.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * POSTs each alert as JSON: {@code {"instance", "kind", "title", "message", "at", "orders", "text"}}. The URL may
 * carry a secret (Slack-style webhooks do), so it is never logged: {@link #describe()} names only its host.
 */
final class WebhookSink implements AlertSink {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient client;
    private final HttpUrl url;

    WebhookSink(OkHttpClient client, HttpUrl url) {
        this.client = client;
        this.url = url;
    }

    @Override
    public String describe() {
        return "webhook " + url.host() + ":" + url.port();
    }

    @Override
    public void send(Alert alert) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instance", alert.instanceId());
        body.put("kind", alert.kind().wireName());
        body.put("title", alert.kind().title());
        body.put("message", alert.message());
        body.put("at", alert.at().toString());
        body.put("orders", alert.orderIds());
        body.put("text", alert.text());
        Request request = new Request.Builder().url(url)
                .post(RequestBody.create(MAPPER.writeValueAsBytes(body), JSON)).build();
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code());
            }
        }
    }
}
