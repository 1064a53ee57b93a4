package io.mmkit.core.spi;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.config.StrategyParams;

/**
 * A named strategy that {@code run --strategy <name>} can start, found through
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.mmkit.core.spi.StrategyProvider} of any jar on the classpath.
 */
public interface StrategyProvider {

    /** The name users pass to {@code --strategy}, e.g. {@code grid}. Lower case, no spaces. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /**
     * Validates the config's {@code strategy} section. Pure: no I/O, no exchange. Must read every key it
     * accepts and then call {@link StrategyParams#requireAllRead()}, so an unknown key is an error.
     *
     * @throws ConfigException naming the key and the problem
     */
    ConfiguredStrategy configure(StrategyParams params);
}
