package io.mmkit.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.backtest.data.DataFormat;
import io.mmkit.backtest.data.DataFormatException;
import io.mmkit.sim.feed.ReplaySource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A venue that refuses every WebSocket handshake: {@code collect} gives up after the configured number of failed
 * connects, exits non-zero, and leaves no database behind; an empty database is refused by the backtest reader.
 */
class CollectGiveUpTest {
    @TempDir
    Path dir;

    /** Answers every request 503, so every connect attempt fails at the handshake. */
    private static final class RefusingVenue extends Dispatcher {
        final AtomicInteger handshakes = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            handshakes.incrementAndGet();
            return new MockResponse.Builder().code(503).body("down for maintenance").build();
        }
    }

    @Test
    void shouldGiveUpAfterTheFailedConnectLimitAndLeaveNoDatabase() throws Exception {
        RefusingVenue refusing = new RefusingVenue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path db = dir.resolve("sol_usdc.db");
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(refusing);
            server.start();
            String url = "127.0.0.1:" + server.getPort();

            int status = new CommandLine(new CollectCommand(Map.of(), false,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--venue", "backpack", "--symbol",
                    "SOL_USDC", "--db", db.toString(), "--base-url", "http://" + url, "--ws-url", "ws://" + url,
                    "--max-failed-connects", "3");

            assertThat(status).isEqualTo(1);
        }
        assertThat(refusing.handshakes.get()).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).startsWith(
                "mmkit collect: gave up after 3 failed connects in a row to ws://127.0.0.1:")
                .endsWith("; nothing recorded, no database left");
        assertThat(db).doesNotExist();
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void shouldRefuseTheFailedConnectLimitBelowOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = new CommandLine(new CollectCommand(Map.of(), false, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--symbol", "BTCUSDT",
                "--max-failed-connects", "0", "--db", dir.resolve("x.db").toString());

        assertThat(status).isEqualTo(CollectCommand.CONFIG_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("max_failed_connects must be at least 1, was 0");
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    @Test
    void shouldHaveTheBacktestReaderRefuseAnEmptyDatabase() {
        Path db = dir.resolve("empty.db");
        CollectorStore.open(db, "BTCUSDT", Map.of("venue", "binance")).close();

        assertThatThrownBy(() -> {
            try (ReplaySource source = DataFormat.SQLITE.open(List.of(db))) {
                source.next();
            }
        }).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("empty.db")
                .hasMessageContaining("holds no events: the collector recorded nothing into it");
    }

    @Test
    void shouldPrintProgressAsEventsRecordedAndMinutesSaved() {
        assertThat(CollectProgress.line(12, 10, 2)).isEqualTo("collecting: 10 events recorded (12 received),"
                + " 2 minutes saved");
    }
}
