package io.mmkit.strategies.support;

import io.mmkit.core.engine.Market;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the perpetual strategies share at start. Called on the strategy thread. */
public final class Perpetuals {
    private static final Logger LOG = LoggerFactory.getLogger(Perpetuals.class);

    private Perpetuals() {
    }

    /** Sets {@code leverage} on the venue when configured (blocks on one venue call) and says so. */
    public static void applyLeverage(Market market, Integer leverage, String instanceId) {
        if (leverage == null) {
            return;
        }
        market.setLeverage(leverage);
        LOG.info("[{}] leverage {}x set on {} {}", instanceId, leverage, market.venue(), market.symbol());
    }
}
