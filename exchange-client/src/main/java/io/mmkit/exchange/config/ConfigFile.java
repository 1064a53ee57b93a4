package io.mmkit.exchange.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mmkit.core.config.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON config file — a bot's or a backtest's — into a tree with {@code ${VAR}} and
 * {@code ${VAR:-default}} references expanded from the environment. Keys starting with {@code _} are
 * comments and dropped. Numbers are kept exact (never through {@code double}); duplicate keys are an error.
 * Every problem is a one-line {@link ConfigException}.
 */
public final class ConfigFile {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private ConfigFile() {
    }

    /** Loads and expands; every problem is a one-line {@link ConfigException}. */
    public static JsonNode load(Path path, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "config file not found: " + path);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read config file " + path + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException("", "invalid JSON in " + path + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("", "config file " + path + " must hold a JSON object");
        }
        return expand("", root, new EnvExpander(env));
    }

    private static JsonNode expand(String path, JsonNode node, EnvExpander env) {
        if (node.isTextual()) {
            return TextNode.valueOf(env.expand(path, node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                if (f.getKey().startsWith("_")) {
                    continue; // "_comment" and friends: JSON has no comments, so configs explain themselves this way
                }
                out.set(f.getKey(), expand(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), env));
            }
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                out.add(expand(path + "[" + i + "]", node.get(i), env));
            }
            return out;
        }
        return node;
    }

    /** Loads {@code path} as plain Java values: {@code toPlainMap(load(path, env))}. */
    public static Map<String, Object> loadPlain(Path path, Map<String, String> env) {
        return toPlainMap(load(path, env));
    }

    /** A JSON object as plain Java values (BigDecimal numbers, String, Boolean, List, Map) for StrategyParams. */
    public static Map<String, Object> toPlainMap(JsonNode object) {
        Map<String, Object> out = new LinkedHashMap<>();
        object.properties().forEach(f -> out.put(f.getKey(), toPlain(f.getValue())));
        return out;
    }

    private static Object toPlain(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue(); // stays a whole number when handed on as JSON (e.g. recv_window_ms)
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isObject()) {
            return toPlainMap(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toPlain(n)));
            return list;
        }
        return null;
    }
}
