package io.helpdesk.query.dashboard;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One person's browser: Debian's Chromium, headless, driven through its ChromeDriver (both from the
 * {@code chromium} and {@code chromium-driver} packages; {@code CHROMIUM} and {@code CHROMEDRIVER} name others).
 */
final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");

    final WebDriver driver;
    private final String baseUrl;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                             "--window-size=1400,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    /** A port nothing listens on now, for an app the browser must reach at an address known in advance. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Chromium and its driver are where the README's test command puts them. */
    static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    void open(String hashPath) {
        driver.get(baseUrl + "/#" + hashPath);
    }

    <T> T await(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(25)).until(condition);
        } catch (org.openqa.selenium.TimeoutException timeout) {
            // What the person would have seen: the page's text, alerts included.
            String page;
            try {
                page = driver.findElement(By.tagName("body")).getText();
            } catch (RuntimeException e) {
                page = "(the page could not be read: " + e + ")";
            }
            throw new AssertionError("waited 30 s in vain on " + driver.getCurrentUrl() + "; the page shows:\n"
                                             + page, timeout);
        }
    }

    WebElement visible(By by) {
        return await(d -> {
            List<WebElement> found = d.findElements(by);
            return found.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
        });
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    WebElement button(String text) {
        return visible(By.xpath("//button[normalize-space(.)='" + text + "']"));
    }

    void signIn(String user, List<String> roles, String teams) {
        driver.get(baseUrl + "/");
        WebElement name = visible(By.name("user"));
        name.sendKeys(user);
        for (String role : List.of("AGENT", "MANAGER", "ADMIN", "VIEWER")) {
            WebElement box = driver.findElement(By.name("role-" + role));
            if (box.isSelected() != roles.contains(role)) {
                box.click();
            }
        }
        driver.findElement(By.name("teams")).sendKeys(teams);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        await(d -> d.findElement(By.cssSelector("[data-testid=user]")).getText().equals(user));
    }

    /**
     * axe-core (the npm package the dashboard's build installs) run on the page as it is: the violations of
     * serious or critical impact, each as "rule: where".
     */
    @SuppressWarnings("unchecked")
    List<String> accessibilityProblems() throws IOException {
        Path axe = Path.of("..", "web", "node_modules", "axe-core", "axe.min.js");
        ((JavascriptExecutor) driver).executeScript(Files.readString(axe, StandardCharsets.UTF_8));
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,
                         nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}))))
                   .catch(e => done([{id: 'axe failed', impact: 'critical', nodes: String(e)}]));""");
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> violation : (List<Map<String, Object>>) result) {
            Object impact = violation.get("impact");
            if ("serious".equals(impact) || "critical".equals(impact)) {
                problems.add(violation.get("id") + " (" + impact + "): " + violation.get("nodes"));
            }
        }
        return problems;
    }

    /** The page from its top, as someone who just opened it sees it. */
    void screenshot(Path file) throws IOException {
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0); document.activeElement?.blur();");
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
