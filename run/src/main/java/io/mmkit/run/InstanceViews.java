package io.mmkit.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.core.model.Fill;
import io.mmkit.core.store.DailyStats;
import io.mmkit.core.store.RecordedOrder;
import io.mmkit.core.store.SqliteTradeStore;
import io.mmkit.exchange.config.ConfigFile;
import io.mmkit.run.ops.EndpointFile;
import io.mmkit.run.status.InstanceView;
import io.mmkit.run.status.LiveEndpoint;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link InstanceView} of each daemon instance: the supervisor's state file and whether its processes
 * live, then the bot's live endpoint ({@code endpoint.properties} in the instance's directory) if it answers,
 * else the instance's store, read-only in effect (only queries), found through the config the supervisor ran.
 */
final class InstanceViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveEndpoint endpoint;
    private final Map<String, String> env;

    InstanceViews(LiveEndpoint endpoint, Map<String, String> env) {
        this.endpoint = endpoint;
        this.env = env;
    }

    /** Every instance with a state file under {@code home}, sorted by id. */
    List<InstanceView> all(Path home) throws IOException {
        List<InstanceView> views = new ArrayList<>();
        for (String id : InstanceFiles.knownInstances(home)) {
            views.add(of(InstanceFiles.in(home, id)));
        }
        return views;
    }

    InstanceView of(InstanceFiles files) throws IOException {
        Optional<DaemonState> read = DaemonState.read(files.stateFile());
        if (read.isEmpty()) {
            InstanceReport r = InstanceReport.unknown(files);
            return new InstanceView(files.instanceId(), r.word(), r.detail(), r.exitCode(), null, null, null, null,
                    null, null, "none", null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null);
        }
        DaemonState s = read.get();
        boolean botAlive = DaemonCommand.bot(s).isPresent();
        InstanceReport report = InstanceReport.of(s, DaemonCommand.supervisor(s).isPresent(), botAlive, Instant.now());
        String uptime = botAlive ? s.instant(DaemonState.RUN_STARTED)
                .map(t -> InstanceReport.human(Duration.between(t, Instant.now()))).orElse(null) : null;
        Long pid = botAlive ? s.number(DaemonState.BOT_PID) : null;
        Long exit = s.get(DaemonState.LAST_EXIT_CODE).map(Long::parseLong).orElse(null);
        String outcome = s.lastOutcome().map(o -> o.name().toLowerCase().replace('_', ' ')).orElse(null);
        String reason = s.get(DaemonState.LAST_EXIT_LINE).orElse(s.get(DaemonState.NOTE).orElse(null));
        Base base = new Base(files.instanceId(), report, s.text(DaemonState.STRATEGY, null),
                s.text(DaemonState.CONFIG, null), s.text(DaemonState.RUN_LOG, null), uptime, pid, exit, outcome,
                s.text(DaemonState.LAST_EXIT_LINE, null), reason, errorLine(s.text(DaemonState.LAST_ERROR, null)));
        Optional<EndpointFile> ep = botAlive ? EndpointFile.read(files.dir()).filter(EndpointFile::alive) : Optional.empty();
        if (ep.isPresent()) {
            Optional<JsonNode> live = endpoint.status(ep.get().url());
            if (live.isPresent()) {
                return fromLive(base, ep.get().url(), live.get());
            }
        }
        return fromStore(base, ep.map(EndpointFile::url).orElse(null));
    }

    /** What the supervisor knows. */
    private record Base(String id, InstanceReport report, String strategy, String config, String log, String uptime,
                        Long pid, Long exit, String outcome, String exitLine, String reason, String lastError) {
    }

    private static InstanceView fromLive(Base b, String url, JsonNode body) {
        JsonNode st = body.path("status");
        List<InstanceView.Order> orders = new ArrayList<>();
        for (JsonNode o : st.path("openOrders")) {
            orders.add(new InstanceView.Order(o.path("clientOrderId").asText(), o.path("side").asText(),
                    decimal(o.get("price")), decimal(o.get("quantity")), decimal(o.get("distanceToTouch"))));
        }
        String error = st.hasNonNull("lastError") ? st.get("lastError").asText() : b.lastError();
        return new InstanceView(b.id(), b.report().word(), b.report().detail(), b.report().exitCode(),
                textOr(st, "strategy", b.strategy()), b.config(), b.log(), b.uptime(), b.pid(), url, "live",
                st.path("symbol").asText(null), decimal(st.get("bid")), decimal(st.get("ask")),
                decimal(st.get("position")), list(body.path("balances").path("assets")), orders,
                decimal(st.get("realizedPnl")), decimal(st.get("unrealizedPnl")), decimal(st.get("netPnl")),
                decimal(st.get("fees")), st.path("fillsToday").asLong(), list(st.path("recentFills")), error, b.exit(),
                b.outcome(), b.exitLine(), b.reason(), list(st.path("history")));
    }

    /** A stopped (or not answering) bot: the figures its store holds, which the venue confirmed. */
    private InstanceView fromStore(Base b, String url) {
        String symbol = null;
        List<InstanceView.Order> orders = new ArrayList<>();
        BigDecimal realized = null;
        BigDecimal fees = null;
        Long fillsToday = null;
        List<Map<String, Object>> recent = new ArrayList<>();
        String source = "none";
        Optional<Path> db = Optional.empty();
        try {
            if (b.config() != null) {
                Map<String, Object> root = ConfigFile.toPlainMap(ConfigFile.load(Path.of(b.config()), env));
                symbol = root.get("symbol") instanceof String sym ? sym : null;
                db = storeFile(Path.of(b.config()), root, b.id());
            }
        } catch (RuntimeException e) {
            db = Optional.empty(); // an unreadable config: show what the supervisor knows
        }
        if (db.isPresent() && symbol != null) {
            try (SqliteTradeStore store = SqliteTradeStore.openFile(db.get())) {
                for (RecordedOrder o : store.openOrders(symbol)) {
                    orders.add(new InstanceView.Order(o.clientOrderId(), o.side().name(), o.price(), o.quantity(), null));
                }
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                List<Fill> fills = store.fills(symbol, today.atStartOfDay(ZoneOffset.UTC).toInstant());
                fillsToday = (long) fills.size();
                fills.stream().skip(Math.max(0, fills.size() - 20)).forEach(f -> recent.add(fill(f)));
                Optional<DailyStats> stats = store.dailyStats(today, symbol);
                realized = stats.map(DailyStats::realizedPnl).orElse(BigDecimal.ZERO);
                fees = stats.map(DailyStats::fees).orElse(BigDecimal.ZERO);
                source = "store";
            } catch (RuntimeException e) {
                source = "none";
            }
        }
        BigDecimal net = realized == null ? null : realized.subtract(fees);
        return new InstanceView(b.id(), b.report().word(), b.report().detail(), b.report().exitCode(), b.strategy(),
                b.config(), b.log(), b.uptime(), b.pid(), url, source, symbol, null, null, null, List.of(), orders,
                realized, null, net, fees, fillsToday, recent, b.lastError(), b.exit(), b.outcome(), b.exitLine(),
                b.reason(), List.of());
    }

    /** {@code <store.directory>/<instance_id>.db}, the directory counting from the config's, if the file exists. */
    private static Optional<Path> storeFile(Path config, Map<String, Object> root, String id) {
        String dir = "data";
        if (root.get("store") instanceof Map<?, ?> store && store.get("directory") instanceof String d) {
            dir = d;
        }
        Path file = InstanceFiles.botWorkingDirectory(config).resolve(dir).resolve(id + ".db").normalize();
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    private static Map<String, Object> fill(Fill f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", f.time().toString());
        m.put("side", f.side().name());
        m.put("price", f.price());
        m.put("quantity", f.quantity());
        m.put("fee", f.fee());
        m.put("feeAsset", f.feeAsset());
        return m;
    }

    /** The supervisor records a run's last ERROR line, else its last line: only the former is an error. */
    private static String errorLine(String line) {
        return line != null && (line.contains(" ERROR ") || line.startsWith("mmkit: ")) ? line : null;
    }

    private static String textOr(JsonNode n, String key, String fallback) {
        return n.hasNonNull(key) ? n.get(key).asText() : fallback;
    }

    private static BigDecimal decimal(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : new BigDecimal(n.asText());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(JsonNode array) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(JSON.convertValue(n, Map.class));
        }
        return out;
    }
}
