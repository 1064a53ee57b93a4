package io.mmkit.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConnectionSettingsTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private SqliteTradeStore store;
    private ExecutorService writer;

    @BeforeEach
    void open() {
        store = SqliteTradeStore.open(dir, "bot");
        writer = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void close() {
        writer.shutdownNow();
        store.close();
    }

    @Test
    void shouldUseWriteAheadLog() {
        assertThat(store.pragma("journal_mode")).isEqualToIgnoringCase("wal");
    }

    @Test
    void shouldSetBusyTimeoutNormalSyncAndForeignKeysOnPooledConnection() {
        assertThat(store.pragma("busy_timeout")).isEqualTo(String.valueOf(SqlitePool.BUSY_TIMEOUT_MILLIS));
        assertThat(store.pragma("synchronous")).isEqualTo("1"); // NORMAL
        assertThat(store.pragma("foreign_keys")).isEqualTo("1");
    }

    @Test
    void shouldWaitForConcurrentWriterInsteadOfFailing() throws Exception {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + store.file());
             Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            // Takes the database's single write lock and keeps it until the commit below.
            statement.executeUpdate("INSERT INTO daily_stats VALUES ('2024-03-01', 'ETH_USDC', '0', '0', '0', '0',"
                    + " '0', '0', 0)");

            Future<Boolean> write = writer.submit(() -> store.fill(fill("f-1")));

            // Without a busy timeout the write fails at once with SQLITE_BUSY and this get throws
            // ExecutionException; with one it is still waiting for the lock.
            assertThatThrownBy(() -> write.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

            other.commit();

            assertThat(write.get(SqlitePool.BUSY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        }
        assertThat(store.fills("BTC_USDC", T0)).hasSize(1);
    }

    private static Fill fill(String fillId) {
        return new Fill(fillId, "o-1", "mm-1", "BTC_USDC", Side.BUY, BigDecimal.TEN, BigDecimal.ONE,
                BigDecimal.ZERO, "USDC", Liquidity.TAKER, T0);
    }
}
