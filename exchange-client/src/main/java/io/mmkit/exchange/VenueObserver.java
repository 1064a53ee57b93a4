package io.mmkit.exchange;

/**
 * What an operator's tools (metrics) learn of one venue client's traffic: REST call latency by endpoint and
 * outcome, waits for the client-side rate limit, stream reconnects and order-book resyncs. Every method has an
 * empty default. A deliberately small interface so that exchange-client needs no metrics library: the run
 * module bridges it to Micrometer.
 *
 * <p>Called on the thread where the event happens (the caller of a REST call, a socket or scheduler thread), so
 * an implementation must be quick, thread-safe and must not block or throw.
 */
public interface VenueObserver {
    /** Observes nothing. */
    VenueObserver NONE = new VenueObserver() {
    };

    /**
     * One REST attempt ended.
     *
     * @param endpoint the method and path, without query or ids, e.g. {@code POST /api/v1/order}
     * @param outcome {@code ok}, {@code rate_limited}, {@code http_4xx}, {@code http_5xx} or {@code transport}
     */
    default void onRequest(String venue, String endpoint, String outcome, long tookNanos) {
    }

    /** A call waited this long for the client-side rate limit (or a venue's {@code Retry-After}). */
    default void onRateLimitWait(String venue, long waitedNanos) {
    }

    /** A stream lost its connection and will reconnect. */
    default void onReconnect(String venue, String stream) {
    }

    /** A streamed order book is re-seeded from a REST snapshot (after a gap or a reconnect). */
    default void onBookResync(String venue, String symbol) {
    }
}
