package io.mmkit.exchange.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/** Builds the one {@link OkHttpClient} a gateway shares between its REST calls and its WebSockets. */
public final class HttpClients {
    private HttpClients() {
    }

    /**
     * A client with the settings' timeouts and a WebSocket ping every {@code pingInterval}: a socket whose
     * peer stops answering pings fails, and the reconnecting socket takes over.
     *
     * <p>The caller owns the client and releases it with {@link #shutdown(OkHttpClient)}.
     */
    public static OkHttpClient create(HttpSettings settings, Duration pingInterval) {
        return new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .pingInterval(pingInterval.toMillis(), TimeUnit.MILLISECONDS)
                // We retry ourselves, where it is safe; OkHttp's silent retry could repeat a placement.
                .retryOnConnectionFailure(false)
                .build();
    }

    /** Stops the client's dispatcher threads and closes its pooled connections. Never throws. */
    public static void shutdown(OkHttpClient client) {
        try {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        } catch (RuntimeException e) {
            // best effort: closing must not fail the shutdown sequence
        }
    }
}
