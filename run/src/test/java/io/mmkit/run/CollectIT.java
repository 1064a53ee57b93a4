package io.mmkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mmkit.collector.FakeBinanceVenue;
import io.mmkit.run.testing.CliProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run collect} as a child process against a local Binance-shaped venue: every event it received is in
 * its SQLite file, and SIGTERM ends it with the unfinished minute saved, the steps logged in order, status 0,
 * well inside the seed's 3–5 s.
 */
class CollectIT {
    @TempDir
    Path dir;
    private CliProcess collector;
    private FakeBinanceVenue venue;

    @AfterEach
    void stopEverything() {
        if (collector != null) {
            collector.close();
        }
        if (venue != null) {
            venue.close();
        }
    }

    @Test
    void shouldStoreEverythingAndSaveTheUnfinishedMinuteOnSigterm() throws Exception {
        venue = new FakeBinanceVenue();
        Path db = dir.resolve("btcusdt.db");
        collector = CliProcess.start(Map.of(), "collect", "--symbol", "BTCUSDT", "--market", "spot",
                "--db", db.toString(), "--base-url", venue.baseUrl(), "--ws-url", venue.wsUrl(),
                "--progress-every", "1s");
        venue.awaitSubscribed();
        for (String frame : FakeBinanceVenue.STREAM) {
            assertThat(venue.send(frame)).isTrue();
        }
        await("every frame stored").atMost(Duration.ofSeconds(30))
                .until(() -> count(db, "SELECT count(*) FROM raw_events WHERE kind <> 'depth_snapshot'")
                        >= FakeBinanceVenue.STREAM.size());
        // Into a pipe, a plain progress line every --progress-every: what it has recorded so far.
        await("a progress line counting what was stored").atMost(Duration.ofSeconds(30))
                .until(() -> collector.lines().stream().anyMatch(l -> l.startsWith("collecting: ")
                        && !l.startsWith("collecting: 0 events")));

        Duration took = collector.signalAndAwaitExit("TERM", Duration.ofSeconds(3));

        assertThat(took).as("exited within 3 s of SIGTERM:%n%s", collector.joined()).isNotNull();
        assertThat(collector.exitValue()).as(collector.joined()).isZero();
        collector.assertSomeLineContains("received SIGTERM");
        collector.assertLinesInOrder("shutdown [1/5]", "shutdown [2/5]", "shutdown [3/5]", "shutdown [4/5]",
                "shutdown [5/5]", "shutdown complete");
        assertThat(count(db, "SELECT count(*) FROM raw_events WHERE kind <> 'depth_snapshot'"))
                .isEqualTo(FakeBinanceVenue.STREAM.size());
        assertThat(count(db, "SELECT count(*) FROM minute_bars")).as("the unfinished minute").isPositive();
    }

    @Test
    void shouldGiveUpAfterTheFailedConnectLimitWithAnErrorExitAndNoDatabase() throws Exception {
        try (mockwebserver3.MockWebServer refusing = new mockwebserver3.MockWebServer()) {
            refusing.setDispatcher(new mockwebserver3.Dispatcher() {
                @Override
                public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                    return new mockwebserver3.MockResponse.Builder().code(503).body("maintenance").build();
                }
            });
            refusing.start();
            String at = "127.0.0.1:" + refusing.getPort();
            Path db = dir.resolve("sol_usdc.db");

            collector = CliProcess.start(Map.of(), "collect", "--venue", "backpack", "--symbol", "SOL_USDC",
                    "--db", db.toString(), "--base-url", "http://" + at, "--ws-url", "ws://" + at,
                    "--max-failed-connects", "2");

            await("collect gives up").atMost(Duration.ofSeconds(60)).until(() -> !collector.isAlive());
            assertThat(collector.exitValue()).as(collector.joined()).isEqualTo(1);
            collector.assertSomeLineContains("gave up after 2 failed connects in a row to ws://" + at,
                    "nothing recorded, no database left");
            assertThat(db).doesNotExist();
            assertThat(refusing.getRequestCount()).isEqualTo(2);
        }
    }

    private static long count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        } catch (java.sql.SQLException notThereYet) {
            return 0; // the collector creates the file and its schema on start
        }
    }
}
