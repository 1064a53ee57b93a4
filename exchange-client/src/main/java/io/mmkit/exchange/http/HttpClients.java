package io.mmkit.exchange.http;

import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** Builds the one {@link OkHttpClient} a gateway shares between its REST calls and its WebSockets. */
public final class HttpClients {
    private static final int MAX_REQUESTS_PER_HOST = 16;

    private HttpClients() {
    }

    /**
     * A client with the settings' timeouts and a WebSocket ping every {@code pingInterval}: a socket whose
     * peer stops answering pings fails, and the reconnecting socket takes over.
     *
     * <p>The caller owns the client and releases it with {@link #shutdown(OkHttpClient)}.
     */
    public static OkHttpClient create(HttpSettings settings, Duration pingInterval) {
        // REST calls run on the dispatcher (so they can be cancelled); the engine may have a few order calls
        // in flight at once besides the WebSockets, more than OkHttp's default of five per host.
        Dispatcher dispatcher = new Dispatcher(new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), HttpClients::daemonThread));
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS_PER_HOST);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .pingInterval(pingInterval.toMillis(), TimeUnit.MILLISECONDS)
                // We retry ourselves, where it is safe; OkHttp's silent retry could repeat a placement.
                .retryOnConnectionFailure(false)
                .build();
    }

    /** Daemon, as OkHttp's own are not: a call abandoned at a shutdown deadline must not keep the JVM alive. */
    private static Thread daemonThread(Runnable r) {
        Thread t = new Thread(r, "okhttp-dispatcher");
        t.setDaemon(true);
        return t;
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
