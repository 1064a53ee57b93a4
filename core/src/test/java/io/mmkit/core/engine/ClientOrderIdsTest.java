package io.mmkit.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {
    @Test
    void shouldDrawDistinctIdsThatFitAnUnsigned32BitInteger() {
        ClientOrderIds ids = new ClientOrderIds(ClientOrderIds.MAX_PREFIX, (1 << 20) - 2);
        String a = ids.next();
        String b = ids.next();
        String c = ids.next();
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
        for (String id : new String[] {a, b, c}) {
            assertThat(Long.parseLong(id)).isBetween(0L, 0xFFFF_FFFFL);
            assertThat(ids.isOwn(id)).isTrue();
        }
    }

    @Test
    void shouldRecogniseOnlyItsOwnPrefix() {
        ClientOrderIds mine = new ClientOrderIds(7, 1);
        ClientOrderIds other = new ClientOrderIds(8, 1);
        assertThat(mine.isOwn(mine.next())).isTrue();
        assertThat(mine.isOwn(other.next())).isFalse();
        assertThat(mine.isOwn("web-order-1")).isFalse();
        assertThat(mine.isOwn("")).isFalse();
        assertThat(mine.isOwn(null)).isFalse();
        assertThat(mine.isOwn("99999999999")).isFalse();
    }

    @Test
    void shouldDeriveAStableDefaultPrefix() {
        assertThat(ClientOrderIds.defaultPrefix("bp_sol_01")).isEqualTo(ClientOrderIds.defaultPrefix("bp_sol_01"))
                .isBetween(1, ClientOrderIds.MAX_PREFIX);
    }

    @Test
    void shouldRefuseAPrefixOutOfRange() {
        assertThatThrownBy(() -> new ClientOrderIds(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientOrderIds(4096, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
