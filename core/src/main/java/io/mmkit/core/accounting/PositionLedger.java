package io.mmkit.core.accounting;

import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * FIFO position accounting for one symbol: signed position, realized PnL (first in, first out), fees,
 * and maker/taker volume. Works the same for spot inventory and perpetual positions (a short is a
 * negative lot). Not thread-safe: owned by the strategy thread.
 */
public final class PositionLedger {
    private record Lot(BigDecimal price, BigDecimal quantity) {
    }

    private final String symbol;
    private final String baseAsset;
    private final String quoteAsset;
    private final Deque<Lot> lots = new ArrayDeque<>();
    private BigDecimal position = BigDecimal.ZERO;
    private BigDecimal realizedPnl = BigDecimal.ZERO;
    private BigDecimal fees = BigDecimal.ZERO;
    private BigDecimal makerVolume = BigDecimal.ZERO;
    private BigDecimal takerVolume = BigDecimal.ZERO;
    private BigDecimal makerNotional = BigDecimal.ZERO;
    private BigDecimal takerNotional = BigDecimal.ZERO;
    private long tradeCount;

    public PositionLedger(String symbol, String baseAsset, String quoteAsset) {
        this.symbol = symbol;
        this.baseAsset = baseAsset;
        this.quoteAsset = quoteAsset;
    }

    /**
     * Books one fill.
     *
     * @return the PnL this fill realized (before fees)
     */
    public BigDecimal apply(Fill fill) {
        if (!fill.symbol().equals(symbol)) {
            throw new IllegalArgumentException("fill for " + fill.symbol() + " booked on ledger of " + symbol);
        }
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal remaining = fill.signedQuantity();
        while (remaining.signum() != 0 && !lots.isEmpty() && lots.peekFirst().quantity().signum() != remaining.signum()) {
            Lot head = lots.pollFirst();
            BigDecimal closable = head.quantity().abs().min(remaining.abs());
            // Closing a long realizes (exit - entry); closing a short realizes (entry - exit).
            BigDecimal perUnit = head.quantity().signum() > 0
                    ? fill.price().subtract(head.price())
                    : head.price().subtract(fill.price());
            realized = realized.add(perUnit.multiply(closable));
            BigDecimal headLeft = head.quantity().abs().subtract(closable);
            if (headLeft.signum() > 0) {
                lots.addFirst(new Lot(head.price(), headLeft.multiply(BigDecimal.valueOf(head.quantity().signum()))));
            }
            remaining = remaining.subtract(closable.multiply(BigDecimal.valueOf(remaining.signum())));
        }
        if (remaining.signum() != 0) {
            lots.addLast(new Lot(fill.price(), remaining));
        }
        position = Decimals.normalize(position.add(fill.signedQuantity()));
        realizedPnl = Decimals.normalize(realizedPnl.add(realized));
        fees = Decimals.normalize(fees.add(feeInQuote(fill)));
        if (fill.liquidity() == Liquidity.MAKER) {
            makerVolume = makerVolume.add(fill.quantity());
            makerNotional = makerNotional.add(fill.notional());
        } else {
            takerVolume = takerVolume.add(fill.quantity());
            takerNotional = takerNotional.add(fill.notional());
        }
        tradeCount++;
        return Decimals.normalize(realized);
    }

    /**
     * The fee in the quote asset: as charged when charged in quote, converted at the fill price when
     * charged in base; other assets (e.g. a venue token) are taken at face value.
     */
    public BigDecimal feeInQuote(Fill fill) {
        if (fill.feeAsset().equals(baseAsset) && !baseAsset.equals(quoteAsset)) {
            return Decimals.normalize(fill.fee().multiply(fill.price()));
        }
        return fill.fee();
    }

    /** Adjusts the starting position without realizing anything (e.g. inventory held before start). */
    public void seed(BigDecimal quantity, BigDecimal price) {
        if (quantity.signum() != 0) {
            lots.addLast(new Lot(price, quantity));
            position = Decimals.normalize(position.add(quantity));
        }
    }

    public String symbol() {
        return symbol;
    }

    /** Signed: positive long, negative short. */
    public BigDecimal position() {
        return position;
    }

    public BigDecimal realizedPnl() {
        return realizedPnl;
    }

    public BigDecimal fees() {
        return fees;
    }

    /** Average entry price of the open lots; zero when flat. */
    public BigDecimal averageEntryPrice() {
        if (position.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal cost = BigDecimal.ZERO;
        for (Lot lot : lots) {
            cost = cost.add(lot.price().multiply(lot.quantity()));
        }
        return Decimals.normalize(cost.divide(position, 12, java.math.RoundingMode.HALF_EVEN));
    }

    /** PnL of the open lots marked at {@code markPrice}. */
    public BigDecimal unrealizedPnl(BigDecimal markPrice) {
        BigDecimal pnl = BigDecimal.ZERO;
        for (Lot lot : lots) {
            pnl = pnl.add(markPrice.subtract(lot.price()).multiply(lot.quantity()));
        }
        return Decimals.normalize(pnl);
    }

    /** Realized minus fees plus unrealized at {@code markPrice}. */
    public BigDecimal netPnl(BigDecimal markPrice) {
        return Decimals.normalize(realizedPnl.subtract(fees).add(unrealizedPnl(markPrice)));
    }

    public BigDecimal makerVolume() {
        return Decimals.normalize(makerVolume);
    }

    public BigDecimal takerVolume() {
        return Decimals.normalize(takerVolume);
    }

    public BigDecimal makerNotional() {
        return Decimals.normalize(makerNotional);
    }

    public BigDecimal takerNotional() {
        return Decimals.normalize(takerNotional);
    }

    public long tradeCount() {
        return tradeCount;
    }
}
