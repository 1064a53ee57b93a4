package io.mmkit.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The loop's wait, live and virtual: it ends on stop at once, on a cause it listens for, or at its timeout. */
class WakeupTest {
    private static final Duration LONG = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2024-08-09T00:00:00Z");

    private final StopLatch stop = new StopLatch();
    private final Wakeup wake = new Wakeup(stop);

    /** Starts a live wait of ten minutes on another thread; returns once that thread is about to wait. */
    private CompletableFuture<Boolean> waitLive(int causes) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> result = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            try {
                return new SystemTimeSource().awaitWake(stop, wake, causes, LONG);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        return result;
    }

    @Test
    void shouldEndALiveWaitWhenAFillIsSignalledFromAVenueThread() throws Exception {
        CompletableFuture<Boolean> waiting = waitLive(Wakeup.ANY);

        new Thread(() -> wake.signal(Wakeup.FILL), "venue").start();

        assertThat(waiting.get(30, TimeUnit.SECONDS)).as("not stopped").isFalse();
        assertThat(wake.drain()).isEqualTo(Wakeup.FILL);
        assertThat(wake.isPending(Wakeup.ANY)).isFalse();
    }

    @Test
    void shouldEndALiveWaitAtOnceWhenStopIsRequested() throws Exception {
        CompletableFuture<Boolean> waiting = waitLive(Wakeup.FILL);

        stop.release();

        assertThat(waiting.get(30, TimeUnit.SECONDS)).as("stopped").isTrue();
    }

    @Test
    void shouldNotEndAWaitForACauseItDoesNotListenFor() throws Exception {
        wake.signal(Wakeup.BOOK);

        boolean stopped = new SystemTimeSource().awaitWake(stop, wake, Wakeup.FILL, Duration.ofMillis(20));

        assertThat(stopped).isFalse();
        assertThat(wake.isPending(Wakeup.BOOK)).as("left for the caller").isTrue();
        assertThat(new SystemTimeSource().awaitWake(stop, wake, Wakeup.ANY, LONG)).as("pending: returns at once")
                .isFalse();
    }

    @Test
    void shouldStepVirtualTimeToTheEventThatWakesIt() {
        SimulatedTimeSource time = new SimulatedTimeSource(T0);
        Deque<Instant> events = new ArrayDeque<>(List.of(T0.plusMillis(300), T0.plusMillis(700), T0.plusSeconds(2)));
        time.addSchedule(events::peekFirst);
        time.addListener(now -> {
            while (!events.isEmpty() && !events.peekFirst().isAfter(now)) {
                if (events.pollFirst().equals(T0.plusMillis(700))) {
                    wake.signal(Wakeup.BOOK);
                }
            }
        });

        boolean stopped = time.awaitWake(stop, wake, Wakeup.BOOK, Duration.ofSeconds(60));

        assertThat(stopped).isFalse();
        assertThat(time.now()).isEqualTo(T0.plusMillis(700));
    }

    @Test
    void shouldNeverStepPastTheTimeoutOnVirtualTime() {
        SimulatedTimeSource time = new SimulatedTimeSource(T0);
        time.addSchedule(() -> time.now().plusMillis(100));

        boolean stopped = time.awaitWake(stop, wake, Wakeup.ANY, Duration.ofSeconds(1));

        assertThat(stopped).isFalse();
        assertThat(time.now()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void shouldEndAVirtualWaitAtTheStepWhereStopIsRequested() {
        SimulatedTimeSource time = new SimulatedTimeSource(T0);
        time.addSchedule(() -> time.now().plusSeconds(1));
        time.addListener(now -> {
            if (now.equals(T0.plusSeconds(3))) {
                stop.release();
            }
        });

        assertThat(time.awaitWake(stop, wake, Wakeup.ANY, Duration.ofHours(1))).isTrue();
        assertThat(time.now()).isEqualTo(T0.plusSeconds(3));
    }
}
