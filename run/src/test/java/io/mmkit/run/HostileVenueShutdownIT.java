package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.run.hostile.HostileBackpackVenue;
import io.mmkit.run.hostile.HostileBackpackVenue.CancelFault;
import io.mmkit.run.testing.CliProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built CLI running a grid through the real Backpack client against a hostile Backpack-shaped venue on
 * 127.0.0.1: slow placements when SIGTERM arrives, a cancel that hangs, a cancel answered but not carried out.
 * Each test prints the figures it measured (time from signal to exit, placements after the signal).
 */
class HostileVenueShutdownIT {
    private static final String INSTANCE = "hostile-it";
    private static final int GRID_ORDERS = 20;

    @TempDir
    Path dir;
    private HostileBackpackVenue venue;
    private CliProcess bot;

    @AfterEach
    void stopEverything() {
        if (bot != null) {
            bot.close();
        }
        if (venue != null) {
            venue.close();
        }
    }

    @Test
    void shouldStopPlacingAtOnceWhenSigtermArrivesMidGridAndLeaveNothing() throws Exception {
        venue = HostileBackpackVenue.start(Duration.ofMillis(1500), CancelFault.NONE);
        bot = startBot("""
                {"cancel_timeout": "10s", "save_timeout": "5s", "close_timeout": "5s", "total_timeout": "20s"}""");

        await("first placement at the venue").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> venue.firstPlacementNanos() != null || !bot.isAlive());
        assertThat(bot.isAlive()).as(bot.joined()).isTrue();
        // Mid-way through the second round of four 1.5 s placements: the grid is far from placed.
        long signalAt = venue.firstPlacementNanos() + TimeUnit.MILLISECONDS.toNanos(2250);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> System.nanoTime() - signalAt >= 0);
        long signalled = System.nanoTime();
        Duration took = bot.signalAndAwaitExit("TERM", Duration.ofSeconds(30));

        long afterSignal = venue.placementsArrivedSince(signalled);
        System.out.printf("slow placements: exit %s ms after SIGTERM, %d placement(s) reached the venue after it,"
                + " %d in all%n", took == null ? "-" : took.toMillis(), afterSignal, venue.placementsArrived());
        assertThat(took).as("exited; output:%n%s", bot.joined()).isNotNull();
        assertThat(took).as(bot.joined()).isLessThan(Duration.ofSeconds(6));
        assertThat(bot.exitValue()).as(bot.joined()).isZero();
        assertThat(afterSignal).as("placements reaching the venue after SIGTERM").isLessThanOrEqualTo(1);
        assertThat(venue.placementsArrived()).as("the grid was cut short").isLessThan(GRID_ORDERS);
        assertThat(venue.openClientIds()).as("orders left at the venue").isEmpty();
        bot.assertSomeLineContains("shutdown complete", "no orders remain");
    }

    @Test
    void shouldCancelEveryOtherOrderWhenOneCancelHangsAndNameIt() throws Exception {
        venue = HostileBackpackVenue.start(Duration.ZERO, CancelFault.HANG);
        bot = startBot("""
                {"cancel_timeout": "4s", "save_timeout": "2s", "close_timeout": "2s", "total_timeout": "10s"}""");
        awaitGridResting();

        Duration took = bot.signalAndAwaitExit("TERM", Duration.ofSeconds(30));

        String hung = venue.faultyOrder();
        System.out.printf("hung cancel: exit %s ms after SIGTERM, left at the venue %s%n",
                took == null ? "-" : took.toMillis(), venue.openClientIds());
        assertThat(took).as("exited; output:%n%s", bot.joined()).isNotNull();
        assertThat(took).as("within the 10 s total, not the venue's 60 s").isLessThan(Duration.ofSeconds(12));
        assertThat(bot.exitValue()).as(bot.joined()).isEqualTo(1);
        assertThat(hung).isNotNull();
        assertThat(venue.openClientIds()).as("every other order cancelled").containsExactly(hung);
        bot.assertSomeLineContains("may remain", hung);
        assertThat(storedStatus(hung)).isNotEqualTo("CANCELLED");
    }

    @Test
    void shouldExitNonZeroNamingAnOrderWhoseCancelWasAnsweredButWhichStaysOpen() throws Exception {
        venue = HostileBackpackVenue.start(Duration.ZERO, CancelFault.ANSWER_BUT_KEEP);
        bot = startBot("""
                {"cancel_timeout": "3s", "save_timeout": "2s", "close_timeout": "2s", "total_timeout": "10s"}""");
        awaitGridResting();

        Duration took = bot.signalAndAwaitExit("TERM", Duration.ofSeconds(30));

        String kept = venue.faultyOrder();
        System.out.printf("kept order: exit %s ms after SIGTERM, left at the venue %s%n",
                took == null ? "-" : took.toMillis(), venue.openClientIds());
        assertThat(took).as("exited; output:%n%s", bot.joined()).isNotNull();
        assertThat(bot.exitValue()).as(bot.joined()).isEqualTo(1);
        assertThat(venue.openClientIds()).containsExactly(kept);
        bot.assertSomeLineContains("may remain", kept);
        assertThat(storedStatus(kept)).as("the store says what the venue shows").isEqualTo("NEW");
        assertThat(countStored("CANCELLED")).as("the others, confirmed by the listing").isPositive();
    }

    private void awaitGridResting() {
        await("grid resting at the venue").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> venue.openClientIds().size() >= GRID_ORDERS || !bot.isAlive());
        assertThat(bot.isAlive()).as(bot.joined()).isTrue();
    }

    private CliProcess startBot(String shutdown) throws IOException {
        return CliProcess.start(Map.of("MMKIT_IT_BACKPACK_KEY", HostileBackpackVenue.API_KEY,
                        "MMKIT_IT_BACKPACK_SECRET", HostileBackpackVenue.SECRET),
                "--strategy", "grid", "--config", config(shutdown).toString());
    }

    private Path config(String shutdown) throws IOException {
        String config = """
                {
                  "instance_id": "%s",
                  "symbol": "%s",
                  "interval": "500ms",
                  "exchange": {
                    "name": "backpack",
                    "market": "spot",
                    "base_url": "%s",
                    "ws_url": "%s",
                    "api_key_env": "MMKIT_IT_BACKPACK_KEY",
                    "secret_key_env": "MMKIT_IT_BACKPACK_SECRET",
                    "streams": false,
                    "rate_limit": false
                  },
                  "strategy": {
                    "grid_lower_price": "148",
                    "grid_upper_price": "152",
                    "grid_num": 21,
                    "grid_mode": "arithmetic",
                    "order_quantity": "0.5"
                  },
                  "shutdown": %s,
                  "store": {"directory": "%s"}
                }
                """.formatted(INSTANCE, HostileBackpackVenue.SYMBOL, venue.baseUrl(),
                venue.baseUrl().replaceFirst("^http", "ws"), shutdown, dir.resolve("data"));
        return Files.writeString(dir.resolve("hostile.json"), config);
    }

    private String storedStatus(String clientOrderId) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(INSTANCE + ".db"));
             PreparedStatement q = c.prepareStatement("SELECT status FROM orders WHERE client_order_id = ?")) {
            q.setString(1, clientOrderId);
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).as("order %s is in the store", clientOrderId).isTrue();
                return r.getString(1);
            }
        }
    }

    private int countStored(String status) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve(INSTANCE + ".db"));
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM orders WHERE status = ?")) {
            q.setString(1, status);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
