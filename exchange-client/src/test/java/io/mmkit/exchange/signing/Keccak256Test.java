package io.mmkit.exchange.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Keccak256Test {

    @Test
    void shouldHashTheEmptyInputToTheKnownKeccakValue() {
        assertThat(Hex.encode(Keccak256.hash(new byte[0])))
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void shouldHashAbcToTheKnownKeccakValueNotSha3() {
        assertThat(Hex.encode(Keccak256.hash("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    @Test
    void shouldHashPartsAsTheirConcatenation() {
        byte[] whole = Keccak256.hash("abcdef".getBytes(StandardCharsets.US_ASCII));
        byte[] parts = Keccak256.hash("ab".getBytes(StandardCharsets.US_ASCII),
                "cdef".getBytes(StandardCharsets.US_ASCII));
        assertThat(parts).isEqualTo(whole);
    }
}
