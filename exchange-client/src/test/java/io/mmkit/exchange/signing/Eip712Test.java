package io.mmkit.exchange.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mmkit.exchange.signing.Eip712.Domain;
import io.mmkit.exchange.signing.Eip712.Field;
import io.mmkit.exchange.signing.Eip712.TypedData;

/** Known answers from the EIP-712 specification's example ({@code Example.js} / {@code Example.sol}). */
class Eip712Test {
    private static final Map<String, List<Field>> MAIL_TYPES = Map.of(
            "Person", List.of(new Field("name", "string"), new Field("wallet", "address")),
            "Mail", List.of(new Field("from", "Person"), new Field("to", "Person"), new Field("contents", "string")));

    private static TypedData mail() {
        return new TypedData(
                new Domain("Ether Mail", "1", 1, "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"),
                MAIL_TYPES, "Mail",
                Map.of("from", Map.of("name", "Cow", "wallet", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"),
                        "to", Map.of("name", "Bob", "wallet", "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"),
                        "contents", "Hello, Bob!"));
    }

    @Test
    void shouldEncodeTheMailTypeWithItsReferencedTypesAppended() {
        assertThat(Eip712.encodeType("Mail", MAIL_TYPES))
                .isEqualTo("Mail(Person from,Person to,string contents)Person(string name,address wallet)");
        assertThat(Hex.encode(Eip712.typeHash("Mail", MAIL_TYPES)))
                .isEqualTo("0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2");
    }

    @Test
    void shouldMatchTheSpecsDomainSeparatorStructHashAndDigest() {
        TypedData mail = mail();

        assertThat(Hex.encode(mail.domainSeparator()))
                .isEqualTo("0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
        assertThat(Hex.encode(mail.hashStruct()))
                .isEqualTo("0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
        assertThat(Hex.encode(mail.digest()))
                .isEqualTo("0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");
    }

    @Test
    void shouldReproduceTheSpecsSignatureWithTheCowKey() {
        EthKey cow = EthKey.fromBytes(Keccak256.hash("cow".getBytes(StandardCharsets.UTF_8)));

        EthSignature sig = cow.sign(mail().digest());

        assertThat(cow.checksumAddress()).isEqualTo("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
        assertThat(sig.v()).isEqualTo(28);
        assertThat(sig.rHex()).isEqualTo("0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d");
        assertThat(sig.sHex()).isEqualTo("0x07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562");
    }

    @Test
    void shouldParseTheJsonFormOfEthSignTypedDataToTheSameDigest() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/signing/eip712-mail.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        TypedData parsed = Eip712.parse(json);

        assertThat(parsed.digest()).isEqualTo(mail().digest());
        assertThat(parsed.domain().chainId()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void shouldHashArraysAndNestedArraysAsKeccakOfTheirEncodedElements() {
        Map<String, List<Field>> types = Map.of(
                "Group", List.of(new Field("name", "string"), new Field("members", "Person[]"),
                        new Field("scores", "uint8[2]")),
                "Person", List.of(new Field("name", "string"), new Field("wallet", "address")));
        Map<String, Object> cow = Map.of("name", "Cow", "wallet", "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
        Map<String, Object> group = Map.of("name", "herd", "members", List.of(cow, cow), "scores", List.of(1, 2));

        byte[] personHash = Eip712.hashStruct("Person", cow, types);
        byte[] expected = Keccak256.hash(
                Eip712.typeHash("Group", types),
                Keccak256.hash("herd".getBytes(StandardCharsets.UTF_8)),
                Keccak256.hash(personHash, personHash),
                Keccak256.hash(word(1), word(2)));

        assertThat(Eip712.encodeType("Group", types))
                .isEqualTo("Group(string name,Person[] members,uint8[2] scores)Person(string name,address wallet)");
        assertThat(Eip712.hashStruct("Group", group, types)).isEqualTo(expected);
    }

    @Test
    void shouldEncodeSignedIntegersBoolsAndFixedBytesAsThirtyTwoByteWords() {
        Map<String, List<Field>> types = Map.of("T", List.of(new Field("i", "int64"), new Field("b", "bool"),
                new Field("h", "bytes4"), new Field("d", "bytes"), new Field("u", "uint256")));
        Map<String, Object> value = Map.of("i", -1L, "b", true, "h", "0x01020304", "d", "0x",
                "u", "0x10");

        byte[] minusOne = new byte[32];
        java.util.Arrays.fill(minusOne, (byte) 0xFF);
        byte[] fixed = new byte[32];
        fixed[0] = 1;
        fixed[1] = 2;
        fixed[2] = 3;
        fixed[3] = 4;
        byte[] expected = Keccak256.hash(Eip712.typeHash("T", types), minusOne, word(1), fixed,
                Keccak256.hash(new byte[0]), word(16));

        assertThat(Eip712.hashStruct("T", value, types)).isEqualTo(expected);
    }

    @Test
    void shouldRefuseMissingMembersAndOutOfRangeValuesByName() {
        Map<String, List<Field>> types = Map.of("T", List.of(new Field("n", "uint8")));

        assertThatThrownBy(() -> Eip712.hashStruct("T", Map.of(), types)).hasMessageContaining("T.n (uint8) is missing");
        assertThatThrownBy(() -> Eip712.hashStruct("T", Map.of("n", 256), types)).hasMessageContaining("T.n");
        assertThatThrownBy(() -> Eip712.hashStruct("T", Map.of("n", -1), types)).hasMessageContaining("uint8");
        assertThatThrownBy(() -> new TypedData(new Domain("x", null, null, null, null), types, "U", Map.of()))
                .hasMessageContaining("primary type U");
    }

    @Test
    void shouldLeaveAbsentDomainMembersOutOfTheDomainType() {
        Domain nameOnly = new Domain("x", null, null, null, null);
        Map<String, List<Field>> domainType = Map.of("EIP712Domain", List.of(new Field("name", "string")));

        assertThat(Eip712.domainSeparator(nameOnly))
                .isEqualTo(Eip712.hashStruct("EIP712Domain", Map.of("name", "x"), domainType));
    }

    private static byte[] word(long v) {
        return EthKey.toBytes32(BigInteger.valueOf(v));
    }
}
