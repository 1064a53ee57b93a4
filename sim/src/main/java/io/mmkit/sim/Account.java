package io.mmkit.sim;

import io.mmkit.core.model.Balance;
import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.Position;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated account of one instrument: spot balances (free and locked), or for a perpetual a signed
 * position whose realized PnL, fees and funding settle in the quote asset. No margin check: a perpetual
 * position may grow without limit (the strategy's risk limits are what a backtest tests). Touched only on
 * fills, so it stays in {@link BigDecimal}. Confined to the engine's lock.
 */
final class Account {
    private final Instrument instrument;
    private final Map<String, BigDecimal> free = new TreeMap<>();
    private final Map<String, BigDecimal> locked = new TreeMap<>();
    private BigDecimal position = BigDecimal.ZERO;
    private BigDecimal entryPrice = BigDecimal.ZERO;
    private BigDecimal fundingPaid = BigDecimal.ZERO;

    Account(Instrument instrument, Map<String, BigDecimal> deposits) {
        this.instrument = instrument;
        deposits.forEach((asset, amount) -> free.merge(asset, amount, BigDecimal::add));
        free.putIfAbsent(instrument.quoteAsset(), BigDecimal.ZERO);
        if (!instrument.isPerpetual()) {
            free.putIfAbsent(instrument.baseAsset(), BigDecimal.ZERO);
        }
    }

    /** Reserves what a resting spot order may spend; false when there is not enough. Perpetuals lock nothing. */
    boolean lockFor(Side side, BigDecimal price, BigDecimal quantity) {
        if (instrument.isPerpetual()) {
            return true;
        }
        String asset = side == Side.BUY ? instrument.quoteAsset() : instrument.baseAsset();
        BigDecimal amount = side == Side.BUY ? price.multiply(quantity) : quantity;
        if (get(free, asset).compareTo(amount) < 0) {
            return false;
        }
        free.put(asset, get(free, asset).subtract(amount));
        locked.put(asset, get(locked, asset).add(amount));
        return true;
    }

    /** Returns what a cancelled spot order still had reserved. */
    void unlockFor(Side side, BigDecimal price, BigDecimal remaining) {
        if (instrument.isPerpetual()) {
            return;
        }
        String asset = side == Side.BUY ? instrument.quoteAsset() : instrument.baseAsset();
        BigDecimal amount = side == Side.BUY ? price.multiply(remaining) : remaining;
        BigDecimal back = amount.min(get(locked, asset));
        locked.put(asset, get(locked, asset).subtract(back));
        free.put(asset, get(free, asset).add(back));
    }

    /** Whether a taker spot order can pay for {@code quantity} at {@code price} from free balances. */
    boolean canAfford(Side side, BigDecimal price, BigDecimal quantity) {
        if (instrument.isPerpetual()) {
            return true;
        }
        return side == Side.BUY
                ? get(free, instrument.quoteAsset()).compareTo(price.multiply(quantity)) >= 0
                : get(free, instrument.baseAsset()).compareTo(quantity) >= 0;
    }

    /**
     * Settles one fill. {@code fromLocked}: a resting spot order pays from what it reserved at its own
     * {@code lockedPrice} (a better execution price frees the difference).
     */
    void settle(Side side, BigDecimal price, BigDecimal quantity, BigDecimal fee, boolean fromLocked) {
        String quote = instrument.quoteAsset();
        if (instrument.isPerpetual()) {
            applyPerp(side, price, quantity);
        } else if (side == Side.BUY) {
            spend(quote, price.multiply(quantity), fromLocked);
            add(instrument.baseAsset(), quantity);
        } else {
            spend(instrument.baseAsset(), quantity, fromLocked);
            add(quote, price.multiply(quantity));
        }
        add(quote, fee.negate());
    }

    /** Charges funding on the open perpetual position: {@code position x mark x rate}, paid by longs when positive. */
    BigDecimal fund(BigDecimal mark, BigDecimal rate) {
        if (!instrument.isPerpetual() || position.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal payment = Decimals.normalize(position.multiply(mark).multiply(rate));
        fundingPaid = fundingPaid.add(payment);
        add(instrument.quoteAsset(), payment.negate());
        return payment;
    }

    BigDecimal position() {
        return position;
    }

    List<Balance> balances() {
        List<Balance> out = new ArrayList<>();
        free.forEach((asset, f) -> out.add(new Balance(asset, f, get(locked, asset))));
        return out;
    }

    List<Position> positions(BigDecimal mark) {
        if (!instrument.isPerpetual()) {
            return List.of();
        }
        BigDecimal m = mark == null ? entryPrice : mark;
        BigDecimal upnl = m.subtract(entryPrice).multiply(position);
        return List.of(new Position(instrument.symbol(), position, entryPrice, m, upnl, fundingPaid));
    }

    private void applyPerp(Side side, BigDecimal price, BigDecimal quantity) {
        BigDecimal signed = side == Side.BUY ? quantity : quantity.negate();
        BigDecimal next = position.add(signed);
        if (position.signum() != 0 && position.signum() != signed.signum()) {
            BigDecimal closing = position.abs().min(quantity);
            BigDecimal perUnit = position.signum() > 0 ? price.subtract(entryPrice) : entryPrice.subtract(price);
            add(instrument.quoteAsset(), perUnit.multiply(closing));
            if (next.signum() == 0) {
                entryPrice = BigDecimal.ZERO;
            } else if (next.signum() != position.signum()) {
                entryPrice = price;
            }
        } else {
            entryPrice = Decimals.normalize(entryPrice.multiply(position.abs()).add(price.multiply(quantity))
                    .divide(next.abs(), 12, RoundingMode.HALF_EVEN));
        }
        position = Decimals.normalize(next);
    }

    private void spend(String asset, BigDecimal amount, boolean fromLocked) {
        if (fromLocked) {
            BigDecimal fromLock = amount.min(get(locked, asset));
            locked.put(asset, get(locked, asset).subtract(fromLock));
            add(asset, fromLock.subtract(amount));
        } else {
            add(asset, amount.negate());
        }
    }

    private void add(String asset, BigDecimal amount) {
        free.put(asset, Decimals.normalize(get(free, asset).add(amount)));
    }

    private static BigDecimal get(Map<String, BigDecimal> m, String asset) {
        return m.getOrDefault(asset, BigDecimal.ZERO);
    }
}
