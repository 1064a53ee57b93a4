package io.mmkit.exchange.signing;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * EIP-712 typed structured data hashing: {@code encodeType}, {@code hashStruct}, the domain separator and the
 * digest {@code keccak256(0x19 0x01 || domainSeparator || hashStruct(message))} that a wallet signs for
 * {@code eth_signTypedData_v4}.
 *
 * <p>Supported member types: {@code address}, {@code bool}, {@code uint8..uint256}, {@code int8..int256},
 * {@code bytes1..bytes32}, {@code string}, {@code bytes}, structs named in the types map, and arrays of any of these
 * ({@code T[]} and {@code T[n]}, nested). Message values are Java values: {@link Map} for structs, {@link List} for
 * arrays, {@link String}/{@link Number}/{@link Boolean}/{@code byte[]} for atoms (integers also as decimal or
 * {@code 0x} strings; addresses and bytes as hex strings). A missing member or a value that does not fit its type is
 * an {@link IllegalArgumentException} naming the member, never a silent zero. Stateless and thread-safe.
 */
public final class Eip712 {
    private static final String DOMAIN_TYPE = "EIP712Domain";
    private static final Pattern INT_TYPE = Pattern.compile("(u?)int(\\d*)");
    private static final Pattern BYTES_N = Pattern.compile("bytes(\\d+)");
    private static final Pattern ARRAY = Pattern.compile("(.+)\\[(\\d*)]");
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private Eip712() {
    }

    /** One struct member: its name and its EIP-712 type ({@code "address"}, {@code "Person[]"}, ...). */
    public record Field(String name, String type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * The {@code EIP712Domain}: each member is optional ({@code null} leaves it out of the domain type, as the spec
     * allows) and the present ones are encoded in the spec's order name, version, chainId, verifyingContract, salt.
     */
    public record Domain(String name, String version, BigInteger chainId, String verifyingContract, String salt) {
        /** A domain without salt, the shape every venue here uses. */
        public Domain(String name, String version, long chainId, String verifyingContract) {
            this(name, version, BigInteger.valueOf(chainId), verifyingContract, null);
        }

        /** The members present, as the {@code EIP712Domain} type. */
        public List<Field> fields() {
            List<Field> fields = new ArrayList<>();
            if (name != null) {
                fields.add(new Field("name", "string"));
            }
            if (version != null) {
                fields.add(new Field("version", "string"));
            }
            if (chainId != null) {
                fields.add(new Field("chainId", "uint256"));
            }
            if (verifyingContract != null) {
                fields.add(new Field("verifyingContract", "address"));
            }
            if (salt != null) {
                fields.add(new Field("salt", "bytes32"));
            }
            return fields;
        }

        /** The members present, as a message value. */
        public Map<String, Object> values() {
            Map<String, Object> values = new LinkedHashMap<>();
            if (name != null) {
                values.put("name", name);
            }
            if (version != null) {
                values.put("version", version);
            }
            if (chainId != null) {
                values.put("chainId", chainId);
            }
            if (verifyingContract != null) {
                values.put("verifyingContract", verifyingContract);
            }
            if (salt != null) {
                values.put("salt", salt);
            }
            return values;
        }
    }

    /**
     * A complete typed-data request, as {@code eth_signTypedData_v4} takes it.
     *
     * @param types       struct name to members, in member order; an {@code EIP712Domain} entry is ignored (the
     *                    domain type comes from {@link Domain#fields()})
     * @param primaryType the struct {@code message} is an instance of
     */
    public record TypedData(Domain domain, Map<String, List<Field>> types, String primaryType,
                            Map<String, Object> message) {
        public TypedData {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(primaryType, "primaryType");
            Objects.requireNonNull(message, "message");
            Map<String, List<Field>> copy = new LinkedHashMap<>();
            types.forEach((k, v) -> {
                if (!DOMAIN_TYPE.equals(k)) {
                    copy.put(k, List.copyOf(v));
                }
            });
            if (!copy.containsKey(primaryType)) {
                throw new IllegalArgumentException("primary type " + primaryType + " is not in the types");
            }
            types = Collections.unmodifiableMap(copy);
            message = Collections.unmodifiableMap(new LinkedHashMap<>(message));
        }

        /** {@code hashStruct(domain)}. */
        public byte[] domainSeparator() {
            return Eip712.domainSeparator(domain);
        }

        /** {@code hashStruct(message)} of the primary type. */
        public byte[] hashStruct() {
            return Eip712.hashStruct(primaryType, message, types);
        }

        /** The 32 bytes a wallet signs: {@code keccak256(0x1901 || domainSeparator || hashStruct)}. */
        public byte[] digest() {
            return Eip712.digest(domainSeparator(), hashStruct());
        }
    }

    /** {@code keccak256(0x19 0x01 || domainSeparator || structHash)}. */
    public static byte[] digest(byte[] domainSeparator, byte[] structHash) {
        return Keccak256.hash(new byte[] {0x19, 0x01}, domainSeparator, structHash);
    }

    /** {@code hashStruct} of the domain, over the {@code EIP712Domain} type of its present members. */
    public static byte[] domainSeparator(Domain domain) {
        return hashStruct(DOMAIN_TYPE, domain.values(), Map.of(DOMAIN_TYPE, domain.fields()));
    }

    /** {@code keccak256(typeHash(type) || encodeData(data))}. */
    public static byte[] hashStruct(String type, Map<String, ?> data, Map<String, List<Field>> types) {
        List<Field> fields = types.get(type);
        if (fields == null) {
            throw new IllegalArgumentException("unknown struct type " + type);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * (fields.size() + 1));
        out.writeBytes(typeHash(type, types));
        for (Field field : fields) {
            if (!data.containsKey(field.name()) || data.get(field.name()) == null) {
                throw new IllegalArgumentException(type + "." + field.name() + " (" + field.type() + ") is missing");
            }
            out.writeBytes(encodeValue(type + "." + field.name(), field.type(), data.get(field.name()), types));
        }
        return Keccak256.hash(out.toByteArray());
    }

    /** {@code keccak256(encodeType(type))}. */
    public static byte[] typeHash(String type, Map<String, List<Field>> types) {
        return Keccak256.hash(encodeType(type, types).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code Name(type1 member1,...)} followed by every struct it references, directly or not, sorted by name:
     * e.g. {@code Mail(Person from,Person to,string contents)Person(string name,address wallet)}.
     */
    public static String encodeType(String type, Map<String, List<Field>> types) {
        Set<String> deps = new LinkedHashSet<>();
        collectDependencies(type, types, deps);
        deps.remove(type);
        StringBuilder out = new StringBuilder();
        appendType(out, type, types);
        for (String dep : new TreeSet<>(deps)) {
            appendType(out, dep, types);
        }
        return out.toString();
    }

    /**
     * Parses typed data in the JSON form of {@code eth_signTypedData_v4}
     * ({@code {"types":..,"primaryType":..,"domain":..,"message":..}}).
     */
    public static TypedData parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("typed data is not JSON: " + e.getOriginalMessage());
        }
        Map<String, List<Field>> types = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("types").properties()) {
            List<Field> fields = new ArrayList<>();
            for (JsonNode f : e.getValue()) {
                fields.add(new Field(f.path("name").asText(), f.path("type").asText()));
            }
            types.put(e.getKey(), fields);
        }
        JsonNode d = root.path("domain");
        Domain domain = new Domain(textOrNull(d, "name"), textOrNull(d, "version"),
                d.hasNonNull("chainId") ? toInteger("domain.chainId", fromJson(d.get("chainId"))) : null,
                textOrNull(d, "verifyingContract"), textOrNull(d, "salt"));
        @SuppressWarnings("unchecked")
        Map<String, Object> message = (Map<String, Object>) fromJson(root.path("message"));
        return new TypedData(domain, types, root.path("primaryType").asText(), message);
    }

    private static void collectDependencies(String type, Map<String, List<Field>> types, Set<String> found) {
        String base = baseType(type);
        if (found.contains(base) || !types.containsKey(base)) {
            return;
        }
        found.add(base);
        for (Field field : types.get(base)) {
            collectDependencies(field.type(), types, found);
        }
    }

    private static void appendType(StringBuilder out, String type, Map<String, List<Field>> types) {
        out.append(type).append('(');
        List<Field> fields = types.get(type);
        if (fields == null) {
            throw new IllegalArgumentException("unknown struct type " + type);
        }
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(fields.get(i).type()).append(' ').append(fields.get(i).name());
        }
        out.append(')');
    }

    private static String baseType(String type) {
        int bracket = type.indexOf('[');
        return bracket < 0 ? type : type.substring(0, bracket);
    }

    /** One member's 32-byte encoding in {@code encodeData}. */
    private static byte[] encodeValue(String where, String type, Object value, Map<String, List<Field>> types) {
        Matcher array = ARRAY.matcher(type);
        if (array.matches()) {
            List<?> items = asList(where, value);
            if (!array.group(2).isEmpty() && items.size() != Integer.parseInt(array.group(2))) {
                throw new IllegalArgumentException(where + " must have " + array.group(2) + " elements, has "
                        + items.size());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * items.size());
            for (int i = 0; i < items.size(); i++) {
                out.writeBytes(encodeValue(where + "[" + i + "]", array.group(1), items.get(i), types));
            }
            return Keccak256.hash(out.toByteArray());
        }
        if (types.containsKey(type)) {
            if (!(value instanceof Map<?, ?> struct)) {
                throw new IllegalArgumentException(where + " must be a " + type + " struct");
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> fields = (Map<String, ?>) struct;
            return hashStruct(type, fields, types);
        }
        return encodeAtom(where, type, value);
    }

    private static byte[] encodeAtom(String where, String type, Object value) {
        switch (type) {
            case "string":
                if (!(value instanceof String s)) {
                    throw new IllegalArgumentException(where + " must be a string");
                }
                return Keccak256.hash(s.getBytes(StandardCharsets.UTF_8));
            case "bytes":
                return Keccak256.hash(toBytes(where, value));
            case "bool":
                return word(BigInteger.valueOf(toBoolean(where, value) ? 1 : 0));
            case "address":
                byte[] address = toBytes(where, value);
                if (address.length != 20) {
                    throw new IllegalArgumentException(where + " must be a 20-byte address");
                }
                return leftPad(address);
            default:
                break;
        }
        Matcher bytesN = BYTES_N.matcher(type);
        if (bytesN.matches()) {
            int n = Integer.parseInt(bytesN.group(1));
            byte[] bytes = toBytes(where, value);
            if (n < 1 || n > 32 || bytes.length != n) {
                throw new IllegalArgumentException(where + " must be exactly " + n + " bytes for " + type);
            }
            byte[] out = new byte[32];
            System.arraycopy(bytes, 0, out, 0, n);
            return out;
        }
        Matcher intType = INT_TYPE.matcher(type);
        if (intType.matches()) {
            boolean unsigned = !intType.group(1).isEmpty();
            int bits = intType.group(2).isEmpty() ? 256 : Integer.parseInt(intType.group(2));
            if (bits < 8 || bits > 256 || bits % 8 != 0) {
                throw new IllegalArgumentException("unknown type " + type + " at " + where);
            }
            BigInteger v = toInteger(where, value);
            BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
            BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits) : BigInteger.ONE.shiftLeft(bits - 1);
            if (v.compareTo(min) < 0 || v.compareTo(max) >= 0) {
                throw new IllegalArgumentException(where + " = " + v + " does not fit " + type);
            }
            return word(v.mod(TWO_256));
        }
        throw new IllegalArgumentException("unknown type " + type + " at " + where);
    }

    private static byte[] word(BigInteger nonNegative) {
        return EthKey.toBytes32(nonNegative);
    }

    private static byte[] leftPad(byte[] bytes) {
        byte[] out = new byte[32];
        System.arraycopy(bytes, 0, out, 32 - bytes.length, bytes.length);
        return out;
    }

    private static List<?> asList(String where, Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Object[] items) {
            return List.of(items);
        }
        throw new IllegalArgumentException(where + " must be an array");
    }

    private static byte[] toBytes(String where, Object value) {
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof String s) {
            try {
                return Hex.decode(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(where + " must be hex text or bytes");
    }

    private static boolean toBoolean(String where, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(value) || "false".equals(value)) {
            return "true".equals(value);
        }
        throw new IllegalArgumentException(where + " must be true or false");
    }

    static BigInteger toInteger(String where, Object value) {
        try {
            if (value instanceof BigInteger b) {
                return b;
            }
            if (value instanceof BigDecimal d) {
                return d.toBigIntegerExact();
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return BigInteger.valueOf(((Number) value).longValue());
            }
            if (value instanceof String s) {
                String t = s.strip();
                if (t.startsWith("0x") || t.startsWith("0X")) {
                    return new BigInteger(t.substring(2), 16);
                }
                return new BigInteger(t);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be an integer");
        }
        throw new IllegalArgumentException(where + " must be an integer");
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Object fromJson(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(fromJson(n)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.isNull() ? null : node.asText();
    }
}
