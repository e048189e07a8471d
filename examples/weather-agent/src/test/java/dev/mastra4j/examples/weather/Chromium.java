package dev.mastra4j.examples.weather;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromium-driver (Selenium 4): the browser of Studio's tests.
 * Both paths are set explicitly, so Selenium Manager never runs and nothing is downloaded; each instance gets a fresh
 * profile directory. Without the binaries the test is skipped (a JUnit assumption naming what is missing), unless
 * {@code MASTRA4J_REQUIRE_ALL_CHECKS=1}, which turns the skip into a failure.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of(System.getProperty("mastra4j.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("mastra4j.chromedriver", "/usr/bin/chromedriver"));
    /**
     * Where the tests write their screenshots: {@code target/studio-screenshots}, so a test run leaves the tree
     * unchanged; {@code -Dmastra4j.screenshots=../../docs/studio} refreshes the chat picture the README shows.
     */
    static final Path SCREENSHOTS = Path.of(System.getProperty("mastra4j.screenshots", "target/studio-screenshots"));

    private static final Duration WAIT = Duration.ofSeconds(20);

    final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser, or skips (or fails, when every check is required) the test when Chromium is missing. */
    static Chromium start() {
        String missing = !Files.isExecutable(BROWSER)
                ? BROWSER + " (apt-get install chromium)"
                : !Files.isExecutable(DRIVER) ? DRIVER + " (apt-get install chromium-driver)" : null;
        if (missing != null) {
            String reason = "browser tests need Debian's Chromium: " + missing + " is missing";
            if ("1".equals(System.getenv("MASTRA4J_REQUIRE_ALL_CHECKS"))) {
                fail(reason + ", and MASTRA4J_REQUIRE_ALL_CHECKS=1 requires them");
            }
            assumeTrue(false, reason);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("mastra4j-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,860",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 860));
        return new Chromium(driver, profile);
    }

    /** Waits (up to 20 s) until {@code condition} gives a non-null, non-false value, and returns it. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    WebElement find(By by) {
        return await(d -> d.findElements(by).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The textbox whose label reads {@code label}, found through the label as a screen reader would. */
    WebElement textbox(String label) {
        WebElement labelEl = find(By.xpath("//label[normalize-space()='" + label + "']"));
        return driver.findElement(By.id(labelEl.getAttribute("for")));
    }

    WebElement button(String name) {
        return find(By.xpath("//button[normalize-space()='" + name + "']"));
    }

    /** Writes a screenshot of the page to {@code <SCREENSHOTS>/<name>.png}. */
    void screenshot(String name) {
        // No focus, so no blinking caret: the same page gives the same picture.
        js("if (document.activeElement) document.activeElement.blur();");
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
