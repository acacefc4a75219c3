package io.ghlsync.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import io.ghlsync.deadletter.DeadLetterRows;
import io.ghlsync.ghl.GhlBudget;
import io.ghlsync.support.TestService;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real (headless) Chromium against the real service with authentication on: what a token may see
 * and do follows its scopes (ops:read shows the panels, ops:write adds the replay and discard buttons, which change
 * the database), and the page runs under the service's Content-Security-Policy without a single violation.
 * Opt-in (needs Debian's chromium + chromium-driver): mvn test -Dgroups=browser -DexcludedGroups=
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    /** 48 random characters, new for every run. */
    private static final String SECRET = randomSecret();

    /**
     * Installed with CDP before any script of every page (CSP does not apply to it): records each
     * securitypolicyviolation event, including those of the page's own parsing.
     */
    private static final String CSP_LISTENER = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
                e.effectiveDirective + ' blocked ' + (e.blockedURI || '?') + ' at ' + (e.sourceFile || '?') + ':'
                + e.lineNumber + ' ' + (e.sample || '')), true);
            """;

    private TestService service;
    private ChromeDriver driver;
    private Path profile;

    @BeforeAll
    void start() throws IOException {
        service = TestService.builder()
                .property("auth.jwt-secret", SECRET)
                .property("sync.enabled", "false")
                .property("deadletter.replay.enabled", "false")
                .start();
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,900");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL); // the console, where Chromium reports CSP violations
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")) // never Selenium Manager
                .usingAnyFreePort().build();
        driver = new ChromeDriver(driverService, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_LISTENER));
    }

    @AfterAll
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[36];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); // 36 bytes = 48 characters
    }

    private static String token(String subject, String scope) {
        return JWT.create().withSubject(subject).withClaim("scope", scope)
                .withExpiresAt(Instant.now().plus(Duration.ofMinutes(10)))
                .sign(Algorithm.HMAC256(SECRET));
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** A signed-out page (the token of an earlier test removed), as a first visit sees it: asked for a token. */
    private WebDriverWait openSignedOut() {
        browserLog(); // drop what earlier tests left in the console
        driver.get(service.url("/"));
        driver.executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        WebDriverWait wait = waiting();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        assertThat(driver.findElement(By.id("whoami")).getText()).isEqualTo("not signed in");
        assertThat(driver.findElement(By.id("ops")).isDisplayed()).isFalse();
        return wait;
    }

    /** Types the token into the page's field, as a person does, and waits until the page shows who that is. */
    private WebDriverWait signIn(String subject, String scope) {
        WebDriverWait wait = openSignedOut();
        driver.findElement(By.id("token")).sendKeys(token(subject, scope), Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("whoami"), "signed in as " + subject));
        assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).isFalse();
        return wait;
    }

    /** The page redraws its tables after every action and refresh: find and click again when a row was replaced. */
    private void clickWhenStable(By by) {
        waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private long waitingDeadLetters() {
        return service.jdbc().queryForObject(
                "select count(*) from dead_letter where status in ('OPEN', 'PARKED', 'REPLAYING')", Map.of(),
                Long.class);
    }

    @Test
    void readOnlyTokenSeesThePanelsButNoReplayOrDiscardButtons() throws IOException {
        DeadLetterRows rows = new DeadLetterRows(service.jdbc());
        long open = rows.openDeadLetter(rows.appointment(), "server_error");
        String readToken = token("ops-reader", "ops:read");

        WebDriverWait wait = signIn("ops-reader", "ops:read");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-id='" + open + "']")));
        wait.until(ExpectedConditions.textToBe(By.id("dlq"), Long.toString(waitingDeadLetters())));
        assertThat(driver.findElement(By.id("whoami")).getText()).contains("ops:read").doesNotContain("ops:write");
        assertThat(driver.findElement(By.id("health-status")).getText()).isIn("healthy", "degraded", "unhealthy");
        assertThat(driver.findElement(By.id("no-read")).isDisplayed()).isFalse();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Updated"));

        assertThat(driver.findElements(By.cssSelector("#dead-letters button")))
                .as("replay/discard buttons for a token without ops:write").isEmpty();
        assertThat(driver.findElement(By.id("replay-all")).isDisplayed()).as("replay-all button").isFalse();
        // the buttons are hidden because the service would refuse them too
        HttpResponse<String> refused = service.post("/api/dead-letters/" + open + "/replay", "{}",
                "Authorization", "Bearer " + readToken);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(rows.deadLetterStatus(open)).isEqualTo("OPEN");

        assertNoCspViolations();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "dashboard-read-only.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void tokensThatMayNotReadOperationsSeeWhyInsteadOfFailingPanels() {
        WebDriverWait wait = signIn("booking-client", "bookings:write");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-read")));
        assertThat(driver.findElement(By.id("no-read")).getText()).contains("cannot read operations data", "ops:read");
        assertThat(driver.findElement(By.id("ops")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("message")).getText()).isEmpty();

        // a token the service refuses (signed with another secret): asked for a new one, nothing else shown
        String forged = JWT.create().withSubject("intruder").withClaim("scope", "ops:read ops:write")
                .withExpiresAt(Instant.now().plus(Duration.ofMinutes(10))).sign(Algorithm.HMAC256("x" + SECRET));
        driver.findElement(By.id("token")).clear();
        driver.findElement(By.id("token")).sendKeys(forged, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        assertThat(driver.findElement(By.id("sign-in-reason")).getText()).contains("refused", "new token");
        assertThat(driver.findElement(By.id("whoami")).getText()).isEqualTo("not signed in");
        assertThat(driver.findElement(By.id("no-read")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("ops")).isDisplayed()).isFalse();
        assertNoCspViolations();
    }

    @Test
    void replayAndDiscardButtonsActOnTheDeadLetters() throws IOException {
        DeadLetterRows rows = new DeadLetterRows(service.jdbc());
        long toReplay = rows.openDeadLetter(rows.appointment(), "server_error");
        long toDiscard = rows.openDeadLetter(rows.appointment(), "validation");

        WebDriverWait wait = signIn("ops-admin", "ops:read ops:write");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-id='" + toReplay + "'] button.replay")));
        assertThat(driver.findElement(By.id("whoami")).getText()).contains("ops:read", "ops:write");
        assertThat(driver.findElement(By.id("health-status")).getText()).isIn("healthy", "degraded", "unhealthy");
        wait.until(ExpectedConditions.textToBe(By.id("dlq"), Long.toString(waitingDeadLetters())));
        assertThat(driver.findElement(By.id("replay-all")).isDisplayed()).isTrue();

        clickWhenStable(By.cssSelector("tr[data-id='" + toReplay + "'] button.replay"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "REPLAYED"));
        assertThat(rows.deadLetterStatus(toReplay)).isEqualTo("REPLAYED");

        clickWhenStable(By.cssSelector("tr[data-id='" + toDiscard + "'] button.discard"));
        wait.until(ExpectedConditions.alertIsPresent()).sendKeys("contact removed in GHL");
        driver.switchTo().alert().accept();
        await().atMost(Duration.ofSeconds(10)).until(() -> "DISCARDED".equals(rows.deadLetterStatus(toDiscard)));
        assertThat(rows.deadLetterRow(toDiscard).get("discard_reason")).isEqualTo("contact removed in GHL");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-id='" + toDiscard + "']")));

        // "Replay all failed syncs" is a POST now (POST /api/dead-letters/replay), and replays every waiting entry
        long first = rows.openDeadLetter(rows.appointment(), "server_error");
        long second = rows.openDeadLetter(rows.appointment(), "validation");
        clickWhenStable(By.id("refresh"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-id='" + second + "']")));
        clickWhenStable(By.id("replay-all"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Re-queued"));
        assertThat(rows.deadLetterStatus(first)).isEqualTo("REPLAYED");
        assertThat(rows.deadLetterStatus(second)).isEqualTo("REPLAYED");
        assertThat(waitingDeadLetters()).isZero();
        wait.until(ExpectedConditions.textToBe(By.id("dlq"), "0"));

        assertNoCspViolations();
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

        WebDriverWait wait = signIn("ops-reader", "ops:read");
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

        assertNoCspViolations();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "dashboard-charts.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void thePageRunsUnderTheServicesContentSecurityPolicyWithoutViolations() {
        // without the header there would be nothing to violate, and this test would prove nothing
        for (String path : List.of("/", "/index.html", "/dashboard.js", "/dashboard.css")) {
            HttpResponse<String> r = service.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'"));
        }

        // everything the page can draw: sign-in notice, panels, charts, rows with buttons
        DeadLetterRows rows = new DeadLetterRows(service.jdbc());
        long open = rows.openDeadLetter(rows.appointment(), "server_error");
        WebDriverWait wait = signIn("ops-admin", "ops:read ops:write");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-id='" + open + "'] button")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-latency path.line")));
        clickWhenStable(By.id("refresh"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Updated"));
        assertNoCspViolations();

        // the two detectors work: an inline style attribute (what the page must never use) is reported by both
        driver.executeScript("document.body.insertAdjacentHTML('beforeend', '<p id=\"canary\" style=\"color: red\">x</p>')");
        wait.until(d -> !cspViolations().isEmpty());
        assertThat(cspViolations()).anySatisfy(v -> assertThat(v).startsWith("style-src"));
        List<String> console = new ArrayList<>();
        wait.until(d -> {
            console.addAll(browserLog());
            return console.stream().anyMatch(DashboardBrowserTest::isCspMessage);
        });
    }

    /** Neither the page's securitypolicyviolation events nor Chromium's console report a CSP violation. */
    private void assertNoCspViolations() {
        assertThat(cspViolations()).as("securitypolicyviolation events").isEmpty();
        assertThat(browserLog()).as("browser console").noneMatch(DashboardBrowserTest::isCspMessage);
    }

    @SuppressWarnings("unchecked")
    private List<String> cspViolations() {
        Object v = driver.executeScript("return window.__cspViolations || null");
        assertThat(v).as("CSP listener installed in the page").isNotNull();
        return (List<String>) v;
    }

    /** Console entries since the previous call (Chromium 156 words them "... violates the following Content
     * Security Policy directive ...", older versions "Refused to ..."). */
    private List<String> browserLog() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    private static boolean isCspMessage(String message) {
        return message.contains("Content Security Policy") || message.contains("Refused to");
    }

    private long count(String where) {
        return service.jdbc().queryForObject("select count(*) from sync_outbox where " + where, Map.of(),
                Long.class);
    }
}
