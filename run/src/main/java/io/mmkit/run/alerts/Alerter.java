package io.mmkit.run.alerts;

import io.mmkit.exchange.http.Redactor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to every configured sink on a thread of its own, so raising one never blocks the strategy
 * thread, a shutdown step or a signal handler. Every text passes a {@link Redactor} that knows the alert
 * secrets and every secret-looking environment variable first. A delivery that fails is retried once, then
 * logged (without the sink's URL). {@link #close} gives queued alerts a bounded time to go out before exit.
 */
public final class Alerter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("mmkit.alerts");
    private static final int QUEUE = 64;
    /** Environment variables whose values are treated as secrets wherever they might appear in an alert. */
    private static final Pattern SECRET_NAME = Pattern.compile("KEY|SECRET|TOKEN|PASS|PRIVATE|WEBHOOK");

    private final List<AlertSink> sinks;
    private final Redactor redactor;
    private final Duration timeout;
    private final ThreadPoolExecutor executor;
    private final OkHttpClient client;

    private Alerter(List<AlertSink> sinks, Redactor redactor, Duration timeout, OkHttpClient client) {
        this.sinks = List.copyOf(sinks);
        this.redactor = redactor;
        this.timeout = timeout;
        this.client = client;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "mmkit-alerts");
            t.setDaemon(true);
            return t;
        }, (r, e) -> LOG.warn("alert queue full ({} waiting): an alert was dropped", QUEUE));
    }

    /** The alerter a config section describes; one with no sinks when the section names none. */
    public static Alerter from(AlertSettings settings, Map<String, String> env) {
        OkHttpClient client = new OkHttpClient.Builder()
                .callTimeout(settings.timeout())
                .connectTimeout(settings.timeout())
                .retryOnConnectionFailure(false)
                .build();
        List<String> secrets = new ArrayList<>(settings.secrets(env));
        env.forEach((name, value) -> {
            if (SECRET_NAME.matcher(name.toUpperCase(Locale.ROOT)).find()) {
                secrets.add(value);
            }
        });
        return new Alerter(settings.sinks(env, client), new Redactor(secrets), settings.timeout(), client);
    }

    /** For tests: given sinks, no secrets but those given. */
    static Alerter of(List<AlertSink> sinks, List<String> secrets, Duration timeout) {
        return new Alerter(sinks, new Redactor(secrets), timeout, null);
    }

    public boolean isEnabled() {
        return !sinks.isEmpty();
    }

    /** Queues the alert for every sink and returns at once. Logged either way. */
    public void raise(Alert alert) {
        Alert clean = new Alert(alert.kind(), alert.instanceId(), alert.at(), redactor.redact(alert.message()),
                alert.orderIds());
        LOG.warn("[{}] alert: {} - {}", clean.instanceId(), clean.kind().title(), clean.message());
        for (AlertSink sink : sinks) {
            executor.execute(() -> deliver(sink, clean));
        }
    }

    private void deliver(AlertSink sink, Alert alert) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                sink.send(alert);
                LOG.info("[{}] alert {} delivered to {}", alert.instanceId(), alert.kind().wireName(), sink.describe());
                return;
            } catch (IOException | RuntimeException e) {
                String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                        + redactor.redact(e.getMessage()));
                LOG.warn("[{}] alert {} to {} failed (attempt {} of 2): {}", alert.instanceId(),
                        alert.kind().wireName(), sink.describe(), attempt, why);
            }
        }
    }

    /** Waits up to twice the delivery timeout for queued alerts, then lets the rest go. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("alerts still queued at exit were not delivered within {} ms",
                        timeout.multipliedBy(2).toMillis());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
