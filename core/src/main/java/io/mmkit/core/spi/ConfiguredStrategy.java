package io.mmkit.core.spi;

import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import java.util.Set;

/** A strategy whose parameters passed validation, ready to be bound to markets. */
public interface ConfiguredStrategy {

    /** Builds the instance. Called once the venue, store and time source are wired. No I/O. */
    MarketMaker create(MarketMakerContext context);

    /**
     * Names of markets beyond the primary one the strategy needs (e.g. {@code hedge}); the config's
     * {@code markets} section must define each.
     */
    default Set<String> requiredMarkets() {
        return Set.of();
    }
}
