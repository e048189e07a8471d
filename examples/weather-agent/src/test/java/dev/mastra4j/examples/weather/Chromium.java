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
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
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
        // The page's console (messages, uncaught errors, failed loads, CSP violations), read by consoleErrors().
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 860));
        return new Chromium(driver, profile);
    }

    /**
     * Waits (up to 20 s) until {@code condition} gives a non-null, non-false value, and returns it. An element that
     * the page redrew while the condition read it (stale) counts as "not yet", and the condition is tried again.
     */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
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

    /**
     * The console's errors since the last call (uncaught exceptions, console.error, failed loads, Content-Security-Policy
     * violations), as Chromium words them.
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Presses keys as a user does, on whatever element has the focus. */
    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /**
     * Presses Tab (or Shift+Tab when {@code backwards}) until the focused element matches {@code target}, at most 40
     * times, and returns it; fails naming the elements passed when none matched.
     */
    WebElement tabTo(boolean backwards, Predicate<WebElement> target) {
        StringBuilder passed = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            Actions actions = new Actions(driver);
            if (backwards) {
                actions.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT);
            } else {
                actions.sendKeys(Keys.TAB);
            }
            actions.perform();
            WebElement now = focused();
            if (target.test(now)) {
                return now;
            }
            passed.append(" | ").append(now.getTagName()).append(' ').append(now.getAccessibleName());
        }
        return fail("no element matched after 40 presses of " + (backwards ? "Shift+Tab" : "Tab") + ":" + passed);
    }

    /** Whether the focused element shows the focus: it matches :focus-visible and draws an outline. */
    boolean focusIsVisible() {
        return (Boolean) js("const el = document.activeElement; const style = getComputedStyle(el);"
                + " return el.matches(':focus-visible') && style.outlineStyle !== 'none'"
                + " && parseFloat(style.outlineWidth) > 0;");
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
