package io.mmkit.backtest.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A bare HTTP caller speaking Backpack's REST shape, standing in for the real {@code BackpackGateway} until the
 * venue clients land on main. Not thread-safe.
 */
final class BackpackShapedClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    BackpackShapedClient(String base) {
        this.base = base;
    }

    HttpResponse<String> call(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
                "application/json; charset=utf-8").header("X-API-KEY", "backtest").header("X-SIGNATURE", "unchecked");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> placeBid(String symbol, String clientId, String price, String quantity) {
        return call("POST", "/api/v1/order", "{\"symbol\":\"" + symbol + "\",\"side\":\"Bid\",\"orderType\":\"Limit\","
                + "\"price\":\"" + price + "\",\"quantity\":\"" + quantity + "\",\"clientId\":" + clientId
                + ",\"postOnly\":true}");
    }

    HttpResponse<String> cancel(String symbol, String clientId) {
        return call("DELETE", "/api/v1/order", "{\"symbol\":\"" + symbol + "\",\"clientId\":" + clientId + "}");
    }
}
