package io.mmkit.exchange.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmkit.core.engine.ClientOrderIds;
import org.junit.jupiter.api.Test;

class HyperliquidCloidsTest {

    @Test
    void shouldCarryTheFrameworkIdInTheLastFourBytesBehindTheMarker() {
        String id = new ClientOrderIds(7, 3).next();

        String cloid = HyperliquidCloids.toCloid(id);

        assertThat(id).isEqualTo("7340035");
        assertThat(cloid).isEqualTo("0x6d6d6b69740000000000000000700003").hasSize(34);
    }

    @Test
    void shouldGiveTheFrameworkIdBackSoTheInstancePrefixIsRecognised() {
        ClientOrderIds ids = new ClientOrderIds(ClientOrderIds.MAX_PREFIX, (1 << 20) - 1);
        String id = ids.next();

        String back = HyperliquidCloids.fromCloid(HyperliquidCloids.toCloid(id));

        assertThat(back).isEqualTo(id);
        assertThat(ids.isOwn(back)).isTrue();
        assertThat(ClientOrderIds.prefixOf(back)).isEqualTo(ClientOrderIds.MAX_PREFIX);
    }

    @Test
    void shouldLeaveAnotherProgramsCloidAsItIsAndNeverTakeItForOurs() {
        String foreign = "0x0000000000000000000000000000abcd";

        String back = HyperliquidCloids.fromCloid(foreign);

        assertThat(back).isEqualTo(foreign);
        assertThat(ClientOrderIds.prefixOf(back)).isEqualTo(-1);
        assertThat(HyperliquidCloids.fromCloid(null)).isNull();
    }

    @Test
    void shouldPassACloidThroughAndRefuseAnythingElse() {
        assertThat(HyperliquidCloids.toCloid("0x0000000000000000000000000000ABCD"))
                .isEqualTo("0x0000000000000000000000000000abcd");
        assertThatThrownBy(() -> HyperliquidCloids.toCloid("4294967296")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4294967296");
        assertThatThrownBy(() -> HyperliquidCloids.toCloid("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
