package io.mmkit.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmkit.exchange.TestVenues;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private final Redactor redactor = new Redactor(List.of(TestVenues.BINANCE_KEY, TestVenues.BINANCE_SECRET));

    @Test
    void shouldMaskKeysSignaturesAndListenKeys() {
        String line = "GET https://api.binance.com/api/v3/order?symbol=BTCUSDT&timestamp=1&signature=c8db5682"
                + " X-MBX-APIKEY: " + TestVenues.BINANCE_KEY + " wss://stream/ws/pqia91ma19a5s61cv6a81va65sdf19v8a6"
                + " secret " + TestVenues.BINANCE_SECRET;

        String redacted = redactor.redact(line);

        assertThat(redacted).doesNotContain(TestVenues.BINANCE_KEY).doesNotContain(TestVenues.BINANCE_SECRET)
                .doesNotContain("c8db5682").doesNotContain("pqia91ma19a5")
                .contains("symbol=BTCUSDT").contains("signature=***").contains("/ws/***");
    }

    @Test
    void shouldShowOnlyAPrefixOfAMaskedKey() {
        assertThat(Redactor.mask(TestVenues.BINANCE_KEY)).isEqualTo("vmPU…***");
    }
}
