package io.mmkit.core.spi;

import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import java.util.List;
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

    /**
     * The most orders the config makes this strategy rest at once, checked against {@code guards.max_open_orders}
     * before anything is opened. Pure. Empty when the strategy does not say.
     */
    default java.util.Optional<RestingOrderCount> restingOrderCount() {
        return java.util.Optional.empty();
    }

    /**
     * What the strategy would rest first on {@code instrument} with the book at {@code top}, for the launcher's
     * pre-flight. Pure: no I/O. Called before the store is opened or any order is sent.
     *
     * @param balances the account's balances on the primary venue
     * @throws io.mmkit.core.config.ConfigException naming the key, when the config cannot work at this price
     *     (e.g. a grid range that does not contain it)
     */
    default StartPlan startPlan(Instrument instrument, BookTop top, List<Balance> balances) {
        return StartPlan.unknown();
    }
}
