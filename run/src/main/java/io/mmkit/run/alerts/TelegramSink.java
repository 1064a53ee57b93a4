package io.mmkit.run.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends each alert as a message through the Telegram Bot API: {@code POST <api>/bot<token>/sendMessage} with
 * {@code {"chat_id", "text"}}. The token sits in the path, so no URL of this sink is ever logged or put in an
 * exception message.
 */
final class TelegramSink implements AlertSink {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient client;
    private final HttpUrl sendMessage;
    private final String chatId;

    TelegramSink(OkHttpClient client, HttpUrl apiBase, String token, String chatId) {
        this.client = client;
        this.sendMessage = apiBase.newBuilder().addPathSegment("bot" + token).addPathSegment("sendMessage").build();
        this.chatId = chatId;
    }

    @Override
    public String describe() {
        return "telegram chat " + chatId;
    }

    @Override
    public void send(Alert alert) throws IOException {
        byte[] body = MAPPER.writeValueAsBytes(Map.of("chat_id", chatId, "text", alert.text()));
        Request request = new Request.Builder().url(sendMessage).post(RequestBody.create(body, JSON)).build();
        try (Response response = client.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code()); // never the URL: it holds the token
            }
        }
    }
}
