package io.mmkit.exchange.ws;

import io.mmkit.core.exchange.ExchangeListener;
import io.mmkit.core.model.BookTop;
import io.mmkit.core.model.Fill;
import io.mmkit.core.model.Trade;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event a gateway delivers. */
public class RecordingListener implements ExchangeListener {
    public final List<BookTop> tops = new CopyOnWriteArrayList<>();
    public final List<Fill> fills = new CopyOnWriteArrayList<>();
    public final List<Trade> trades = new CopyOnWriteArrayList<>();
    public final List<Boolean> connectionStates = new CopyOnWriteArrayList<>();

    @Override
    public void onBookTop(BookTop top) {
        tops.add(top);
    }

    @Override
    public void onFill(Fill fill) {
        fills.add(fill);
    }

    @Override
    public void onTrade(Trade trade) {
        trades.add(trade);
    }

    @Override
    public void onConnectionState(boolean connected) {
        connectionStates.add(connected);
    }
}
