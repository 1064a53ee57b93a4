package io.mmkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.sim.feed.ListReplaySource;
import io.mmkit.sim.testing.Script;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An order joining behind 10 units fills only once 10 units have traded there, or the queue ahead is gone. */
class QueueModelTest {
    static final Instrument TEST = Instrument.spot("TESTUSDT", "TEST", "USDT", "0.1", "1");

    static BacktestExchange venue(Script script) {
        BacktestExchange ex = new BacktestExchange(ExchangeSettings.of(TEST, FillModelName.QUEUE,
                Map.of("USDT", new BigDecimal("10000"))), new ListReplaySource(script.events()), null);
        ex.warmUp();
        return ex;
    }

    static void bidAt100(BacktestExchange ex) {
        assertThat(ex.place(OrderRequest.postOnly("TESTUSDT", "1", Side.BUY, new BigDecimal("100"), new BigDecimal("2")))
                .isAccepted()).isTrue();
    }

    @Test
    void shouldFillOnlyAfterTheTenUnitsAheadHaveTraded() {
        BacktestExchange ex = venue(new Script()
                .at(0).bid("100", "10").ask("101", "10")
                .at(1000).trade(Side.SELL, "100", "4")
                .at(2000).trade(Side.SELL, "100", "5")
                .at(3000).trade(Side.SELL, "100", "2")
                .at(4000).trade(Side.SELL, "100", "5"));
        bidAt100(ex);

        ex.time().advance(Duration.ofMillis(2500));
        assertThat(ex.allFills()).as("9 of the 10 ahead traded").isEmpty();

        ex.time().advance(Duration.ofMillis(1000));
        assertThat(ex.allFills()).extracting(Fill::quantity).as("the 11th unit is ours")
                .usingElementComparator(BigDecimal::compareTo).containsExactly(BigDecimal.ONE);

        ex.time().advance(Duration.ofMillis(1000));
        assertThat(ex.allFills()).extracting(Fill::quantity).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ONE, BigDecimal.ONE);
        assertThat(ex.openOrders("TESTUSDT")).isEmpty();
    }

    @Test
    void shouldMoveUpWhenTheQueueAheadIsCancelled() {
        BacktestExchange ex = venue(new Script()
                .at(0).bid("100", "10").ask("101", "10")
                .at(1000).bid("100", "3")
                .at(2000).trade(Side.SELL, "100", "3")
                .at(3000).bid("100", "0").bid("99.9", "5")
                .at(4000).trade(Side.SELL, "100", "2"));
        bidAt100(ex);

        ex.time().advance(Duration.ofMillis(2500));
        assertThat(ex.allFills()).as("7 cancelled, 3 traded: nothing left ahead, nothing for us yet").isEmpty();

        ex.time().advance(Duration.ofMillis(2000));
        assertThat(ex.allFills()).hasSize(1);
        assertThat(ex.allFills().get(0).quantity()).isEqualByComparingTo("2");
        assertThat(ex.allFills().get(0).price()).isEqualByComparingTo("100");
    }

    @Test
    void touchAndTradeThroughAnswerTheSamePathDifferently() {
        Script script = new Script()
                .at(0).bid("100", "10").ask("101", "10")
                .at(1000).trade(Side.SELL, "100", "4");
        for (FillModelName model : List.of(FillModelName.TOUCH, FillModelName.TRADE_THROUGH, FillModelName.QUEUE)) {
            BacktestExchange ex = new BacktestExchange(ExchangeSettings.of(TEST, model,
                    Map.of("USDT", new BigDecimal("10000"))), new ListReplaySource(script.events()), null);
            ex.warmUp();
            bidAt100(ex);
            ex.time().advance(Duration.ofSeconds(2));
            assertThat(ex.allFills()).as(model.label()).hasSize(model == FillModelName.TOUCH ? 1 : 0);
        }
    }
}
