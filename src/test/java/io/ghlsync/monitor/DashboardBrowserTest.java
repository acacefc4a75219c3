package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ghlsync.deadletter.DeadLetterRows;
import io.ghlsync.ghl.GhlBudget;
import io.ghlsync.support.TestService;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real (headless) Chromium against the real service: replay and discard buttons change the
 * database. Opt-in (needs Debian's chromium + chromium-driver): mvn test -Dgroups=browser -DexcludedGroups=
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private TestService service;
    private ChromeDriver driver;
    private Path profile;

    @BeforeAll
    void start() throws IOException {
        service = TestService.builder()
                .property("sync.enabled", "false")
                .property("deadletter.replay.enabled", "false")
                .start();
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")) // never Selenium Manager
                .usingAnyFreePort().build();
        driver = new ChromeDriver(driverService, options);
    }

    @AfterAll
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        service.close();
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The page redraws its tables after every action and refresh: find and click again when a row was replaced. */
    private void clickWhenStable(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    @Test
    void replayAndDiscardButtonsActOnTheDeadLetters() throws IOException {
        DeadLetterRows rows = new DeadLetterRows(service.jdbc());
        long toReplay = rows.openDeadLetter(rows.appointment(), "server_error");
        long toDiscard = rows.openDeadLetter(rows.appointment(), "validation");

        driver.get(service.url("/"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-id='" + toReplay + "'] button.replay")));
        assertThat(driver.findElement(By.id("health-status")).getText()).isIn("healthy", "degraded", "unhealthy");
        assertThat(driver.findElement(By.id("dlq")).getText()).isEqualTo("2");

        clickWhenStable(By.cssSelector("tr[data-id='" + toReplay + "'] button.replay"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "REPLAYED"));
        assertThat(rows.deadLetterStatus(toReplay)).isEqualTo("REPLAYED");

        clickWhenStable(By.cssSelector("tr[data-id='" + toDiscard + "'] button.discard"));
        wait.until(ExpectedConditions.alertIsPresent()).sendKeys("contact removed in GHL");
        driver.switchTo().alert().accept();
        await().atMost(Duration.ofSeconds(10)).until(() -> "DISCARDED".equals(rows.deadLetterStatus(toDiscard)));
        assertThat(rows.deadLetterRow(toDiscard).get("discard_reason")).isEqualTo("contact removed in GHL");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-id='" + toDiscard + "']")));

        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "dashboard.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void throughputAndGhlBudgetCardsShowTheFiguresOfTheirApis() throws IOException {
        DeadLetterRows rows = new DeadLetterRows(service.jdbc());
        UUID appt = rows.appointment();
        for (int i = 0; i < 3; i++) {
            rows.event(appt, "update", "DONE", Duration.ofMinutes(3 + i));
        }
        rows.event(appt, "update", "PENDING", Duration.ofSeconds(30));
        GhlBudget budget = service.bean("ghlBudget", GhlBudget.class);
        budget.delayBeforeSend("browser-location");
        budget.onResponse("browser-location", Map.of("X-RateLimit-Remaining", "93", "X-RateLimit-Max", "100",
                "X-RateLimit-Daily-Remaining", "199123"));
        budget.onRateLimited("browser-location", "0");
        // other tests of this class may have left events too: the page must show what the database holds
        long done = count("status in ('DONE', 'DUPLICATE') and completed_at > now() - interval '59 minutes'");
        long pending = count("status = 'PENDING'");

        driver.get(service.url("/"));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-location='browser-location']")));
        wait.until(ExpectedConditions.textToBe(By.id("tl-done"), Long.toString(done)));
        assertThat(driver.findElement(By.id("backlog-pending")).getText()).isEqualTo(Long.toString(pending));
        assertThat(driver.findElement(By.id("backlog-processing")).getText()).isEqualTo("0");
        assertThat(driver.findElements(By.cssSelector("#chart-throughput path.line"))).hasSize(2);
        assertThat(driver.findElement(By.cssSelector("#chart-throughput path.s-done")).getAttribute("d"))
                .startsWith("M").contains("L");
        assertThat(driver.findElements(By.cssSelector("#chart-latency path.line"))).hasSize(2);

        String row = "tr[data-location='browser-location'] ";
        assertThat(driver.findElement(By.cssSelector(row + "td.burst")).getText()).isEqualTo("93 of 100");
        assertThat(driver.findElement(By.cssSelector(row + "td.daily")).getText()).isEqualTo("199,123");
        assertThat(driver.findElement(By.cssSelector(row + "td.sent")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.cssSelector(row + "td.limited")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.id("budget-limits")).getText()).contains("per day");

        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "dashboard-charts.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private long count(String where) {
        return service.jdbc().queryForObject("select count(*) from sync_outbox where " + where, Map.of(),
                Long.class);
    }
}
