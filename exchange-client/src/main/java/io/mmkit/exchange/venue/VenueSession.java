package io.mmkit.exchange.venue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.time.TimeSource;
import io.mmkit.exchange.VenueConfig;
import io.mmkit.exchange.VenueObserver;
import io.mmkit.exchange.http.Backoff;
import io.mmkit.exchange.http.HttpClients;
import io.mmkit.exchange.http.Json;
import io.mmkit.exchange.http.Redactor;
import io.mmkit.exchange.http.RestTransport;
import io.mmkit.exchange.http.ServerClock;
import io.mmkit.exchange.http.VenueErrors;
import io.mmkit.exchange.http.WeightRateLimiter;
import io.mmkit.exchange.ws.ReconnectingWebSocket;
import io.mmkit.exchange.ws.StreamSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources one venue gateway owns: the OkHttp client its REST calls and WebSockets share, one daemon
 * scheduler thread ({@code <venue>-streams}) for reconnects, snapshots, fill polls and keep-alives, the
 * venue's clock, a JSON mapper and the jitter source. Builds the REST transport and the reconnecting sockets
 * from them, so every venue gets the same timeouts, backoff and redaction.
 *
 * <p>The gateway that opens a session closes it; {@link #close()} stops the scheduler and the client's
 * threads, is idempotent and never throws. Thread-safe.
 */
public final class VenueSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VenueSession.class);

    private final String venue;
    private final VenueConfig config;
    private final RandomGenerator random;
    private final OkHttpClient client;
    private final ObjectMapper mapper;
    private final ServerClock clock;
    private final ScheduledExecutorService scheduler;
    private final Redactor redactor;
    private final VenueObserver observer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VenueSession(String venue, VenueConfig config, TimeSource time, RandomGenerator random,
                         VenueObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.venue = Objects.requireNonNull(venue, "venue");
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.client = HttpClients.create(config.http(), config.streams().pingInterval());
        this.mapper = Json.newMapper();
        this.clock = new ServerClock(time);
        this.redactor = config.redactor();
        this.scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, venue + "-streams");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Creates the session's resources. Does no I/O and starts no thread until something is scheduled.
     *
     * @param venue the venue's name, as in its exceptions and log lines ({@code "backpack"})
     * @param random jitter for retries and reconnects; pass a seeded generator for repeatable runs
     */
    public static VenueSession open(String venue, VenueConfig config, TimeSource time, RandomGenerator random) {
        return open(venue, config, time, random, VenueObserver.NONE);
    }

    /** Like {@link #open(String, VenueConfig, TimeSource, RandomGenerator)}, reporting traffic to {@code observer}. */
    public static VenueSession open(String venue, VenueConfig config, TimeSource time, RandomGenerator random,
                                    VenueObserver observer) {
        return new VenueSession(venue, config, time, random, observer);
    }

    /**
     * The venue's REST transport over this session's client and clock: rate limited to {@code weightPerMinute}
     * unless the config turns rate limiting off, retried with the configured capped, jittered backoff.
     */
    public RestTransport transport(VenueErrors errors, int weightPerMinute) {
        TimeSource time = clock.timeSource();
        WeightRateLimiter limiter = config.http().rateLimited()
                ? new WeightRateLimiter(time, weightPerMinute, Duration.ofMinutes(1))
                : WeightRateLimiter.unbounded(time);
        RestTransport transport = new RestTransport(venue, client, config.http(), clock, limiter,
                new Backoff(config.http().baseBackoff(), config.http().maxBackoff(), random), errors, redactor);
        transport.observe(observer);
        return transport;
    }

    /**
     * A socket on this session's client and scheduler, with the configured reconnect backoff and silence
     * timeout. Not started; the caller starts and closes it (normally through a subscription).
     *
     * @param url evaluated on every (re)connect
     */
    public ReconnectingWebSocket socket(String name, Supplier<String> url, ReconnectingWebSocket.Handler handler) {
        StreamSettings s = config.streams();
        ReconnectingWebSocket socket = new ReconnectingWebSocket(name, client, url, handler,
                new Backoff(s.reconnectBase(), s.reconnectMax(), random), scheduler, s.silenceTimeout(), redactor);
        socket.observe(venue, observer);
        return socket;
    }

    /**
     * Learns the offset between our clock and the venue's from one server-time round trip, so signed
     * requests fall inside the venue's window. Blocks on {@code serverTime}; its failures propagate.
     */
    public void syncTime(LongSupplier serverTime) {
        Instant sent = clock.timeSource().now();
        long server = serverTime.getAsLong();
        clock.sync(server, sent, clock.timeSource().now());
        LOG.info("{}: clock offset {} ms", venue, clock.offsetMillis());
    }

    /** Where this session's traffic is reported ({@link VenueObserver#NONE} unless given at open). */
    public VenueObserver observer() {
        return observer;
    }

    public String venue() {
        return venue;
    }

    public VenueConfig config() {
        return config;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public ServerClock clock() {
        return clock;
    }

    /** Now on the injected time source (not corrected by the venue's offset). */
    public Instant now() {
        return clock.timeSource().now();
    }

    /** The session's scheduler; tasks on it must not block for long. Shut down by {@link #close()}. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Stops the scheduler (pending reconnects, polls and keep-alives are dropped) and releases the client. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        HttpClients.shutdown(client);
    }
}
