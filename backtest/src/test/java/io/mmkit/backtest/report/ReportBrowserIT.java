package io.mmkit.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.mmkit.backtest.cli.BacktestCommand;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * Opens a sweep's pages in headless Chromium (Debian's chromium + chromium-driver, no download): the run report's
 * four charts draw, zooming one moves them all, hovering a fill shows its time, side, price, quantity and fee,
 * and the sweep table marks the best run, shows the bad combinations (grid_num=1) as failed, and sorts. With {@code -Dmmkit.screenshots=DIR} it also saves
 * {@code run-report.png} and {@code sweep-page.png} there (how docs/images was made).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path out;

    @TempDir
    static Path profile;

    ChromeDriver browser;

    @BeforeAll
    void sweepAndOpenTheBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            fail("headless Chromium is missing: apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        String config = Path.of(ReportBrowserIT.class.getResource("/grid-nexo.json").toURI()).toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CommandLine(new BacktestCommand(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).execute(
                "--strategy", "grid", "--config", config, "--no-progress", "--threads", "2",
                "--sweep", "order_quantity=20,50", "--sweep", "grid_num=1,8,16", "--out", out.toString());
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1300", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    Path runReport() throws Exception {
        try (var dirs = Files.list(out.resolve("runs"))) {
            // order_quantity=50, grid_num=16: the configured grid, which fills often on this data.
            return dirs.filter(d -> d.getFileName().toString().contains("order_quantity=50_grid_num=16"))
                    .findFirst().orElseThrow().resolve("report.html");
        }
    }

    void open(Path page) {
        browser.get(page.toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "complete".equals(js("return document.readyState")));
    }

    @Test
    void theRunReportDrawsFourLinkedChartsAndShowsAFillOnHover() throws Exception {
        open(runReport());
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> Boolean.TRUE.equals(js("return !!window.mmkitReport && mmkitReport.charts.length === 4")));
        assertThat(browser.findElements(By.cssSelector(".uplot canvas"))).hasSize(4);
        // Each canvas has something drawn on it (lines, bands, markers), not just an empty frame.
        @SuppressWarnings("unchecked")
        List<Long> inked = (List<Long>) js("return mmkitReport.charts.map(function (u) {"
                + " var c = u.ctx, d = c.getImageData(0, 0, c.canvas.width, c.canvas.height).data, n = 0;"
                + " for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })");
        assertThat(inked).hasSize(4).allSatisfy(n -> assertThat(n).isGreaterThan(2000L));

        // Zoom one chart with the wheel: the others follow.
        js("var o = mmkitReport.charts[0].over, r = o.getBoundingClientRect();"
                + "o.dispatchEvent(new WheelEvent('wheel', {deltaY: -100, clientX: r.left + r.width / 2,"
                + " clientY: r.top + 50, bubbles: true, cancelable: true}));");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> scales = (List<Map<String, Object>>) js("return mmkitReport.charts.map("
                + "function (u) { return {min: u.scales.x.min, max: u.scales.x.max}; })");
        double full = ((Number) js("var t = JSON.parse(document.getElementById('run-data').textContent).t;"
                + " return t[t.length - 1] - t[0];")).doubleValue();
        double zoomed = ((Number) scales.get(0).get("max")).doubleValue() - ((Number) scales.get(0).get("min")).doubleValue();
        assertThat(zoomed).isLessThan(full * 0.9);
        assertThat(scales).allSatisfy(s -> assertThat(s).isEqualTo(scales.get(0)));
        js("mmkitReport.charts[0].setScale('x', {min: mmkitReport.charts[0].data[0][0],"
                + " max: mmkitReport.charts[0].data[0][mmkitReport.charts[0].data[0].length - 1]});");

        // Hover the first fill: its details appear.
        @SuppressWarnings("unchecked")
        Map<String, Object> fill = (Map<String, Object>) js("return mmkitReport.fills[0]");
        js("document.getElementById('chart-price').scrollIntoView()");
        @SuppressWarnings("unchecked")
        Map<String, Object> at = (Map<String, Object>) js("return mmkitReport.fillPoint(0)");
        new Actions(browser).moveToLocation((int) Math.round(((Number) at.get("x")).doubleValue()),
                (int) Math.round(((Number) at.get("y")).doubleValue())).perform();
        WebElement tip = browser.findElement(By.id("fill-tip"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> tip.isDisplayed());
        String text = tip.getText();
        assertThat(text).contains(((Boolean) fill.get("buy")) ? "BUY" : "SELL")
                .contains(fill.get("quantity") + " @ " + fill.get("price"))
                .contains("fee " + fill.get("fee") + " " + fill.get("feeAsset"))
                .contains(fill.get("time").toString().substring(0, 10))
                .contains(fill.get("time").toString().substring(11, 19));
        screenshot("run-report.png");
    }

    @Test
    void theSweepPageMarksTheBestRunAndSortsByAColumn() throws Exception {
        open(out.resolve("sweep.html"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#sweep-table tbody tr"));
        assertThat(rows).hasSize(6);
        assertThat(browser.findElements(By.cssSelector("#sweep-table tr.best"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#sweep-table tr.best")).getText()).contains("★ best");
        assertThat(browser.findElements(By.cssSelector("#heat-map td a"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("#sweep-table tr.failed"))).hasSize(2)
                .allSatisfy(r -> assertThat(r.getText()).contains("grid_num: must be at least 2, was 1"));

        WebElement netPnl = browser.findElements(By.cssSelector("#sweep-table th")).stream()
                .filter(th -> th.getText().startsWith("net PnL")).findFirst().orElseThrow();
        int column = browser.findElements(By.cssSelector("#sweep-table th")).indexOf(netPnl);
        netPnl.click();
        List<Double> ascending = values(column);
        assertThat(ascending).isSorted();
        netPnl.click();
        List<Double> descending = values(column);
        List<Double> reversed = new java.util.ArrayList<>(ascending);
        java.util.Collections.reverse(reversed);
        assertThat(descending).containsExactlyElementsOf(reversed);
        screenshot("sweep-page.png");
    }

    private List<Double> values(int column) {
        return browser.findElements(By.cssSelector("#sweep-table tbody tr:not(.failed)")).stream()
                .map(r -> Double.parseDouble(r.findElements(By.tagName("td")).get(column).getAttribute("data-v")))
                .toList();
    }

    private void screenshot(String name) throws Exception {
        String dir = System.getProperty("mmkit.screenshots");
        if (dir != null && !dir.isBlank()) {
            Files.createDirectories(Path.of(dir));
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), Path.of(dir, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
