package io.mmkit.backtest.sweep;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.backtest.data.DataAudit;
import io.mmkit.backtest.report.BacktestMetrics;
import io.mmkit.backtest.report.BacktestResult;
import io.mmkit.backtest.report.PnlReconciliation;
import io.mmkit.backtest.report.Series;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code row.json}: what a combination run on its own leaves beside its reports for {@code backtest merge} — its
 * index and name, the sweep it belongs to (strategy, config, swept keys, number of combinations), its swept values
 * with their types, and its metrics or its error. Read back, a row carries a result with the metrics and the fill
 * model only: all the sweep table, files and page use.
 */
public final class SweepRowFile {
    public static final String NAME = "row.json";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Decimals as text: read back digit for digit (a number node came back as 5E+1 for 50).
            .withConfigOverride(BigDecimal.class, o -> o.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)))
            .build();

    /** The sweep a row belongs to, with every axis's values: rows merge only with rows of the same sweep. */
    public record SweepId(String strategy, String config, List<SweepAxis> axes) {
        public SweepId {
            axes = List.copyOf(axes);
        }

        public int combinations() {
            return SweepCombination.count(axes);
        }

        public List<String> keys() {
            return axes.stream().map(SweepAxis::key).toList();
        }
    }

    /** A row read back, with the sweep it came from. */
    public record Stored(SweepId sweep, Sweep.Row row) {
    }

    private SweepRowFile() {
    }

    public static String format(SweepId sweep, Sweep.Row row) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("strategy", sweep.strategy());
        root.put("config", sweep.config());
        ObjectNode axes = root.putObject("axes");
        for (SweepAxis a : sweep.axes()) {
            ArrayNode list = axes.putArray(a.key());
            a.values().forEach(v -> list.add(typed(v)));
        }
        root.put("combinations", sweep.combinations());
        root.put("index", row.index());
        root.put("run", row.name());
        ObjectNode values = root.putObject("values");
        row.values().forEach((k, v) -> values.set(k, typed(v)));
        if (row.failed()) {
            root.put("error", row.error());
        } else {
            root.put("fill_model", row.result().fillModel());
            root.set("metrics", JSON.valueToTree(row.result().metrics()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the row of " + row.name() + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the file when it is not a row file this version wrote */
    public static Stored read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a sweep row file: " + e.getMessage(), e);
        }
        if (root == null || root.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException(file + ": not a sweep row file (format " + FORMAT + " expected)");
        }
        try {
            List<SweepAxis> axes = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.required("axes").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<Object> vs = new ArrayList<>();
                e.getValue().forEach(v -> vs.add(untyped(v)));
                axes.add(new SweepAxis(e.getKey(), vs));
            }
            SweepId sweep = new SweepId(root.required("strategy").asText(), root.required("config").asText(), axes);
            Map<String, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.required("values").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), untyped(e.getValue()));
            }
            int index = root.required("index").asInt();
            String name = root.required("run").asText();
            if (root.hasNonNull("error")) {
                return new Stored(sweep, new Sweep.Row(index, name, values, null, root.get("error").asText()));
            }
            BacktestMetrics metrics = JSON.treeToValue(root.required("metrics"), BacktestMetrics.class);
            return new Stored(sweep, new Sweep.Row(index, name, values,
                    metricsOnly(sweep.strategy(), root.required("fill_model").asText(), metrics), null));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a sweep row file: " + e.getMessage(), e);
        }
    }

    /** A swept value as JSON of its own type: decimals, booleans and text stay what they were. */
    private static JsonNode typed(Object v) {
        if (v instanceof BigDecimal d) {
            return JSON.getNodeFactory().numberNode(d);
        }
        if (v instanceof Boolean b) {
            return JSON.getNodeFactory().booleanNode(b);
        }
        return JSON.getNodeFactory().textNode(String.valueOf(v));
    }

    private static Object untyped(JsonNode v) {
        return v.isNumber() ? v.decimalValue() : v.isBoolean() ? (Object) v.booleanValue() : v.asText();
    }

    /** A result holding what a sweep table needs; no fills, no series, no data audit of its own. */
    private static BacktestResult metricsOnly(String strategy, String fillModel, BacktestMetrics metrics) {
        return new BacktestResult(null, strategy, null, fillModel, null, List.of(), Map.of(), null, null, 0, true,
                true, null, metrics, new DataAudit(0, 0, 0, true),
                new PnlReconciliation(BigDecimal.ZERO, BigDecimal.ZERO, null, 0, BigDecimal.ZERO),
                List.of(), new Series(new long[0], new double[0], new double[0], new double[0]));
    }
}
