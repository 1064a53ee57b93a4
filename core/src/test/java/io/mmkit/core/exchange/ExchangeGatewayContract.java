package io.mmkit.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.mmkit.core.model.Balance;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.CancelResult;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OpenOrder;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import io.mmkit.core.model.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ExchangeGateway} must do, whatever is behind it: a real venue's client against stubs of its
 * API, or the simulated exchange. A subclass supplies the gateway and implements the seeding hooks; it may
 * override the placement hooks when its venue is a stub that has to be told the answer.
 *
 * <p>Seeding hooks, all called before the gateway call under test:
 * <ul>
 *   <li>{@link #givenBookTop} — the venue's best bid and ask on {@link #symbol()};</li>
 *   <li>{@link #givenOpenOrder} — an order of ours resting on the venue;</li>
 *   <li>{@link #givenBalance} — an asset balance of the account;</li>
 *   <li>{@link #givenPlacementAccepted} / {@link #givenPlacementWouldCross} — how a stubbed venue answers a
 *       placement (a simulator follows from the book and needs nothing: the defaults do nothing).</li>
 * </ul>
 */
public abstract class ExchangeGatewayContract {
    private ExchangeGateway gateway;

    /** A new gateway for one test, connected to a venue in its initial state; closed after the test. */
    protected abstract ExchangeGateway createGateway();

    /** The market the contract trades. */
    protected abstract String symbol();

    /** The rules the venue publishes for {@link #symbol()}: what {@code instrument(symbol)} must return. */
    protected abstract Instrument expectedInstrument();

    /** A client order id of the form the framework draws (a decimal number below 2^32), unique per call. */
    protected String clientOrderId(int n) {
        return Long.toString((7L << 20) | n);
    }

    protected abstract void givenBookTop(BigDecimal bid, BigDecimal bidQuantity, BigDecimal ask, BigDecimal askQuantity);

    protected abstract void givenOpenOrder(OpenOrder order);

    protected abstract void givenBalance(Balance balance);

    /** The venue will accept {@code request} and leave it resting. A simulator does nothing. */
    protected void givenPlacementAccepted(OrderRequest request) {
    }

    /** The venue will refuse the post-only {@code request} because it would cross. A simulator does nothing. */
    protected void givenPlacementWouldCross(OrderRequest request) {
    }

    @BeforeEach
    void openGateway() {
        gateway = createGateway();
    }

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    protected ExchangeGateway gateway() {
        return gateway;
    }

    @Test
    void shouldLoadTheMarketsTickAndLotRules() {
        Instrument expected = expectedInstrument();

        Instrument actual = gateway.instrument(symbol());

        assertThat(actual.symbol()).isEqualTo(symbol());
        assertThat(actual.tickSize()).isEqualByComparingTo(expected.tickSize());
        assertThat(actual.stepSize()).isEqualByComparingTo(expected.stepSize());
        assertThat(actual.minQuantity()).isEqualByComparingTo(expected.minQuantity());
        assertThat(actual.type()).isEqualTo(expected.type());
    }

    @Test
    void shouldReportTheSeededBestBidAndAsk() {
        givenBookTop(price("100"), qty("3"), price("101"), qty("4"));

        BookTop top = gateway.bookTop(symbol());

        assertThat(top.bidPrice()).isEqualByComparingTo("100");
        assertThat(top.askPrice()).isEqualByComparingTo("101");
        assertThat(top.bidQuantity()).isEqualByComparingTo("3");
        assertThat(top.askQuantity()).isEqualByComparingTo("4");
    }

    @Test
    void shouldAcceptAPostOnlyBidBelowTheAsk() {
        givenBookTop(price("100"), qty("3"), price("101"), qty("4"));
        OrderRequest bid = OrderRequest.postOnly(symbol(), clientOrderId(1), Side.BUY, price("99"), qty("1"));
        givenPlacementAccepted(bid);

        PlaceResult result = gateway.place(bid);

        assertThat(result).isInstanceOf(PlaceResult.Accepted.class);
        OpenOrder order = ((PlaceResult.Accepted) result).order();
        assertThat(order.clientOrderId()).isEqualTo(bid.clientOrderId());
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.price()).isEqualByComparingTo("99");
        assertThat(order.quantity()).isEqualByComparingTo("1");
    }

    @Test
    void shouldRejectAPostOnlyBidThatWouldCrossAsAValue() {
        givenBookTop(price("100"), qty("3"), price("101"), qty("4"));
        OrderRequest bid = OrderRequest.postOnly(symbol(), clientOrderId(2), Side.BUY, price("101"), qty("1"));
        givenPlacementWouldCross(bid);

        PlaceResult result = gateway.place(bid);

        assertThat(result).isInstanceOfSatisfying(PlaceResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RejectReason.POST_ONLY_WOULD_CROSS));
    }

    @Test
    void shouldListOurRestingOrder() {
        OpenOrder resting = restingBid(3);
        givenOpenOrder(resting);

        List<OpenOrder> open = gateway.openOrders(symbol());

        assertThat(open).anySatisfy(o -> {
            assertThat(o.clientOrderId()).isEqualTo(resting.clientOrderId());
            assertThat(o.price()).isEqualByComparingTo(resting.price());
            assertThat(o.remainingQuantity()).isEqualByComparingTo(resting.remainingQuantity());
        });
    }

    @Test
    void shouldCancelOurRestingOrderByClientId() {
        OpenOrder resting = restingBid(4);
        givenOpenOrder(resting);

        assertThat(gateway.cancel(symbol(), resting.clientOrderId())).isEqualTo(CancelResult.CANCELLED);
    }

    @Test
    void shouldAnswerNotFoundForAnOrderTheVenueDoesNotKnow() {
        assertThat(gateway.cancel(symbol(), clientOrderId(5))).isEqualTo(CancelResult.NOT_FOUND);
    }

    @Test
    void shouldReportTheSeededBalance() {
        givenBalance(new Balance("USDT", new BigDecimal("1000"), new BigDecimal("250")));

        List<Balance> balances = gateway.balances();

        assertThat(balances).anySatisfy(b -> {
            assertThat(b.asset()).isEqualTo("USDT");
            assertThat(b.free()).isEqualByComparingTo("1000");
            assertThat(b.locked()).isEqualByComparingTo("250");
        });
    }

    @Test
    void shouldCloseTwiceWithoutThrowing() {
        assertThatCode(() -> {
            gateway.close();
            gateway.close();
        }).doesNotThrowAnyException();
    }

    private OpenOrder restingBid(int n) {
        return new OpenOrder("9" + n, clientOrderId(n), symbol(), Side.BUY, price("98"), qty("2"), BigDecimal.ZERO,
                TimeInForce.POST_ONLY, false, Instant.parse("2025-01-01T00:00:00Z"));
    }

    /** A price in units of the expected instrument's tick grid, scaled from the contract's round numbers. */
    protected BigDecimal price(String value) {
        return new BigDecimal(value);
    }

    protected BigDecimal qty(String value) {
        return new BigDecimal(value);
    }
}
