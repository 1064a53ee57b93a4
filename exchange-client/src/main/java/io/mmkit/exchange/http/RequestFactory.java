package io.mmkit.exchange.http;

import okhttp3.Request;

/**
 * Builds one attempt of a request. Called once per attempt with a fresh venue timestamp, so every retry
 * carries a new timestamp and a new signature.
 */
@FunctionalInterface
public interface RequestFactory {
    Request build(long timestampMillis);
}
