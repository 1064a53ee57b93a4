package io.mmkit.core.store;

/**
 * A trade store could not do what it was asked: the database file could not be opened, migrated,
 * read or written. Unchecked, so that {@link java.sql.SQLException} never leaves the store; the
 * message names the operation and the cause carries the driver's detail.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
