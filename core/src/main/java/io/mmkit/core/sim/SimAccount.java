package io.mmkit.core.sim;

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
 * The simulated account: spot balances (free and locked) and perpetual positions settled in the quote
 * asset. Confined to the simulator's lock.
 */
final class SimAccount {
    private static final class Holding {
        BigDecimal free = BigDecimal.ZERO;
        BigDecimal locked = BigDecimal.ZERO;
    }

    private static final class PerpPosition {
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal entryPrice = BigDecimal.ZERO;
        BigDecimal funding = BigDecimal.ZERO;
    }

    private final Map<String, Holding> holdings = new TreeMap<>();
    private final Map<String, PerpPosition> positions = new TreeMap<>();

    void deposit(String asset, BigDecimal amount) {
        Holding h = holding(asset);
        h.free = h.free.add(amount);
    }

    void set(String asset, BigDecimal free, BigDecimal locked) {
        Holding h = holding(asset);
        h.free = free;
        h.locked = locked;
    }

    BigDecimal free(String asset) {
        return holding(asset).free;
    }

    /** Moves {@code amount} from free to locked; false if there is not enough. */
    boolean lock(String asset, BigDecimal amount) {
        Holding h = holding(asset);
        if (h.free.compareTo(amount) < 0) {
            return false;
        }
        h.free = h.free.subtract(amount);
        h.locked = h.locked.add(amount);
        return true;
    }

    void unlock(String asset, BigDecimal amount) {
        Holding h = holding(asset);
        BigDecimal back = amount.min(h.locked);
        h.locked = h.locked.subtract(back);
        h.free = h.free.add(back);
    }

    /** Spends from locked first (what an order reserved), then from free. */
    void spend(String asset, BigDecimal amount, boolean fromLocked) {
        Holding h = holding(asset);
        if (fromLocked) {
            BigDecimal fromLock = amount.min(h.locked);
            h.locked = h.locked.subtract(fromLock);
            h.free = h.free.subtract(amount.subtract(fromLock));
        } else {
            h.free = h.free.subtract(amount);
        }
    }

    /** Reserves what a resting spot order needs: quote for a bid, base for an ask. False if short. */
    boolean reserve(Instrument inst, Side side, BigDecimal price, BigDecimal qty) {
        return side == Side.BUY ? lock(inst.quoteAsset(), price.multiply(qty)) : lock(inst.baseAsset(), qty);
    }

    /** Gives back what a cancelled spot order still reserved. Perpetual orders reserve nothing. */
    void release(Instrument inst, Side side, BigDecimal price, BigDecimal remaining) {
        if (inst.isPerpetual()) {
            return;
        }
        if (side == Side.BUY) {
            unlock(inst.quoteAsset(), price.multiply(remaining));
        } else {
            unlock(inst.baseAsset(), remaining);
        }
    }

    boolean canAfford(Instrument inst, Side side, BigDecimal price, BigDecimal qty) {
        return side == Side.BUY
                ? free(inst.quoteAsset()).compareTo(price.multiply(qty)) >= 0
                : free(inst.baseAsset()).compareTo(qty) >= 0;
    }

    /** Whether a reduce-only order of {@code side} and {@code qty} only reduces the open position. */
    boolean reduces(Instrument inst, Side side, BigDecimal qty) {
        BigDecimal pos = positionQuantity(inst.symbol());
        if (pos.signum() == 0 || pos.signum() == side.sign()) {
            return false;
        }
        return qty.compareTo(pos.abs()) <= 0;
    }

    /**
     * Settles a fill: moves base and quote (spot, from what the order reserved when {@code fromLocked}) or the
     * position (perpetual), and charges the fee in the quote asset.
     */
    void settle(Instrument inst, Side side, BigDecimal price, BigDecimal qty, BigDecimal feeRate,
                boolean fromLocked) {
        BigDecimal notional = price.multiply(qty);
        BigDecimal fee = Decimals.normalize(notional.multiply(feeRate));
        if (inst.isPerpetual()) {
            applyPerpFill(inst.symbol(), inst.quoteAsset(), side, price, qty);
        } else if (side == Side.BUY) {
            spend(inst.quoteAsset(), notional, fromLocked);
            deposit(inst.baseAsset(), qty);
        } else {
            spend(inst.baseAsset(), qty, fromLocked);
            deposit(inst.quoteAsset(), notional);
        }
        spend(inst.quoteAsset(), fee, false);
    }

    List<Balance> balances() {
        List<Balance> out = new ArrayList<>();
        holdings.forEach((asset, h) -> out.add(new Balance(asset, h.free, h.locked)));
        return out;
    }

    BigDecimal positionQuantity(String symbol) {
        PerpPosition p = positions.get(symbol);
        return p == null ? BigDecimal.ZERO : p.quantity;
    }

    /**
     * Applies a perpetual fill; realized PnL is settled into {@code quoteAsset}.
     *
     * @return the PnL realized
     */
    BigDecimal applyPerpFill(String symbol, String quoteAsset, Side side, BigDecimal price, BigDecimal qty) {
        PerpPosition p = positions.computeIfAbsent(symbol, s -> new PerpPosition());
        BigDecimal signed = side == Side.BUY ? qty : qty.negate();
        BigDecimal realized = BigDecimal.ZERO;
        if (p.quantity.signum() != 0 && p.quantity.signum() != signed.signum()) {
            BigDecimal closing = p.quantity.abs().min(qty);
            BigDecimal perUnit = p.quantity.signum() > 0 ? price.subtract(p.entryPrice) : p.entryPrice.subtract(price);
            realized = perUnit.multiply(closing);
            BigDecimal newQty = p.quantity.add(signed);
            if (newQty.signum() != 0 && newQty.signum() != p.quantity.signum()) {
                p.entryPrice = price; // flipped: the rest opens at this price
            } else if (newQty.signum() == 0) {
                p.entryPrice = BigDecimal.ZERO;
            }
            p.quantity = Decimals.normalize(newQty);
        } else {
            BigDecimal newQty = p.quantity.add(signed);
            p.entryPrice = p.entryPrice.multiply(p.quantity.abs()).add(price.multiply(qty))
                    .divide(newQty.abs(), 12, RoundingMode.HALF_EVEN);
            p.quantity = Decimals.normalize(newQty);
        }
        holding(quoteAsset).free = holding(quoteAsset).free.add(realized);
        return Decimals.normalize(realized);
    }

    void applyFunding(String symbol, String quoteAsset, BigDecimal payment) {
        PerpPosition p = positions.computeIfAbsent(symbol, s -> new PerpPosition());
        p.funding = p.funding.add(payment);
        holding(quoteAsset).free = holding(quoteAsset).free.subtract(payment);
    }

    List<Position> positions(Map<String, BigDecimal> marks) {
        List<Position> out = new ArrayList<>();
        positions.forEach((symbol, p) -> {
            BigDecimal mark = marks.getOrDefault(symbol, p.entryPrice);
            BigDecimal upnl = mark.subtract(p.entryPrice).multiply(p.quantity);
            out.add(new Position(symbol, p.quantity, p.entryPrice, mark, upnl, p.funding));
        });
        return out;
    }

    private Holding holding(String asset) {
        return holdings.computeIfAbsent(asset, a -> new Holding());
    }
}
