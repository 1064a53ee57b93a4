package io.mmkit.core.spi;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The strategies on a classpath, by the name {@code --strategy} takes, found through {@link ServiceLoader}.
 * Built once at start; immutable and thread-safe afterwards.
 */
public final class StrategyCatalog {
    private final Map<String, StrategyProvider> byName = new TreeMap<>();

    private StrategyCatalog(Iterable<StrategyProvider> found) {
        for (StrategyProvider p : found) {
            StrategyProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new IllegalStateException("two strategies named " + p.name() + ": "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
    }

    /** Scans the current thread's context class loader. */
    public static StrategyCatalog load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    public static StrategyCatalog load(ClassLoader loader) {
        return new StrategyCatalog(ServiceLoader.load(StrategyProvider.class, loader));
    }

    /** @throws ConfigException naming {@code --strategy} and the strategies available */
    public StrategyProvider find(String name) {
        StrategyProvider p = byName.get(name);
        if (p == null) {
            throw new ConfigException("--strategy", "unknown strategy \"" + name + "\" (available: "
                    + String.join(", ", byName.keySet()) + ")");
        }
        return p;
    }

    /** Names in alphabetical order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * Validates a config's {@code strategy} section with the named provider. Pure: no I/O.
     *
     * @throws ConfigException for an unknown strategy or a bad parameter, naming the key
     */
    public ConfiguredStrategy configure(String name, Map<String, ?> params) {
        return find(name).configure(new StrategyParams("strategy", params));
    }
}
