package io.mmkit.backtest.report;

import io.mmkit.sim.ReplayObserver;
import io.mmkit.core.accounting.PositionLedger;
import io.mmkit.core.model.Decimals;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Instrument;
import io.mmkit.core.model.OrderRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * Records a run for its report: every fill into an exact FIFO ledger, funding, orders sent, and a sample of
 * mid, inventory and equity every {@code sampleInterval} of virtual time. Called by the engine under its lock
 * on the advancing thread; read by the harness after the run.
 */
public final class RunRecorder implements ReplayObserver {
    private final PositionLedger ledger;
    private final long interval;
    private final DoubleConsumer progress;
    private final ProgressSource progressSource;
    private long nextSample = Long.MIN_VALUE;
    private long[] times = new long[1024];
    private double[] mids = new double[1024];
    private double[] positions = new double[1024];
    private double[] equities = new double[1024];
    private double[] bids = new double[1024];
    private double[] asks = new double[1024];
    private double[] ourBids = new double[1024];
    private double[] ourAsks = new double[1024];
    private double bid = Double.NaN;
    private double ask = Double.NaN;
    private double ourBid = Double.NaN;
    private double ourAsk = Double.NaN;
    private int size;
    private double cash;
    private double position;
    private BigDecimal funding = BigDecimal.ZERO;
    private BigDecimal minPosition = BigDecimal.ZERO;
    private BigDecimal maxPosition = BigDecimal.ZERO;
    private BigDecimal quantitySent = BigDecimal.ZERO;
    private long ordersSent;
    private double lastMid = Double.NaN;
    private double midBeforeEvent = Double.NaN;
    private BigDecimal signedQuantity = BigDecimal.ZERO;
    private BigDecimal signedAtMid = BigDecimal.ZERO;
    private BigDecimal signedAtPrice = BigDecimal.ZERO;

    /** Where progress (0..1) comes from; the harness passes the exchange's. */
    @FunctionalInterface
    public interface ProgressSource {
        double progress();
    }

    /**
     * @param progress told the share of input read once per sample; may be a no-op
     */
    public RunRecorder(Instrument instrument, Duration sampleInterval, ProgressSource source, DoubleConsumer progress) {
        this.ledger = new PositionLedger(instrument.symbol(), instrument.baseAsset(), instrument.quoteAsset());
        this.interval = Math.max(1, sampleInterval.toNanos());
        this.progressSource = source;
        this.progress = progress;
    }

    @Override
    public void onTime(long epochNanos, MarketView market) {
        // The mid before the event that may fill us: the reference a fill's spread capture is measured from.
        midBeforeEvent = market.mid();
        if (epochNanos < nextSample) {
            return;
        }
        double mid = midBeforeEvent;
        bid = market.bestBid();
        ask = market.bestAsk();
        ourBid = market.ourBid();
        ourAsk = market.ourAsk();
        if (!Double.isNaN(mid)) {
            lastMid = mid;
        }
        sample(epochNanos, lastMid);
        nextSample = nextSample == Long.MIN_VALUE
                ? epochNanos + interval
                : Math.max(nextSample + interval, epochNanos - (epochNanos - nextSample) % interval + interval);
        progress.accept(progressSource.progress());
    }

    @Override
    public void onOrderAccepted(OrderRequest request) {
        ordersSent++;
        quantitySent = quantitySent.add(request.quantity());
    }

    @Override
    public void onFill(Fill fill) {
        BigDecimal signed = fill.signedQuantity();
        // A fill on a one-sided book has no mid to measure from: all of it counts as inventory, none as spread.
        BigDecimal mid = Double.isNaN(midBeforeEvent) ? fill.price() : BigDecimal.valueOf(midBeforeEvent);
        signedQuantity = signedQuantity.add(signed);
        signedAtMid = signedAtMid.add(signed.multiply(mid));
        signedAtPrice = signedAtPrice.add(signed.multiply(fill.price()));
        ledger.apply(fill);
        BigDecimal fee = ledger.feeInQuote(fill);
        cash += -fill.signedQuantity().doubleValue() * fill.price().doubleValue() - fee.doubleValue();
        position = ledger.position().doubleValue();
        minPosition = minPosition.min(ledger.position());
        maxPosition = maxPosition.max(ledger.position());
    }

    @Override
    public void onFunding(long epochNanos, BigDecimal payment) {
        funding = funding.add(payment);
        cash -= payment.doubleValue();
    }

    /** Takes a last sample at the end of the run. */
    public void finish(long epochNanos) {
        sample(epochNanos, lastMid);
    }

    /**
     * Spread capture: each fill's distance from the mid just before it, times its quantity, in our favour
     * (a buy below the mid or a sell above it earns). {@code sum(signed qty x (mid - price))}.
     */
    public BigDecimal spreadCapture() {
        return Decimals.normalize(signedAtMid.subtract(signedAtPrice));
    }

    /**
     * Inventory PnL: each fill's quantity marked from the mid at the fill to {@code mark}, i.e. what holding the
     * position changes earned or lost as the market moved. {@code sum(signed qty x (mark - mid at fill))}.
     */
    public BigDecimal inventoryPnl(BigDecimal mark) {
        return Decimals.normalize(signedQuantity.multiply(mark).subtract(signedAtMid));
    }

    public PositionLedger ledger() {
        return ledger;
    }

    public BigDecimal funding() {
        return Decimals.normalize(funding);
    }

    public BigDecimal minPosition() {
        return minPosition;
    }

    public BigDecimal maxPosition() {
        return maxPosition;
    }

    public long ordersSent() {
        return ordersSent;
    }

    public BigDecimal quantitySent() {
        return Decimals.normalize(quantitySent);
    }

    public Series series() {
        return new Series(Arrays.copyOf(times, size), Arrays.copyOf(mids, size), Arrays.copyOf(positions, size),
                Arrays.copyOf(equities, size), Arrays.copyOf(bids, size), Arrays.copyOf(asks, size),
                Arrays.copyOf(ourBids, size), Arrays.copyOf(ourAsks, size));
    }

    private void sample(long epochNanos, double mid) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            mids = Arrays.copyOf(mids, size * 2);
            positions = Arrays.copyOf(positions, size * 2);
            equities = Arrays.copyOf(equities, size * 2);
            bids = Arrays.copyOf(bids, size * 2);
            asks = Arrays.copyOf(asks, size * 2);
            ourBids = Arrays.copyOf(ourBids, size * 2);
            ourAsks = Arrays.copyOf(ourAsks, size * 2);
        }
        times[size] = Math.floorDiv(epochNanos, 1_000_000L);
        mids[size] = mid;
        positions[size] = position;
        equities[size] = Double.isNaN(mid) ? cash : cash + position * mid;
        bids[size] = bid;
        asks[size] = ask;
        ourBids[size] = ourBid;
        ourAsks[size] = ourAsk;
        size++;
    }
}
