package io.mmkit.core.engine;

import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.OrderRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans engine events out to every registered observer; one that throws is logged and does not stop the rest. */
final class Observers implements EngineObserver {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final List<EngineObserver> all = new CopyOnWriteArrayList<>();

    void add(EngineObserver observer) {
        all.add(observer);
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    private void each(Consumer<EngineObserver> event) {
        for (EngineObserver o : all) {
            try {
                event.accept(o);
            } catch (RuntimeException e) {
                LOG.warn("observer {} failed: {}", o.getClass().getName(), e.toString());
            }
        }
    }

    @Override
    public void onStarted(MarketMaker maker) {
        each(o -> o.onStarted(maker));
    }

    @Override
    public void onIteration(long iteration, long tookNanos, BookTop top) {
        if (!all.isEmpty()) {
            each(o -> o.onIteration(iteration, tookNanos, top));
        }
    }

    @Override
    public void onIterationFailed(long iteration, int inARow, RuntimeException error) {
        each(o -> o.onIterationFailed(iteration, inARow, error));
    }

    @Override
    public void onOrderPlaced(String market, OrderRequest request) {
        if (!all.isEmpty()) {
            each(o -> o.onOrderPlaced(market, request));
        }
    }

    @Override
    public void onOrderRejected(String market, OrderRequest request, String reason) {
        each(o -> o.onOrderRejected(market, request, reason));
    }

    @Override
    public void onOrderUnknown(String market, OrderRequest request, String error) {
        each(o -> o.onOrderUnknown(market, request, error));
    }

    @Override
    public void onOrderCancelled(String market, String clientOrderId) {
        if (!all.isEmpty()) {
            each(o -> o.onOrderCancelled(market, clientOrderId));
        }
    }

    @Override
    public void onFill(String market, Fill fill) {
        if (!all.isEmpty()) {
            each(o -> o.onFill(market, fill));
        }
    }

    @Override
    public void onStopRequested(String reason, boolean failure) {
        each(o -> o.onStopRequested(reason, failure));
    }

    @Override
    public void onShutdownStep(RunResult.ShutdownStep step) {
        each(o -> o.onShutdownStep(step));
    }

    @Override
    public void onRunEnded(RunResult result) {
        each(o -> o.onRunEnded(result));
    }

    @Override
    public void onQuotesDecided(long tookNanos, int quotes) {
        if (!all.isEmpty()) {
            each(o -> o.onQuotesDecided(tookNanos, quotes));
        }
    }
}
