package io.mmkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.core.model.Side;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DepthBookTest {

    /**
     * Seeded random diffs anywhere in a deep book (as a full-speed futures stream sends them) against a sorted
     * map: the ladder holds exactly the same levels in the same order after every update.
     */
    @Test
    void shouldHoldTheSameLevelsAsASortedMapUnderRandomDeepUpdates() {
        Random random = new Random(42);
        DepthBook book = new DepthBook();
        TreeMap<Long, Long> bids = new TreeMap<>();
        TreeMap<Long, Long> asks = new TreeMap<>();
        for (int step = 0; step < 20_000; step++) {
            boolean buy = random.nextBoolean();
            long price = buy ? 1 + random.nextInt(2_000) : 2_001 + random.nextInt(2_000);
            long quantity = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(100);
            book.set(buy ? Side.BUY : Side.SELL, price, quantity);
            TreeMap<Long, Long> side = buy ? bids : asks;
            if (quantity == 0) {
                side.remove(price);
            } else {
                side.put(price, quantity);
            }
            if (step % 997 == 0) {
                assertSame(book, bids, asks);
            }
        }
        assertSame(book, bids, asks);
        assertThat(book.bestBid()).isEqualTo(bids.lastKey());
        assertThat(book.bestAsk()).isEqualTo(asks.firstKey());
    }

    /**
     * Diffs as Binance sends them: a batch of levels in price order (bids descending, asks ascending), often far
     * from the top, then the next batch somewhere else; searches starting from the last level found must land on
     * the same levels as a sorted map.
     */
    @Test
    void shouldHoldTheSameLevelsUnderBatchesOfLevelsInPriceOrder() {
        Random random = new Random(7);
        DepthBook book = new DepthBook();
        TreeMap<Long, Long> bids = new TreeMap<>();
        TreeMap<Long, Long> asks = new TreeMap<>();
        for (int batch = 0; batch < 2_000; batch++) {
            boolean buy = random.nextBoolean();
            long price = buy ? 1_000 + random.nextInt(1_000) : 2_001 + random.nextInt(1_000);
            for (int level = 0; level < 1 + random.nextInt(30); level++) {
                long quantity = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(100);
                book.set(buy ? Side.BUY : Side.SELL, price, quantity);
                TreeMap<Long, Long> side = buy ? bids : asks;
                if (quantity == 0) {
                    side.remove(price);
                } else {
                    side.put(price, quantity);
                }
                price += buy ? -(1 + random.nextInt(3)) : 1 + random.nextInt(3);
                if (price < 1) {
                    break;
                }
            }
            assertThat(book.quantityAt(Side.BUY, 1_500)).isEqualTo(bids.getOrDefault(1_500L, 0L));
        }
        assertSame(book, bids, asks);
    }

    private static void assertSame(DepthBook book, TreeMap<Long, Long> bids, TreeMap<Long, Long> asks) {
        assertThat(book.depth(Side.BUY)).isEqualTo(bids.size());
        assertThat(book.depth(Side.SELL)).isEqualTo(asks.size());
        int i = 0;
        for (Map.Entry<Long, Long> e : bids.descendingMap().entrySet()) {
            assertThat(book.priceAt(Side.BUY, i)).isEqualTo(e.getKey());
            assertThat(book.quantityAtRank(Side.BUY, i)).isEqualTo(e.getValue());
            assertThat(book.quantityAt(Side.BUY, e.getKey())).isEqualTo(e.getValue());
            i++;
        }
        i = 0;
        for (Map.Entry<Long, Long> e : asks.entrySet()) {
            assertThat(book.priceAt(Side.SELL, i)).isEqualTo(e.getKey());
            assertThat(book.quantityAt(Side.SELL, e.getKey())).isEqualTo(e.getValue());
            i++;
        }
        assertThat(book.quantityAt(Side.BUY, 5_000)).isZero();
        assertThat(book.quantityAt(Side.SELL, 0)).isZero();
    }
}
