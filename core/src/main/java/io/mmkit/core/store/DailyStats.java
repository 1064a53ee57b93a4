package io.mmkit.core.store;

import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One day's trading on one symbol: the seed project's {@code trading_stats}, kept exactly.
 *
 * @param makerVolume base quantity filled as maker
 * @param makerNotional quote notional filled as maker
 * @param fees fees paid in the quote asset (negative total = net rebate)
 */
public record DailyStats(
        LocalDate day,
        String symbol,
        BigDecimal makerVolume,
        BigDecimal takerVolume,
        BigDecimal makerNotional,
        BigDecimal takerNotional,
        BigDecimal realizedPnl,
        BigDecimal fees,
        long tradeCount) {

    public DailyStats {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(symbol, "symbol");
        makerVolume = Decimals.normalize(Objects.requireNonNull(makerVolume, "makerVolume"));
        takerVolume = Decimals.normalize(Objects.requireNonNull(takerVolume, "takerVolume"));
        makerNotional = Decimals.normalize(Objects.requireNonNull(makerNotional, "makerNotional"));
        takerNotional = Decimals.normalize(Objects.requireNonNull(takerNotional, "takerNotional"));
        realizedPnl = Decimals.normalize(Objects.requireNonNull(realizedPnl, "realizedPnl"));
        fees = Decimals.normalize(Objects.requireNonNull(fees, "fees"));
        if (tradeCount < 0) {
            throw new IllegalArgumentException("tradeCount must not be negative");
        }
    }

    public static DailyStats empty(LocalDate day, String symbol) {
        BigDecimal zero = BigDecimal.ZERO;
        return new DailyStats(day, symbol, zero, zero, zero, zero, zero, zero, 0);
    }

    /** This row plus one fill, its fee in the quote asset and the PnL it realized. */
    public DailyStats plus(Fill fill, BigDecimal feeInQuote, BigDecimal realized) {
        boolean maker = fill.liquidity() == Liquidity.MAKER;
        return new DailyStats(day, symbol,
                maker ? makerVolume.add(fill.quantity()) : makerVolume,
                maker ? takerVolume : takerVolume.add(fill.quantity()),
                maker ? makerNotional.add(fill.notional()) : makerNotional,
                maker ? takerNotional : takerNotional.add(fill.notional()),
                realizedPnl.add(realized),
                fees.add(feeInQuote),
                tradeCount + 1);
    }
}
