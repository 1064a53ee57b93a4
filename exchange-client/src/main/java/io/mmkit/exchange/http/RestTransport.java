package io.mmkit.exchange.http;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.RateLimitException;
import io.mmkit.core.exchange.TransportException;
import io.mmkit.exchange.VenueObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One venue's REST calls over the shared {@link OkHttpClient}: rate limiting by weight, a fresh timestamp and
 * signature per attempt, capped backoff for safe calls, {@code Retry-After} honoured, and every failure mapped
 * by the venue's {@link VenueErrors}. No {@link IOException} leaves this class.
 *
 * <p>Thread-safe. {@link #execute} blocks the calling thread for the call and its retries; the total is bounded
 * by {@code maxAttempts * (callTimeout + maxBackoff)}. Waits go through the injected time source, and they and the
 * call itself are interruptible: an interrupt cancels the HTTP call in flight, ends the call with a
 * {@link TransportException} and keeps the interrupt flag.
 */
public final class RestTransport {
    private static final Logger LOG = LoggerFactory.getLogger(RestTransport.class);

    private final String venue;
    private final OkHttpClient client;
    private final HttpSettings settings;
    private final ServerClock clock;
    private final WeightRateLimiter limiter;
    private final Backoff backoff;
    private final VenueErrors errors;
    private final Redactor redactor;
    private volatile Runnable onClockSkew = () -> { };
    private volatile VenueObserver observer = VenueObserver.NONE;

    public RestTransport(String venue, OkHttpClient client, HttpSettings settings, ServerClock clock,
                         WeightRateLimiter limiter, Backoff backoff, VenueErrors errors, Redactor redactor) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** What to run when the venue refuses our timestamp: the venue re-synchronises its {@link ServerClock}. */
    public void onClockSkew(Runnable resync) {
        this.onClockSkew = Objects.requireNonNull(resync, "resync");
    }

    /** Where each attempt's latency and outcome are reported; set before the first call. */
    public void observe(VenueObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        limiter.observe(venue, observer);
    }

    public ServerClock clock() {
        return clock;
    }

    public Redactor redactor() {
        return redactor;
    }

    /**
     * Runs one call to completion.
     *
     * @param what a short description for logs and error messages, e.g. {@code place 123}
     * @param weight the venue's request weight, taken from the rate limiter before each attempt
     * @param safety whether an attempt with an unknown outcome may be repeated
     * @throws ExchangeException the venue error adapter's mapping of the last failure
     */
    public <T> T execute(String what, int weight, CallSafety safety, RequestFactory factory, ResponseReader<T> reader) {
        int attempt = 0;
        while (true) {
            ExchangeException failure;
            try {
                limiter.acquire(weight);
                return attemptOnce(what, factory, reader);
            } catch (ExchangeException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(venue, what + ": interrupted while waiting for the rate limit", e);
            }
            attempt++;
            // An interrupted caller has given up on this call: no retry.
            Duration wait = Thread.currentThread().isInterrupted() ? null : retryDelay(failure, safety, attempt);
            if (wait == null) {
                throw failure;
            }
            LOG.warn("{} {}: attempt {} failed ({}); retrying in {} ms", venue, what, attempt,
                    redactor.redact(failure.getMessage()), wait.toMillis());
            pause(what, wait, failure);
        }
    }

    private <T> T attemptOnce(String what, RequestFactory factory, ResponseReader<T> reader) {
        Request request = factory.build(clock.nowMillis());
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {}", venue, request.method(), redactor.redact(request.url().toString()));
        }
        long began = System.nanoTime();
        HttpAnswer answer;
        try {
            answer = exchange(what, request);
        } catch (ExchangeException e) {
            report(request, "transport", began);
            throw e;
        }
        report(request, outcome(answer.status()), began);
        ExchangeException refused = errors.classify(what, answer);
        if (refused != null) {
            throw refused;
        }
        try {
            return reader.read(answer);
        } catch (IOException e) {
            throw errors.transportFailure(what, e);
        }
    }

    /**
     * Sends one request and reads its answer on OkHttp's dispatcher while this thread waits, so that an interrupt
     * (a shutdown step at its deadline, a caller giving up) cancels the call at once instead of waiting out the
     * read timeout: a blocking socket read does not notice an interrupt. A cancelled call's outcome is unknown,
     * exactly as a timeout's.
     */
    private HttpAnswer exchange(String what, Request request) {
        Call call = client.newCall(request);
        CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    ResponseBody body = response.body();
                    answer.complete(new HttpAnswer(response.code(), body.string(), response.headers()));
                } catch (IOException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(Call c, IOException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw new TransportException(venue, what + ": interrupted; the call was abandoned", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw errors.transportFailure(what, io);
            }
            throw errors.transportFailure(what, new IOException(String.valueOf(cause), cause));
        }
    }

    private void report(Request request, String outcome, long began) {
        observer.onRequest(venue, request.method() + " " + request.url().encodedPath(), outcome,
                System.nanoTime() - began);
    }

    private static String outcome(int code) {
        if (code < 400) {
            return "ok";
        }
        if (code == 429 || code == 418) {
            return "rate_limited";
        }
        return code < 500 ? "http_4xx" : "http_5xx";
    }

    /** The wait before the next attempt, or null when the failure must go to the caller. */
    private Duration retryDelay(ExchangeException failure, CallSafety safety, int attemptsMade) {
        if (!failure.isRetryable() || attemptsMade >= settings.maxAttempts()) {
            return null;
        }
        if (failure instanceof RateLimitException limited) {
            Duration after = limited.retryAfter() == null ? Duration.ZERO : limited.retryAfter();
            if (after.compareTo(settings.maxRetryAfter()) > 0) {
                limiter.closeFor(after);
                return null;
            }
            limiter.closeFor(after);
            // The venue refused before doing anything, so even a placement may go again.
            return after.isZero() ? backoff.delay(attemptsMade - 1) : Duration.ZERO;
        }
        if (failure instanceof ClockSkewException) {
            onClockSkew.run();
            return Duration.ZERO;
        }
        if (safety == CallSafety.PLACE) {
            return null;
        }
        return backoff.delay(attemptsMade - 1);
    }

    private void pause(String what, Duration wait, ExchangeException failure) {
        if (wait.isZero()) {
            return;
        }
        try {
            clock.timeSource().pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            TransportException interrupted = new TransportException(venue, what + ": interrupted during backoff", e);
            interrupted.addSuppressed(failure);
            throw interrupted;
        }
    }
}
