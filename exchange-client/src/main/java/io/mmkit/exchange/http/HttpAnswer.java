package io.mmkit.exchange.http;

import java.util.Objects;
import okhttp3.Headers;

/** A venue's complete HTTP answer: status, body text and headers. */
public record HttpAnswer(int status, String body, Headers headers) {
    public HttpAnswer {
        body = body == null ? "" : body;
        Objects.requireNonNull(headers, "headers");
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
