package io.mmkit.backtest;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;
import io.mmkit.core.spi.ConfiguredStrategy;
import io.mmkit.core.spi.StrategyProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The strategies on the classpath, found through {@link ServiceLoader}, by the name {@code --strategy} takes. */
public final class StrategyCatalog {
    private final Map<String, StrategyProvider> providers = new TreeMap<>();

    private StrategyCatalog(Iterable<StrategyProvider> found) {
        found.forEach(p -> providers.putIfAbsent(p.name(), p));
    }

    /** Scans the context class loader's classpath. */
    public static StrategyCatalog load() {
        return new StrategyCatalog(ServiceLoader.load(StrategyProvider.class));
    }

    public List<String> names() {
        return new ArrayList<>(providers.keySet());
    }

    /**
     * Validates {@code params} (the config's {@code strategy} section) with the named provider. Pure.
     *
     * @throws ConfigException for an unknown strategy or a bad parameter
     */
    public ConfiguredStrategy configure(String name, Map<String, Object> params) {
        StrategyProvider p = providers.get(name);
        if (p == null) {
            throw new ConfigException("strategy", "unknown strategy \"" + name + "\"; available: " + names());
        }
        return p.configure(new StrategyParams("strategy", params));
    }
}
