package io.mmkit.run.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mmkit.run.testing.CliProcess;
import io.mmkit.run.testing.DaemonCli;
import io.mmkit.run.testing.DaemonCli.Result;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium + chromium-driver): it lists the running demo instance,
 * its net PnL updates on the page and its charts draw, its open orders and log show, and the stop button stops it
 * cleanly — exit status 0 and no order of ours left — and the start button starts it again. With {@code -Dmmkit.screenshots=DIR} it saves
 * {@code dashboard.png} there (how docs/images/dashboard.png was made).
 */
class DashboardBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern URL = Pattern.compile("dashboard on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final String ROW = "#instances tr[data-instance='demo-grid']";

    @TempDir
    Path dir;
    @TempDir
    Path profile;
    private DaemonCli cli;
    private Path config;
    private CliProcess dashboard;
    private ChromeDriver browser;

    @BeforeEach
    void startTheDemoAndTheDashboard() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            fail("headless Chromium is missing: apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        Path home = dir.resolve("home");
        cli = new DaemonCli(Files.createDirectories(dir.resolve("cwd")), Map.of("MMKIT_HOME", home.toString()));
        config = DaemonCli.demoGridConfig(dir.resolve("demo-grid.json"), dir.resolve("data"));
        Result started = cli.daemon("start", "--strategy", "grid", "--config", config.toString(),
                "--sweep-main", "io.mmkit.run.testing.NothingToCancelSweep");
        assertThat(started.status()).as(started.output()).isZero();
        dashboard = CliProcess.start(Map.of("MMKIT_HOME", home.toString()), "dashboard", "--port", "0");

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1300", "--hide-scrollbars");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (dashboard != null) {
            dashboard.close();
        }
        cli.daemon("stop", "--config", config.toString(), "--timeout", "10s");
    }

    @Test
    void shouldListTheRunningDemoUpdateItsPnlStopItCleanlyAndStartItAgain() throws Exception {
        String url = await("the dashboard's log line").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    assertThat(dashboard.isAlive()).as(dashboard.joined()).isTrue();
                    Matcher m = URL.matcher(dashboard.joined());
                    return m.find() ? m.group(1) : null;
                }, u -> u != null);
        browser.get(url);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> !d.findElements(By.cssSelector(ROW)).isEmpty()
                && cell("state").equals("running") && !cell("net-pnl").equals("-"));
        assertThat(cell("strategy")).isEqualTo("grid");

        // Net PnL moves as the simulated market walks and the grid fills; the page follows it.
        String first = cell("net-pnl");
        new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(500))
                .until(d -> !cell("net-pnl").equals(first));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(js(
                "var s = window.mmkitDashboard, c = s.charts['chart-pnl'];"
                        + " return !!c && c.data[0].length >= 3 && !!s.charts['chart-position'];")));
        @SuppressWarnings("unchecked")
        List<Long> inked = (List<Long>) js("return ['chart-pnl', 'chart-position'].map(function (k) {"
                + " var c = mmkitDashboard.charts[k].ctx, d = c.getImageData(0, 0, c.canvas.width, c.canvas.height).data,"
                + " n = 0; for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })");
        assertThat(inked).allSatisfy(n -> assertThat(n).as("pixels drawn").isGreaterThan(500L));
        assertThat(browser.findElements(By.cssSelector("#orders tbody tr"))).isNotEmpty();
        assertThat(browser.findElement(By.id("detail-source")).getText()).startsWith("live from http://127.0.0.1:");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("log")).getText().contains("[demo-grid]"));
        screenshot();

        // The table is redrawn every two seconds: a button found just before a redraw may be gone; find it again.
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.cssSelector(ROW + " button.stop")).click();
                    return true;
                });
        new WebDriverWait(browser, Duration.ofSeconds(150)).pollingEvery(Duration.ofMillis(500))
                .until(d -> cell("state").equals("stopped clean"));
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("message")).getText().contains("exit status 0"));
        assertThat(cell("last-exit")).isEqualTo("exit 0 clean");
        assertThat(js("return document.querySelector(arguments[0]).textContent;", ROW + " button")).isEqualTo("start");

        Result status = cli.daemon("status", "--instance", "demo-grid");
        assertThat(status.output()).contains("stopped clean", "exit status 0").doesNotContain("may remain");
        String log = Files.readString(dir.resolve("home/demo-grid/run-0001.log"));
        assertThat(log).contains("shutdown complete", "no orders remain").contains("exit status 0: stop requested");
        // Start runs `daemon start` again with the strategy and config the supervisor last ran.
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.cssSelector(ROW + " button.start")).click();
                    return true;
                });
        new WebDriverWait(browser, Duration.ofSeconds(150)).pollingEvery(Duration.ofMillis(500))
                .until(d -> cell("state").equals("running"));
        assertThat(browser.findElement(By.id("message")).getText()).contains("started demo-grid: running");
        Result stopped = cli.daemon("stop", "--instance", "demo-grid");
        assertThat(stopped.output()).contains("exit status 0");
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500))
                .until(d -> cell("state").equals("stopped clean"));

        JsonNode after = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "api/instances")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(after.get(0).path("source").asText()).isEqualTo("store");
        assertThat(after.get(0).path("openOrders")).as("orders the store still holds open").isEmpty();
    }

    /** A cell of the demo's row, read in one script: the table is redrawn every two seconds. */
    private String cell(String column) {
        Object text = js("var e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                ROW + " td." + column);
        return text == null ? "" : text.toString();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void screenshot() throws Exception {
        String target = System.getProperty("mmkit.screenshots");
        if (target != null && !target.isBlank()) {
            Files.createDirectories(Path.of(target));
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), Path.of(target, "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
