package io.mmkit.backtest.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A small time-series chart rendered as inline SVG: axes with labelled ticks, lines, step lines, a filled area
 * and triangle markers. Pure string building, so the same data always gives the same bytes.
 */
final class SvgChart {
    private static final int LEFT = 80;
    private static final int RIGHT = 45;
    private static final int TOP = 30;
    private static final int BOTTOM = 36;
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String title;
    private final int width;
    private final int height;
    private final long tMin;
    private final long tMax;
    private final double yMin;
    private final double yMax;
    private final StringBuilder body = new StringBuilder();

    SvgChart(String title, int width, int height, long tMin, long tMax, double yMin, double yMax) {
        this.title = title;
        this.width = width;
        this.height = height;
        this.tMin = tMin;
        this.tMax = Math.max(tMax, tMin + 1);
        double pad = (yMax - yMin) * 0.05;
        if (pad == 0 || Double.isNaN(pad)) {
            pad = Math.max(1e-9, Math.abs(yMax) * 0.05 + 1e-9);
        }
        this.yMin = yMin - pad;
        this.yMax = yMax + pad;
    }

    SvgChart line(long[] t, double[] y, String color, double strokeWidth) {
        body.append(path(t, y, false, color, strokeWidth, "none"));
        return this;
    }

    SvgChart steps(long[] t, double[] y, String color) {
        body.append(path(t, y, true, color, 1.5, "none"));
        return this;
    }

    /** The area between {@code y} and zero. */
    SvgChart area(long[] t, double[] y, String color) {
        StringBuilder d = new StringBuilder();
        d.append("M").append(fmt(x(t[0]))).append(' ').append(fmt(yPos(0)));
        for (int i = 0; i < t.length; i++) {
            d.append(" L").append(fmt(x(t[i]))).append(' ').append(fmt(yPos(y[i])));
        }
        d.append(" L").append(fmt(x(t[t.length - 1]))).append(' ').append(fmt(yPos(0))).append(" Z");
        body.append("<path d=\"").append(d).append("\" fill=\"").append(color)
                .append("\" fill-opacity=\"0.35\" stroke=\"").append(color).append("\" stroke-width=\"1\"/>\n");
        return this;
    }

    /** Triangles pointing up (buys) or down (sells). */
    SvgChart markers(long[] t, double[] y, String color, boolean up, String label) {
        for (int i = 0; i < t.length; i++) {
            double cx = x(t[i]);
            double cy = yPos(y[i]);
            String pts = up
                    ? fmt(cx) + "," + fmt(cy - 5) + " " + fmt(cx - 4.5) + "," + fmt(cy + 4) + " " + fmt(cx + 4.5) + ","
                    + fmt(cy + 4)
                    : fmt(cx) + "," + fmt(cy + 5) + " " + fmt(cx - 4.5) + "," + fmt(cy - 4) + " " + fmt(cx + 4.5) + ","
                    + fmt(cy - 4);
            body.append("<polygon points=\"").append(pts).append("\" fill=\"").append(color)
                    .append("\" fill-opacity=\"0.85\"><title>").append(label).append(' ')
                    .append(fmtValue(y[i])).append("</title></polygon>\n");
        }
        return this;
    }

    SvgChart legend(String... colorThenLabel) {
        double lx = LEFT + 10;
        for (int i = 0; i + 1 < colorThenLabel.length; i += 2) {
            body.append("<rect x=\"").append(fmt(lx)).append("\" y=\"").append(TOP + 6)
                    .append("\" width=\"12\" height=\"4\" fill=\"").append(colorThenLabel[i]).append("\"/>")
                    .append("<text x=\"").append(fmt(lx + 16)).append("\" y=\"").append(TOP + 12)
                    .append("\" font-size=\"11\" fill=\"#333\">").append(colorThenLabel[i + 1]).append("</text>\n");
            lx += 30 + colorThenLabel[i + 1].length() * 6.5;
        }
        return this;
    }

    String render() {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"sans-serif\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        s.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\">")
                .append(title).append("</text>\n");
        axes(s);
        s.append("<g clip-path=\"none\">\n").append(body).append("</g>\n</svg>\n");
        return s.toString();
    }

    private void axes(StringBuilder s) {
        int bottom = height - BOTTOM;
        s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
                .append(width - LEFT - RIGHT).append("\" height=\"").append(bottom - TOP)
                .append("\" fill=\"none\" stroke=\"#999\"/>\n");
        for (int i = 0; i <= 4; i++) {
            double v = yMin + (yMax - yMin) * i / 4;
            double y = yPos(v);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"")
                    .append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#eee\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">").append(fmtValue(v))
                    .append("</text>\n");
        }
        boolean long_ = tMax - tMin > 6 * 3_600_000L;
        for (int i = 0; i <= 5; i++) {
            long t = tMin + (tMax - tMin) * i / 5;
            double x = x(t);
            s.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"").append(TOP)
                    .append("\" y2=\"").append(bottom).append("\" stroke=\"#f2f2f2\"/>")
                    .append("<text x=\"").append(fmt(x)).append("\" y=\"").append(bottom + 16)
                    .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">")
                    .append((long_ ? HOURS : SECONDS).format(Instant.ofEpochMilli(t))).append("</text>\n");
        }
        if (yMin < 0 && yMax > 0) {
            double y0 = yPos(0);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"")
                    .append(fmt(y0)).append("\" y2=\"").append(fmt(y0)).append("\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>\n");
        }
    }

    private String path(long[] t, double[] y, boolean steps, String color, double strokeWidth, String fill) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        double lastY = 0;
        for (int i = 0; i < t.length; i++) {
            if (Double.isNaN(y[i])) {
                pen = false;
                continue;
            }
            double px = x(t[i]);
            double py = yPos(y[i]);
            if (!pen) {
                d.append(d.length() == 0 ? "M" : " M").append(fmt(px)).append(' ').append(fmt(py));
                pen = true;
            } else {
                if (steps) {
                    d.append(" L").append(fmt(px)).append(' ').append(fmt(lastY));
                }
                d.append(" L").append(fmt(px)).append(' ').append(fmt(py));
            }
            lastY = py;
        }
        return "<path d=\"" + d + "\" fill=\"" + fill + "\" stroke=\"" + color + "\" stroke-width=\""
                + fmt(strokeWidth) + "\"/>\n";
    }

    private double x(long t) {
        return LEFT + (double) (t - tMin) / (tMax - tMin) * (width - LEFT - RIGHT);
    }

    private double yPos(double v) {
        return height - BOTTOM - (v - yMin) / (yMax - yMin) * (height - BOTTOM - TOP);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String fmtValue(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
