package io.mmkit.strategies.support;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.risk.RiskGuard;
import io.mmkit.core.risk.RiskLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every strategy in this module does with its {@link RiskGuard}, in one place: marks equity as the
 * net PnL of the markets it trades (realized − fees + unrealized, plus funding where the venue reports it
 * through {@link #equity}), and filters quotes. Owned by the strategy thread.
 */
public final class RiskedQuoting {
    private final RiskGuard guard;

    public RiskedQuoting(RiskLimits limits) {
        this.guard = new RiskGuard(limits);
    }

    public RiskGuard guard() {
        return guard;
    }

    /** Net PnL of one market's ledger marked at {@code mid}. */
    public static BigDecimal netPnl(Market market, BigDecimal mid) {
        return market.ledger().netPnl(mid);
    }

    /** Applies the kill switch to {@code equity}. */
    public RiskGuard.Verdict check(BigDecimal equity, Instant now) {
        return guard.onEquity(equity, now);
    }

    /** Applies the kill switch, marking {@code equity} only when a limit needs it (the loop's hot path). */
    public RiskGuard.Verdict check(Supplier<BigDecimal> equity, Instant now) {
        return guard.onEquity(equity, now);
    }

    public List<Quote> filter(List<Quote> wanted, BigDecimal position, BigDecimal mid, Instant now) {
        return guard.filter(wanted, position, mid, now);
    }

    /** As {@link #filter(List, BigDecimal, BigDecimal, Instant)}, taking the mid only when a limit needs it. */
    public List<Quote> filter(List<Quote> wanted, BigDecimal position, Supplier<BigDecimal> mid, Instant now) {
        if (!guard.limitsQuotes() && guard.quotingAllowed(now)) {
            return wanted;
        }
        return guard.filter(wanted, position, mid.get(), now);
    }
}
