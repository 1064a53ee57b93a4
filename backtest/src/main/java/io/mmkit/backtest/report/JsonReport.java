package io.mmkit.backtest.report;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mmkit.core.model.Fill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine-readable report: run, settings, metrics (decimals as exact JSON numbers), every fill, and the sampled
 * series thinned to at most 2 000 points. Field order is fixed, so equal results give equal bytes.
 */
public final class JsonReport {
    // Plain decimals: a tree normalises 2000 to 2E+3, which is exact but not what a reader expects to see.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private JsonReport() {
    }

    public static String format(BacktestResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("instanceId", r.instanceId());
        root.put("strategy", r.strategy());
        root.put("symbol", r.symbol());
        root.put("fillModel", r.fillModel());
        root.put("venuePath", r.venuePath());
        root.put("start", r.start().toString());
        root.put("end", r.end().toString());
        root.put("events", r.events());
        root.put("dataEnded", r.dataEnded());
        root.put("clean", r.clean());
        root.put("stopReason", r.stopReason());
        ObjectNode settings = root.putObject("settings");
        r.settings().forEach(s -> settings.put(s.name(), s.value()));
        root.set("strategyParams", JSON.valueToTree(r.strategyParams()));
        root.set("data", JSON.valueToTree(r.data()));
        root.set("metrics", JSON.valueToTree(r.metrics()));
        ((ObjectNode) root.get("metrics").get("split")).put("net", r.metrics().split().net());
        if (!r.markets().isEmpty()) {
            ArrayNode markets = root.putArray("markets");
            for (MarketResult m : r.markets()) {
                ObjectNode o = markets.addObject();
                o.put("name", m.name());
                o.put("symbol", m.symbol());
                o.put("position", m.position().toPlainString());
                o.set("metrics", JSON.valueToTree(m.metrics()));
            }
            ObjectNode combined = root.putObject("combined");
            combined.put("netPnl", r.combinedNetPnl());
            combined.put("fees", r.combinedFees());
            combined.put("fills", r.fills().size());
        }
        PnlReconciliation story = r.pnlStory();
        ObjectNode pnl = root.putObject("pnlStory");
        pnl.put("fifoRealized", story.fifoRealized());
        pnl.put("fees", story.fees());
        pnl.put("fifoRealizedAfterFees", story.fifoRealizedAfterFees());
        pnl.put("roundTripProfit", story.roundTripProfit());
        pnl.put("roundTrips", story.roundTrips());
        pnl.put("difference", story.difference());
        pnl.put("storedRealized", story.storedRealized());
        pnl.put("explanation", PnlReconciliation.EXPLANATION);
        ObjectNode definitions = root.putObject("definitions");
        SummaryRows.definitions().forEach(d -> definitions.put(d.label(), d.value()));
        ArrayNode fills = root.putArray("fills");
        for (Fill f : r.fills()) {
            ObjectNode o = fills.addObject();
            o.put("fillId", f.fillId());
            o.put("time", f.time().toString());
            o.put("orderId", f.orderId());
            o.put("clientOrderId", f.clientOrderId());
            o.put("side", f.side().name());
            o.put("price", f.price().toPlainString());
            o.put("quantity", f.quantity().toPlainString());
            o.put("fee", f.fee().toPlainString());
            o.put("feeAsset", f.feeAsset());
            o.put("liquidity", f.liquidity().name());
        }
        Series s = r.series().thinned(2000);
        ObjectNode series = root.putObject("series");
        ArrayNode t = series.putArray("epochMillis");
        ArrayNode mid = series.putArray("mid");
        ArrayNode pos = series.putArray("position");
        ArrayNode eq = series.putArray("equity");
        for (int i = 0; i < s.size(); i++) {
            t.add(s.epochMillis()[i]);
            addNumber(mid, s.mid()[i]);
            addNumber(pos, s.position()[i]);
            addNumber(eq, s.equity()[i]);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the report to {@code file}, replacing it. Blocks on disk I/O. */
    public static void write(BacktestResult r, Path file) {
        try {
            Files.writeString(file, format(r));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void addNumber(ArrayNode array, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            array.addNull();
        } else {
            array.add(v);
        }
    }
}
