package io.mmkit.exchange.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;

/** Jackson set up for venue payloads: decimals stay {@link BigDecimal}, unknown fields are ignored. */
public final class Json {
    private Json() {
    }

    /** A new mapper; each gateway holds its own (mappers are thread-safe once configured). */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** A decimal field that may be a string or a number; null when absent or empty. */
    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String text = v.asText();
        return text.isEmpty() ? null : new BigDecimal(text);
    }

    /** A text field, or null when absent. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
