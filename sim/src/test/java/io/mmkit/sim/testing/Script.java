package io.mmkit.sim.testing;

import io.mmkit.sim.feed.ReplayEvent;
import io.mmkit.sim.feed.ReplayEvent.FundingSettled;
import io.mmkit.sim.feed.ReplayEvent.LevelChanged;
import io.mmkit.sim.feed.ReplayEvent.TopChanged;
import io.mmkit.sim.feed.ReplayEvent.TradePrinted;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-written market data: events at millisecond offsets from {@link #T0}. */
public final class Script {
    public static final Instant T0 = Instant.parse("2024-07-24T00:00:00Z");
    private final List<ReplayEvent> events = new ArrayList<>();
    private Instant at = T0;

    public Script at(long millis) {
        at = T0.plus(Duration.ofMillis(millis));
        return this;
    }

    public Script bid(String price, String qty) {
        events.add(new LevelChanged(at, Side.BUY, new BigDecimal(price), new BigDecimal(qty)));
        return this;
    }

    public Script ask(String price, String qty) {
        events.add(new LevelChanged(at, Side.SELL, new BigDecimal(price), new BigDecimal(qty)));
        return this;
    }

    public Script topBid(String price, String qty) {
        events.add(new TopChanged(at, Side.BUY, new BigDecimal(price), new BigDecimal(qty)));
        return this;
    }

    public Script topAsk(String price, String qty) {
        events.add(new TopChanged(at, Side.SELL, new BigDecimal(price), new BigDecimal(qty)));
        return this;
    }

    /** A public trade; {@code aggressor} SELL hits bids. */
    public Script trade(Side aggressor, String price, String qty) {
        events.add(new TradePrinted(at, aggressor, new BigDecimal(price), new BigDecimal(qty)));
        return this;
    }

    /** A perpetual funding settlement at {@code rate} (longs pay when positive). */
    public Script funding(String rate) {
        events.add(new FundingSettled(at, new BigDecimal(rate)));
        return this;
    }

    public List<ReplayEvent> events() {
        return List.copyOf(events);
    }
}
