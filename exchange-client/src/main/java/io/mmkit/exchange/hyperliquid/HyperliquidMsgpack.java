package io.mmkit.exchange.hyperliquid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * MessagePack of an action, exactly as Hyperliquid hashes it: maps keep their insertion order (the order the
 * Python SDK builds them in, which is part of the hash), strings are str, integers take their smallest form,
 * {@code null} is nil. Only the types an action holds are accepted. Pure; thread-safe.
 */
final class HyperliquidMsgpack {
    private HyperliquidMsgpack() {
    }

    /**
     * @param value a {@link Map} (iterated in its own order: pass a {@link java.util.LinkedHashMap}), {@link List},
     *     {@link String}, {@link Boolean}, {@link Integer}, {@link Long}, {@link BigInteger} or {@code null}
     * @throws IllegalArgumentException for any other type
     */
    static byte[] pack(Object value) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            write(packer, value);
            packer.flush();
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("msgpack into memory failed", e);
        }
    }

    private static void write(MessageBufferPacker packer, Object value) throws IOException {
        if (value == null) {
            packer.packNil();
        } else if (value instanceof String s) {
            packer.packString(s);
        } else if (value instanceof Boolean b) {
            packer.packBoolean(b);
        } else if (value instanceof Integer i) {
            packer.packLong(i);
        } else if (value instanceof Long l) {
            packer.packLong(l);
        } else if (value instanceof BigInteger big) {
            packer.packBigInteger(big);
        } else if (value instanceof Map<?, ?> map) {
            packer.packMapHeader(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(packer, e.getKey());
                write(packer, e.getValue());
            }
        } else if (value instanceof List<?> list) {
            packer.packArrayHeader(list.size());
            for (Object item : list) {
                write(packer, item);
            }
        } else {
            throw new IllegalArgumentException("an action cannot hold a " + value.getClass().getSimpleName());
        }
    }
}
