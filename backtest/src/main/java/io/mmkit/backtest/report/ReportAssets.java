package io.mmkit.backtest.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The scripts and styles inlined into every HTML page, read from the classpath: uPlot (and its MIT licence) from
 * its webjar, our own report script and stylesheet from this package's resources. Inlined, never linked, so a
 * report opens offline and can be mailed as one file.
 */
public final class ReportAssets {
    private static final String WEBJAR = "META-INF/resources/webjars/uplot/";

    /** uPlot's version as the webjar declares it, e.g. {@code 1.6.30}. */
    public static final String UPLOT_VERSION = webjarVersion();

    private ReportAssets() {
    }

    public static String uplotScript() {
        return read(WEBJAR + UPLOT_VERSION + "/dist/uPlot.iife.min.js");
    }

    public static String uplotStyle() {
        return read(WEBJAR + UPLOT_VERSION + "/dist/uPlot.min.css");
    }

    public static String uplotLicence() {
        return read(WEBJAR + UPLOT_VERSION + "/LICENSE");
    }

    /** One of this package's resources, e.g. {@code run-report.js}. */
    public static String own(String name) {
        return read("io/mmkit/backtest/report/" + name);
    }

    private static String webjarVersion() {
        Properties p = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read uPlot's webjar version", e);
        }
        return p.getProperty("version");
    }

    private static String read(String resource) {
        try (InputStream in = stream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = ReportAssets.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the classpath (is the uPlot webjar missing?)");
        }
        return in;
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
