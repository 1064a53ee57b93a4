package io.mmkit.exchange.http;

import java.io.IOException;

/**
 * Turns an answer the venue gave into a value. Called for 2xx answers and for the 4xx answers the venue's
 * error adapter left to the caller (business rejections). A parse failure is thrown as {@link IOException}
 * and mapped by the venue's error adapter.
 */
@FunctionalInterface
public interface ResponseReader<T> {
    T read(HttpAnswer answer) throws IOException;
}
