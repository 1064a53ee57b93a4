package io.mmkit.backtest.testing;

import io.mmkit.core.engine.Market;
import io.mmkit.core.engine.MarketMaker;
import io.mmkit.core.engine.MarketMakerContext;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A test grid until the real one lands: a bid at each fixed level; once a level's bid has filled, an ask
 * {@code spacing} above it instead, until that ask fills and the bid comes back. Full fills only matter here.
 */
public final class StaticGridMaker extends MarketMaker {
    private final List<BigDecimal> levels;
    private final BigDecimal spacing;
    private final BigDecimal quantity;
    private final Set<BigDecimal> holding = new TreeSet<>();

    public StaticGridMaker(MarketMakerContext context, List<BigDecimal> levels, BigDecimal spacing,
                           BigDecimal quantity) {
        super(context);
        this.levels = List.copyOf(levels);
        this.spacing = spacing;
        this.quantity = quantity;
    }

    @Override
    protected List<Quote> quotes(BookTop top) {
        List<Quote> out = new ArrayList<>();
        for (BigDecimal level : levels) {
            if (holding.contains(level)) {
                out.add(Quote.ask(level.add(spacing), quantity));
            } else if (level.compareTo(top.askPrice()) < 0) {
                out.add(Quote.bid(level, quantity));
            }
        }
        return out;
    }

    @Override
    protected void onFill(Market market, Fill fill) {
        if (fill.side() == Side.BUY) {
            holding.add(fill.price());
        } else {
            holding.removeIf(l -> l.compareTo(fill.price().subtract(spacing)) == 0);
        }
    }
}
