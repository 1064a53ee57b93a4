package io.mmkit.run;

import io.mmkit.core.config.ConfigException;
import io.mmkit.core.engine.ClientOrderIds;
import io.mmkit.core.engine.Quote;
import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.ExchangeGateway;
import io.mmkit.core.exchange.RateLimitException;
import io.mmkit.core.exchange.TransportException;
import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.Side;
import io.mmkit.core.spi.StartPlan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks that need the venue, run before the store is opened and before any order: every configured symbol
 * is listed, and what the strategy would rest first at the current price passes the venue's minimums, the
 * {@code guards} and the balances. Only read-only calls (markets, book top, balances), through gateways of
 * their own that try each call once.
 *
 * <p>A refusal is a {@link ConfigException} naming the key and the limit (exit status 2); a venue that cannot be
 * reached or answered nonsense is a {@link StartFailure} (exit status 1).
 */
final class Preflight {
    private static final Logger LOG = LoggerFactory.getLogger("mmkit");

    /** What the pre-flight saw on the primary market. */
    record Outcome(Instrument instrument, BookTop top, StartPlan plan) {
    }

    /** One market to check: where its config sits, its symbol, and the gateway to ask. */
    record Target(String key, String symbol, ExchangeGateway gateway, String endpoint) {
    }

    private final BotLauncher.Prepared bot;

    Preflight(BotLauncher.Prepared bot) {
        this.bot = bot;
    }

    /** Runs every check; blocks on the venue's answers, each bounded by its call timeout. */
    Outcome check(Target primary, List<Target> extra) {
        Instrument instrument = listed(primary);
        for (Target t : extra) {
            listed(t);
            ask(t, () -> t.gateway().bookTop(t.symbol()));
        }
        BookTop top = ask(primary, () -> primary.gateway().bookTop(primary.symbol()));
        List<Balance> balances = ask(primary, () -> primary.gateway().balances());
        StartPlan plan = bot.strategy().startPlan(instrument, top, balances);
        String venue = primary.gateway().venue();
        for (Quote q : plan.quotes()) {
            checkOrder(plan.quantityKey(), venue, instrument, q);
        }
        if (!instrument.isPerpetual() && !plan.quotes().isEmpty()) {
            List<OpenOrder> open = ask(primary, () -> primary.gateway().openOrders(primary.symbol()));
            checkBalances(plan, venue, instrument, withOwnOrdersReleased(balances, open, instrument));
        }
        return new Outcome(instrument, top, plan);
    }

    private static Instrument listed(Target t) {
        try {
            return t.gateway().instrument(t.symbol());
        } catch (TransportException | AuthenticationException | RateLimitException e) {
            throw unreachable(t, e);
        } catch (ExchangeException e) {
            // The venue answered, and its answer is that it has no such market.
            throw new ConfigException(t.key(), t.gateway().venue() + " does not list " + t.symbol() + " ("
                    + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw unreachable(t, e);
        }
    }

    private static <T> T ask(Target t, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreachable(t, e);
        }
    }

    private static StartFailure unreachable(Target t, RuntimeException e) {
        Throwable cause = e.getCause();
        String detail = e.getMessage() + (cause != null && cause.getMessage() != null
                && !e.getMessage().contains(cause.getMessage()) ? " (" + cause.getMessage() + ")" : "");
        String what = e instanceof AuthenticationException ? "key refused by " : e instanceof TransportException
                ? "cannot reach " : "unusable answer from ";
        return new StartFailure(what + t.endpoint() + ": " + detail, e);
    }

    private void checkOrder(String key, String venue, Instrument inst, Quote q) {
        BigDecimal qty = inst.roundQuantity(q.quantity());
        BigDecimal price = inst.roundPrice(q.side(), q.price());
        String market = inst.symbol() + " on " + venue;
        if (qty.signum() <= 0) {
            throw new ConfigException(key, show(q.quantity()) + " rounds down to 0 at " + market + "'s step size "
                    + show(inst.stepSize()));
        }
        if (qty.compareTo(inst.minQuantity()) < 0) {
            throw new ConfigException(key, "an order of " + show(qty) + " is below the minimum quantity of "
                    + market + " (" + show(inst.minQuantity()) + ")");
        }
        if (inst.maxQuantity() != null && qty.compareTo(inst.maxQuantity()) > 0) {
            throw new ConfigException(key, "an order of " + show(qty) + " is above the maximum quantity of "
                    + market + " (" + show(inst.maxQuantity()) + ")");
        }
        BigDecimal notional = price.multiply(qty);
        String order = "an order of " + show(qty) + " at " + show(price) + " is worth " + show(notional) + " "
                + inst.quoteAsset();
        if (notional.compareTo(inst.minNotional()) < 0) {
            throw new ConfigException(key, order + ", below the minimum notional of " + market + " ("
                    + show(inst.minNotional()) + ")");
        }
        BigDecimal cap = bot.config().guards().maxOrderNotional();
        if (notional.compareTo(cap) > 0) {
            throw new ConfigException(key, order + ", above guards.max_order_notional (" + show(cap)
                    + "); raise it if that is meant");
        }
    }

    private void checkBalances(StartPlan plan, String venue, Instrument inst, List<Balance> balances) {
        BigDecimal quoteNeeded = BigDecimal.ZERO;
        BigDecimal baseNeeded = BigDecimal.ZERO;
        for (Quote q : plan.quotes()) {
            BigDecimal qty = inst.roundQuantity(q.quantity());
            if (q.side() == Side.BUY) {
                quoteNeeded = quoteNeeded.add(inst.roundPrice(Side.BUY, q.price()).multiply(qty));
            } else {
                baseNeeded = baseNeeded.add(qty);
            }
        }
        BigDecimal quoteFree = free(balances, inst.quoteAsset());
        BigDecimal baseFree = free(balances, inst.baseAsset());
        if (quoteNeeded.compareTo(quoteFree) <= 0 && baseNeeded.compareTo(baseFree) <= 0) {
            return;
        }
        String text = "the start rests " + show(quoteNeeded) + " " + inst.quoteAsset() + " of buys and "
                + show(baseNeeded) + " " + inst.baseAsset() + " of sells, but " + venue + " shows "
                + show(quoteFree) + " " + inst.quoteAsset() + " and " + show(baseFree) + " " + inst.baseAsset()
                + " free";
        if (bot.config().guards().refuseShortBalance()) {
            throw new ConfigException(plan.quantityKey(), text + " (guards.balance_check: warn starts anyway)");
        }
        LOG.warn("[{}] {}: some orders will be refused (guards.balance_check: warn)", bot.config().instanceId(), text);
    }

    /**
     * The balances as they will be once the start cancels the orders an earlier run of this instance left
     * resting: what those lock is counted as free, so a restart after a crash is not refused for its own orders.
     */
    private List<Balance> withOwnOrdersReleased(List<Balance> balances, List<OpenOrder> open, Instrument inst) {
        ClientOrderIds ours = new ClientOrderIds(bot.config().clientIdPrefix(), 0);
        BigDecimal quote = BigDecimal.ZERO;
        BigDecimal base = BigDecimal.ZERO;
        for (OpenOrder o : open) {
            if (o.clientOrderId() == null || !ours.isOwn(o.clientOrderId())) {
                continue;
            }
            BigDecimal left = o.quantity().subtract(o.filledQuantity());
            if (o.side() == Side.BUY) {
                quote = quote.add(o.price().multiply(left));
            } else {
                base = base.add(left);
            }
        }
        List<Balance> out = new ArrayList<>(balances);
        out.add(new Balance(inst.quoteAsset(), quote, BigDecimal.ZERO));
        out.add(new Balance(inst.baseAsset(), base, BigDecimal.ZERO));
        return out;
    }

    private static BigDecimal free(List<Balance> balances, String asset) {
        return balances.stream().filter(b -> b.asset().equals(asset)).map(Balance::free)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Plain digits for ordinary amounts; a fat finger's 1E+400 stays short. */
    private static String show(BigDecimal d) {
        BigDecimal n = d.stripTrailingZeros();
        return n.precision() - n.scale() > 24 || n.scale() > 24 ? n.toString() : n.toPlainString();
    }
}
