package io.mmkit.sim;

import static io.mmkit.sim.ScriptedVenue.clientId;
import static io.mmkit.sim.ScriptedVenue.spot;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.testing.Script;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Liquidity;
import io.mmkit.core.model.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under {@code queue} (and {@code trade-through}) what fills at a level is bounded by what traded there, or by
 * what the opposite book displays once nothing is ahead of us, and one trade (or one displayed level) is shared
 * among our orders, never given to each. Worked by hand in each Javadoc. TESTUSDT spot, tick 0.1, lot 1, no
 * fees, no latency: our orders rest from the moment they are placed.
 */
class BoundedQueueFillsTest {

    /**
     * Bid 100 x20 joins behind 100 x10 (ahead 10). 1 s: sell print 12 at 100: 10 to the queue ahead, 2 to us.
     * 2 s: sell print 3 at 100: nothing ahead, 3 to us (not our 18 left). 3 s: the market's bids at 100 leave
     * (best bid 99.9 x5) and an ask 100 x1 appears at our price with nothing ahead: it fills 1, what it displays
     * (before this change: all 15 left). 4 s: another ask level (100.5 x7) arrives; the 1 at 100 is the one we
     * already took, so nothing fills. 5 s: sell print 4 at 99.9, through our price: 4 (before: all). Filled
     * 2 + 3 + 1 + 4 = 10, 10 left open.
     */
    @Test
    void shouldFillNoMoreThanTradedOrDisplayed() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "10000", "0"), new Script()
                .at(0).bid("100", "10").ask("101", "10")
                .at(1000).trade(Side.SELL, "100", "12")
                .at(2000).trade(Side.SELL, "100", "3")
                .at(3000).bid("100", "0").bid("99.9", "5").topAsk("100", "1")
                .at(4000).ask("100.5", "7")
                .at(5000).trade(Side.SELL, "99.9", "4"));
        clientId(v.postOnly(Side.BUY, "100", "20"));

        v.at(1000);
        assertThat(quantities(v.fills())).as("12 traded, 10 were ahead").containsExactly("2");
        v.at(2000);
        assertThat(quantities(v.fills())).containsExactly("2", "3");
        v.at(3000);
        assertThat(quantities(v.fills())).as("an ask of 1 at our bid fills 1").containsExactly("2", "3", "1");
        v.at(4000);
        assertThat(quantities(v.fills())).as("the ask we took is not offered again").containsExactly("2", "3", "1");
        v.at(5000);
        assertThat(quantities(v.fills())).containsExactly("2", "3", "1", "4");
        assertThat(v.fills()).extracting(Fill::liquidity).containsOnly(Liquidity.MAKER);
        assertThat(v.open()).singleElement().satisfies(o -> assertThat(o.remainingQuantity()).isEqualByComparingTo("10"));
    }

    /**
     * Two of our bids at 100, x5 each, both placed while the book shows 100 x4 (our orders are not in the
     * replayed book, so each is behind 4). The level's queue is [4 market][first 5][second 5]. A sell print of 12
     * at 100 goes 4 to the market, 5 to the first, 3 to the second: 12 in all, not 8 to each. A second print of
     * 2 at 100: the queue ahead of the second is used up, it gets 2 (5 in all).
     */
    @Test
    void shouldShareOneTradeAmongTwoOrdersAtOneLevel() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "10000", "0"), new Script()
                .at(0).bid("100", "4").ask("101", "10")
                .at(1000).trade(Side.SELL, "100", "12")
                .at(2000).trade(Side.SELL, "100", "2"));
        String first = clientId(v.postOnly(Side.BUY, "100", "5"));
        String second = clientId(v.postOnly(Side.BUY, "100", "5"));

        v.at(1000);
        assertThat(v.fills()).extracting(Fill::clientOrderId).containsExactly(first, second);
        assertThat(quantities(v.fills())).containsExactly("5", "3");

        v.at(2000);
        assertThat(quantities(v.fills())).containsExactly("5", "3", "2");
        assertThat(v.fills().get(2).clientOrderId()).isEqualTo(second);
        assertThat(v.open()).isEmpty();
    }

    /**
     * Two bids at 100, x5 each, nothing ahead (the book's best bid is 99.9). A sell print of 6 at 99.9 is through
     * both: 5 to the first, the 1 left to the second (before this change: 5 to each).
     */
    @Test
    void shouldShareATradeThroughTwoOrders() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.QUEUE, "10000", "0"), new Script()
                .at(0).bid("99.9", "10").ask("101", "10")
                .at(1000).trade(Side.SELL, "99.9", "6"));
        String first = clientId(v.postOnly(Side.BUY, "100", "5"));
        String second = clientId(v.postOnly(Side.BUY, "100", "5"));

        v.at(1000);

        assertThat(v.fills()).extracting(Fill::clientOrderId).containsExactly(first, second);
        assertThat(quantities(v.fills())).containsExactly("5", "1");
    }

    /**
     * trade-through, two bids at 100 x5: the best ask drops to 99.9 x6, through both. The first takes 5 of the 6
     * displayed, the second the 1 left; then a new ask level 100.2 x3 arrives and 99.9 (which we used up) gives
     * nothing more. 5 + 1 = 6, what was displayed.
     */
    @Test
    void shouldShareADisplayedLevelAmongTwoOrders() {
        ScriptedVenue v = new ScriptedVenue(spot(FillModelName.TRADE_THROUGH, "10000", "0"), new Script()
                .at(0).bid("99", "10").ask("101", "10")
                .at(1000).topAsk("99.9", "6")
                .at(2000).ask("100.2", "3"));
        v.postOnly(Side.BUY, "100", "5");
        v.postOnly(Side.BUY, "100", "5");

        v.at(2000);

        assertThat(quantities(v.fills())).containsExactly("5", "1");
        assertThat(v.open()).singleElement().satisfies(o -> assertThat(o.remainingQuantity()).isEqualByComparingTo("4"));
    }

    private static List<String> quantities(List<Fill> fills) {
        return fills.stream().map(f -> f.quantity().toPlainString()).toList();
    }
}
