package io.mmkit.exchange.venue;

import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.TransportException;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places an order so that it is never sent twice. When the answer is lost (a {@link TransportException}:
 * timeout, reset, 5xx, unreadable body) the outcome is unknown, so the order is looked up by its client id:
 * found, the venue's record is the result; not found, a {@link TransportException} says it was not re-sent;
 * the lookup itself failing rethrows the original exception with the lookup's failure suppressed. Any other
 * {@link ExchangeException} from the placement propagates unchanged.
 *
 * <p>Blocks the calling thread on the placement and on the lookup. Thread-safe: it holds only the venue's
 * functions.
 *
 * @param <O> the venue's order record
 */
public final class PlacementRecovery<O> {
    private static final Logger LOG = LoggerFactory.getLogger(PlacementRecovery.class);

    /** The venue's order lookup by client id: empty when the venue does not know it. Blocking REST. */
    @FunctionalInterface
    public interface Lookup<O> {
        Optional<O> find(String symbol, String clientOrderId);
    }

    /** Turns the order record found by a lookup into the placement's result. */
    @FunctionalInterface
    public interface Confirmation<O> {
        PlaceResult of(OrderRequest request, O found);
    }

    private final String venue;
    private final Function<OrderRequest, PlaceResult> send;
    private final Lookup<O> lookup;
    private final Confirmation<O> confirmation;

    /** @param send the venue's one placement call (blocking REST); called once per {@link #place} */
    public PlacementRecovery(String venue, Function<OrderRequest, PlaceResult> send, Lookup<O> lookup,
                             Confirmation<O> confirmation) {
        this.venue = Objects.requireNonNull(venue, "venue");
        this.send = Objects.requireNonNull(send, "send");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.confirmation = Objects.requireNonNull(confirmation, "confirmation");
    }

    /** Sends {@code request} once; see the class comment for what happens when its answer is lost. */
    public PlaceResult place(OrderRequest request) {
        try {
            return send.apply(request);
        } catch (TransportException unknown) {
            LOG.warn("{}: placement {} outcome unknown ({}); looking it up", venue, request.clientOrderId(),
                    unknown.getMessage());
            Optional<O> found;
            try {
                found = lookup.find(request.symbol(), request.clientOrderId());
            } catch (ExchangeException lookupFailed) {
                unknown.addSuppressed(lookupFailed);
                throw unknown;
            }
            if (found.isPresent()) {
                return confirmation.of(request, found.get());
            }
            throw new TransportException(venue, "placement " + request.clientOrderId()
                    + " not confirmed and unknown to the venue; not re-sent", unknown);
        }
    }
}
