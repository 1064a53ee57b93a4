package io.mmkit.backtest.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.backtest.report.BacktestMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A sweep's machine-readable outputs, {@code sweep.csv} and {@code sweep.json}: one row per combination in
 * combination order with its swept values, status (ok/failed and the error), the ranking metrics, the best
 * run by the chosen metric, and the path of its own report relative to the sweep folder.
 */
public final class SweepFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Metrics in every output, in this order. */
    static final List<SweepMetric> COLUMNS = List.of(SweepMetric.NET_PNL, SweepMetric.RETURN_ON_CAPITAL,
            SweepMetric.FEES, SweepMetric.FILLS, SweepMetric.FILL_RATIO, SweepMetric.MAX_DRAWDOWN,
            SweepMetric.SHARPE, SweepMetric.SORTINO, SweepMetric.RETURN_OVER_DRAWDOWN, SweepMetric.TURNOVER);

    private SweepFiles() {
    }

    /** Index of the best successful row by {@code metric}; empty when no run defines it. Ties: the first. */
    public static OptionalInt best(List<Sweep.Row> rows, SweepMetric metric) {
        int best = -1;
        double bestValue = 0;
        for (int i = 0; i < rows.size(); i++) {
            Sweep.Row r = rows.get(i);
            Double v = r.failed() ? null : metric.of(r.result().metrics());
            if (v != null && !v.isNaN() && (best < 0 || metric.better(v, bestValue))) {
                best = i;
                bestValue = v;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** Where a row's HTML report lives, relative to the sweep folder. */
    public static String reportPath(Sweep.Row row) {
        return "runs/" + row.name() + "/report.html";
    }

    public static String csv(List<Sweep.Row> rows, SweepMetric metric) {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("run"));
        header.addAll(keys(rows));
        header.addAll(List.of("status", "error"));
        COLUMNS.forEach(c -> header.add(c.key()));
        header.addAll(List.of("inventory_max", "best_by_" + metric.key(), "report"));
        sb.append(String.join(",", header)).append('\n');
        int best = best(rows, metric).orElse(-1);
        for (Sweep.Row r : rows) {
            List<String> line = new ArrayList<>();
            line.add(r.name());
            r.values().values().forEach(v -> line.add(csvCell(text(v))));
            line.add(r.failed() ? "failed" : "ok");
            line.add(csvCell(r.failed() ? r.error() : ""));
            for (SweepMetric c : COLUMNS) {
                line.add(r.failed() ? "" : number(c.of(r.result().metrics())));
            }
            line.add(r.failed() ? "" : r.result().metrics().inventoryMax().toPlainString());
            line.add(Boolean.toString(r.index() == best));
            line.add(r.failed() ? "" : reportPath(r));
            sb.append(String.join(",", line)).append('\n');
        }
        return sb.toString();
    }

    public static String json(List<Sweep.Row> rows, SweepMetric metric) {
        ObjectNode root = JSON.createObjectNode();
        root.put("metric", metric.key());
        root.put("higherIsBetter", metric.higherIsBetter());
        int best = best(rows, metric).orElse(-1);
        if (best >= 0) {
            root.put("best", rows.get(best).name());
        } else {
            root.putNull("best");
        }
        root.put("runs", rows.size());
        root.put("failed", rows.stream().filter(Sweep.Row::failed).count());
        ArrayNode list = root.putArray("rows");
        for (Sweep.Row r : rows) {
            ObjectNode o = list.addObject();
            o.put("run", r.name());
            ObjectNode values = o.putObject("values");
            r.values().forEach((k, v) -> {
                if (v instanceof BigDecimal d) {
                    values.put(k, d);
                } else if (v instanceof Boolean b) {
                    values.put(k, b);
                } else {
                    values.put(k, String.valueOf(v));
                }
            });
            o.put("status", r.failed() ? "failed" : "ok");
            if (r.failed()) {
                o.put("error", r.error());
                continue;
            }
            BacktestMetrics m = r.result().metrics();
            ObjectNode metrics = o.putObject("metrics");
            for (SweepMetric c : COLUMNS) {
                Double v = c.of(m);
                if (v == null || v.isNaN()) {
                    metrics.putNull(c.key());
                } else {
                    metrics.put(c.key(), v);
                }
            }
            metrics.put("inventory_max", m.inventoryMax());
            o.put("best", r.index() == best);
            o.put("report", reportPath(r));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> keys(List<Sweep.Row> rows) {
        return rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).values().keySet());
    }

    static String text(Object v) {
        return v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
    }

    static String number(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            return "";
        }
        return new BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
