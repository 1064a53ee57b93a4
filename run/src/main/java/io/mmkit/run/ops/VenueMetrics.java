package io.mmkit.run.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mmkit.exchange.VenueObserver;
import java.util.concurrent.TimeUnit;

/**
 * The venue clients' traffic as Micrometer meters: {@code mmkit_venue_request_seconds{venue,endpoint,outcome}}
 * (each REST attempt), {@code mmkit_rate_limit_wait_seconds{venue}}, {@code mmkit_stream_reconnects_total} and
 * {@code mmkit_book_resyncs_total}. Called from venue threads; Micrometer's meters are thread-safe.
 */
public final class VenueMetrics implements VenueObserver {
    private final MeterRegistry registry;

    public VenueMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onRequest(String venue, String endpoint, String outcome, long tookNanos) {
        Timer.builder("mmkit.venue.request").description("One REST attempt to the venue")
                .tags("venue", venue, "endpoint", endpoint, "outcome", outcome)
                .register(registry).record(tookNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onRateLimitWait(String venue, long waitedNanos) {
        Timer.builder("mmkit.rate.limit.wait").description("Waits for the client-side rate limit or Retry-After")
                .tag("venue", venue).register(registry).record(waitedNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onReconnect(String venue, String stream) {
        registry.counter("mmkit.stream.reconnects", "venue", venue, "stream", stream).increment();
    }

    @Override
    public void onBookResync(String venue, String symbol) {
        registry.counter("mmkit.book.resyncs", "venue", venue, "symbol", symbol).increment();
    }
}
