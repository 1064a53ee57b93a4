package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.spi.StrategyProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The strategies on the classpath, by name, found through {@link ServiceLoader}. */
final class StrategyCatalog {
    private final Map<String, StrategyProvider> byName = new TreeMap<>();

    StrategyCatalog(ClassLoader loader) {
        for (StrategyProvider p : ServiceLoader.load(StrategyProvider.class, loader)) {
            StrategyProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new IllegalStateException("two strategies named " + p.name() + ": "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
    }

    static StrategyCatalog fromClasspath() {
        return new StrategyCatalog(Thread.currentThread().getContextClassLoader());
    }

    StrategyProvider find(String name) {
        StrategyProvider p = byName.get(name);
        if (p == null) {
            throw new ConfigException("--strategy", "unknown strategy \"" + name + "\" (available: "
                    + String.join(", ", byName.keySet()) + ")");
        }
        return p;
    }

    Map<String, StrategyProvider> all() {
        return Map.copyOf(byName);
    }
}
