package io.mmkit.run.status;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Renders {@link InstanceView}s for a terminal: one table row per instance, or one instance in full. */
public final class StatusTable {
    private static final String ROW = "%-20s %-22s %-9s %12s %12s %12s %12s %6s %6s  %s%n";

    private StatusTable() {
    }

    public static void table(PrintWriter out, List<InstanceView> views) {
        out.printf(ROW, "INSTANCE", "STATE", "UPTIME", "POSITION", "REALIZED", "UNREALIZED", "NET PNL", "FILLS",
                "ORDERS", "LAST EXIT");
        for (InstanceView v : views) {
            out.printf(ROW, v.instance(), clip(v.state(), 22), dash(v.uptime()), num(v.position()), num(v.realizedPnl()),
                    num(v.unrealizedPnl()), num(v.netPnl()), v.fillsToday() == null ? "-" : v.fillsToday().toString(),
                    "none".equals(v.source()) ? "-" : Integer.toString(v.openOrders().size()), lastExit(v));
        }
    }

    public static void detail(PrintWriter out, InstanceView v) {
        out.printf("%s: %s%n", v.instance(), v.state());
        if (v.detail() != null && !v.detail().isEmpty()) {
            out.printf("  %s%n", v.detail());
        }
        line(out, "strategy", v.strategy());
        line(out, "symbol", v.symbol());
        line(out, "uptime", v.uptime());
        line(out, "bot pid", v.botPid() == null ? null : v.botPid().toString());
        line(out, "endpoint", v.endpoint());
        out.printf("  %-14s %s%n", "figures from", switch (v.source()) {
            case "live" -> "the running bot (its /api/status)";
            case "store" -> "the store (what the venue confirmed; the bot is not running)";
            default -> "nowhere: no endpoint answered and no store was found";
        });
        if (v.bid() != null) {
            out.printf("  %-14s bid %s  ask %s%n", "book", v.bid().toPlainString(), v.ask().toPlainString());
        }
        line(out, "position", plain(v.position()));
        if (!v.balances().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (Map<String, Object> row : v.balances()) {
                b.append(b.length() == 0 ? "" : ", ").append(row.get("asset")).append(' ').append(row.get("free"))
                        .append(" free / ").append(row.get("locked")).append(" locked");
            }
            line(out, "balances", b.toString());
        }
        line(out, "realized PnL", plain(v.realizedPnl()));
        line(out, "unrealized PnL", plain(v.unrealizedPnl()));
        line(out, "fees", plain(v.fees()));
        line(out, "net PnL", plain(v.netPnl()));
        line(out, "fills today", v.fillsToday() == null ? null : v.fillsToday().toString());
        if (!"none".equals(v.source())) {
            out.printf("  %-14s %d%s%n", "open orders", v.openOrders().size(),
                    "store".equals(v.source()) && !v.openOrders().isEmpty() ? " (recorded open; not confirmed since)" : "");
            for (InstanceView.Order o : v.openOrders()) {
                out.printf("    %-4s %12s x %-10s %s  %s%n", o.side(), plain(o.price()), plain(o.quantity()),
                        o.distanceToTouch() == null ? "" : "(" + o.distanceToTouch().toPlainString() + " from the touch)",
                        o.clientOrderId());
            }
        }
        line(out, "last error", v.lastError());
        line(out, "last exit", lastExit(v));
        line(out, "last reason", v.lastReason());
        line(out, "log", v.log());
        line(out, "config", v.config());
    }

    private static String lastExit(InstanceView v) {
        if (v.lastExitCode() == null) {
            return "-";
        }
        long code = v.lastExitCode();
        return "exit " + code + (code > 128 ? " (signal " + (code - 128) + ")" : "")
                + (v.lastOutcome() == null ? "" : " " + v.lastOutcome());
    }

    private static void line(PrintWriter out, String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.printf("  %-14s %s%n", label, value);
        }
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    private static String num(BigDecimal d) {
        return d == null ? "-" : d.stripTrailingZeros().toPlainString();
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
