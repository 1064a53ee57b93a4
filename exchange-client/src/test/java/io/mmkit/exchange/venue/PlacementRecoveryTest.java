package io.mmkit.exchange.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.exchange.AuthenticationException;
import io.mmkit.core.exchange.ExchangeException;
import io.mmkit.core.exchange.TransportException;
import io.mmkit.core.model.OrderRequest;
import io.mmkit.core.model.PlaceResult;
import io.mmkit.core.model.RejectReason;
import io.mmkit.core.model.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The never-re-send rule on its own, with recording venue functions and no network. */
class PlacementRecoveryTest {
    private static final OrderRequest BID =
            OrderRequest.postOnly("SOL_USDC", "1048577", Side.BUY, new BigDecimal("180.10"), BigDecimal.ONE);
    private static final PlaceResult FOUND =
            PlaceResult.rejected("1048577", RejectReason.POST_ONLY_WOULD_CROSS, "found");

    private final List<String> sent = new ArrayList<>();
    private final List<String> lookedUp = new ArrayList<>();

    @Test
    void shouldReturnTheVenuesAnswerWithoutALookup() {
        PlaceResult answer = PlaceResult.rejected("1048577", RejectReason.INSUFFICIENT_FUNDS, "answer");

        assertThat(recovery(r -> answer, Optional.of("order")).place(BID)).isSameAs(answer);
        assertThat(lookedUp).isEmpty();
    }

    @Test
    void shouldConfirmALostPlacementFromTheLookupAndSendItOnce() {
        PlaceResult result = recovery(r -> {
            throw new TransportException("venue", "reset");
        }, Optional.of("order")).place(BID);

        assertThat(result).isSameAs(FOUND);
        assertThat(sent).containsExactly("1048577");
        assertThat(lookedUp).containsExactly("SOL_USDC/1048577");
    }

    @Test
    void shouldNotResendAPlacementTheVenueDoesNotKnow() {
        TransportException lost = new TransportException("venue", "500");

        assertThatThrownBy(() -> recovery(r -> {
            throw lost;
        }, Optional.empty()).place(BID))
                .isInstanceOf(TransportException.class).hasCause(lost)
                .hasMessageContaining("placement 1048577 not confirmed and unknown to the venue; not re-sent");
        assertThat(sent).containsExactly("1048577");
    }

    @Test
    void shouldRethrowTheLostAnswerWithTheFailedLookupSuppressed() {
        TransportException lost = new TransportException("venue", "timeout");
        ExchangeException lookupFailed = new TransportException("venue", "lookup timeout");
        PlacementRecovery<String> recovery = new PlacementRecovery<>("venue", r -> {
            sent.add(r.clientOrderId());
            throw lost;
        }, (symbol, id) -> {
            throw lookupFailed;
        }, (r, found) -> FOUND);

        assertThatThrownBy(() -> recovery.place(BID)).isSameAs(lost);
        assertThat(lost.getSuppressed()).containsExactly(lookupFailed);
        assertThat(sent).containsExactly("1048577");
    }

    @Test
    void shouldNotLookUpAfterAFailureThatIsNotAboutTheAnswer() {
        AuthenticationException refused = new AuthenticationException("venue", "bad key");

        assertThatThrownBy(() -> recovery(r -> {
            throw refused;
        }, Optional.of("order")).place(BID)).isSameAs(refused);
        assertThat(lookedUp).isEmpty();
    }

    private PlacementRecovery<String> recovery(Function<OrderRequest, PlaceResult> send, Optional<String> lookup) {
        return new PlacementRecovery<>("venue", r -> {
            sent.add(r.clientOrderId());
            return send.apply(r);
        }, (symbol, id) -> {
            lookedUp.add(symbol + "/" + id);
            return lookup;
        }, (r, found) -> FOUND);
    }
}
