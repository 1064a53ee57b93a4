package io.mmkit.core.spi;

import java.util.Objects;

/**
 * The most orders a strategy's config can make it rest at once, and the key that sets it, so the launcher can
 * refuse a runaway level count ({@code grid_num: 100000000}) before building anything.
 *
 * @param key the config key that sets the count, e.g. {@code strategy.grid_num}
 * @param configured the value the config gave that key
 * @param orders how many orders that makes rest at most
 */
public record RestingOrderCount(String key, long configured, long orders) {
    public RestingOrderCount {
        Objects.requireNonNull(key, "key");
        if (orders < 0) {
            throw new IllegalArgumentException("orders must not be negative, was " + orders);
        }
    }
}
