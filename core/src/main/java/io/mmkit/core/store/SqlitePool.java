package io.mmkit.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Builds the connection pool for one SQLite file, with the settings every pooled connection needs. */
public final class SqlitePool {

    /** How long a write waits for another connection's write lock before failing with SQLITE_BUSY. */
    public static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private SqlitePool() {
    }

    /**
     * Opens a pool on {@code file}, creating the file if it does not exist. Blocks while the first
     * connection opens; the caller closes the pool.
     */
    public static HikariDataSource open(Path file) {
        // SQLiteConfig applies these pragmas to every connection the data source opens, so a connection
        // the pool replaces gets them too.
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        sqlite.enforceForeignKeys(true);
        // A write transaction takes the write lock at BEGIN. A deferred one that read first and then
        // finds the lock taken fails at once with SQLITE_BUSY_SNAPSHOT; the busy timeout cannot help it.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);

        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(dataSource);
        pool.setPoolName("mmkit-store-" + file.getFileName());
        // SQLite serialises writers anyway, and the store is never used concurrently: one connection
        // is enough and keeps one page cache.
        pool.setMaximumPoolSize(1);
        pool.setMinimumIdle(1);
        // No server ever drops an idle connection to a local file, so there is no reason to recycle it.
        pool.setMaxLifetime(0);
        // Only a leaked connection makes a caller wait for the pool; fail well inside the shutdown's
        // save deadline rather than Hikari's 30 s default.
        pool.setConnectionTimeout(BUSY_TIMEOUT_MILLIS);
        return new HikariDataSource(pool);
    }
}
