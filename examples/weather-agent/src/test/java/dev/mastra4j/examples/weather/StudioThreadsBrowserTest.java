package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Studio's thread sidebar in a real browser: renaming and deleting threads (checked over HTTP against the server's
 * memory routes, and after a reload), and the whole chat driven with the keyboard alone, with the focus visible and a
 * quiet console.
 */
@Tag("browser")
class StudioThreadsBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private final OpenMeteoStub openMeteo = new OpenMeteoStub();

    @Test
    void renamingAndDeletingThreadsInThePageChangesThemOnTheServer() throws Exception {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv());
                Chromium browser = Chromium.start()) {
            Api api = new Api(app);
            browser.driver.get(app.studioLink());
            browser.find(By.linkText("Weather Agent"));
            StudioBrowserTest.chat(browser, "Weather in London");
            String london = threadId(browser.driver.getCurrentUrl());
            browser.button("New thread").click();
            browser.await(d ->
                    !d.getCurrentUrl().contains(london) && d.getCurrentUrl().contains("/threads/"));
            String second = threadId(browser.driver.getCurrentUrl());
            StudioBrowserTest.chat(browser, "Weather in Paris");
            assertThat(api.threadTitles()).containsOnlyKeys(london, second);

            // Rename the other thread: its title changes in the list, and the focus lands on its link.
            browser.find(By.cssSelector("button[aria-label='Rename thread Weather in London']"))
                    .click();
            WebElement title = browser.find(By.cssSelector("input[aria-label='New title for Weather in London']"));
            assertThat(browser.focused()).isEqualTo(title);
            title.clear();
            title.sendKeys("Trip to London");
            browser.find(By.cssSelector("button[aria-label='Save the title']")).click();
            WebElement renamed = browser.find(By.linkText("Trip to London"));
            assertThat(browser.focused()).isEqualTo(renamed);
            assertThat(api.threadTitles()).containsEntry(london, "Trip to London");
            assertThat(api.thread(london).get("title").asText()).isEqualTo("Trip to London");

            browser.driver.navigate().refresh();
            browser.find(By.linkText("Trip to London"));
            assertThat(browser.find(By.cssSelector("#thread-list a[aria-current='page']"))
                            .getText())
                    .isEqualTo("New thread");
            assertThat(browser.driver.findElements(By.linkText("Weather in London")))
                    .isEmpty();

            // Delete it: the first press asks for a second one, which deletes; the open chat stays.
            WebElement delete = browser.find(By.cssSelector("button[aria-label='Delete thread Trip to London']"));
            delete.click();
            assertThat(delete.getText()).isEqualTo("Confirm delete");
            assertThat(delete.getAccessibleName()).isEqualTo("Confirm delete thread Trip to London");
            assertThat(api.threadTitles()).containsKey(london);
            delete.click();
            browser.await(d ->
                    d.findElements(By.cssSelector("#thread-list li.thread")).size() == 1);
            assertThat(browser.driver.findElements(By.linkText("Trip to London")))
                    .isEmpty();
            assertThat(browser.focused().getAccessibleName()).isEqualTo("New thread");
            assertThat(browser.driver.getCurrentUrl()).contains(second);
            assertThat(browser.find(By.cssSelector("li[data-role='user']")).getText())
                    .contains("Weather in Paris");
            assertThat(api.threadTitles()).containsOnlyKeys(second);
            assertThat(api.threadStatus(london)).isEqualTo(404);

            browser.driver.navigate().refresh();
            browser.find(By.cssSelector("#thread-list a[aria-current='page']"));
            assertThat(browser.driver.findElements(By.cssSelector("#thread-list li.thread")))
                    .hasSize(1);
            assertThat(browser.driver.findElements(By.linkText("Trip to London")))
                    .isEmpty();

            // Deleting the open thread leaves an empty chat and an empty list, also after a reload.
            WebElement deleteOpen = browser.find(By.cssSelector("button[aria-label='Delete thread New thread']"));
            deleteOpen.click();
            deleteOpen.click();
            browser.await(d -> d.findElement(By.id("thread-list")).getText().equals("No threads yet."));
            browser.await(d -> !d.getCurrentUrl().contains("/threads/"));
            assertThat(browser.driver.findElements(By.cssSelector("li[data-role]")))
                    .isEmpty();
            assertThat(api.threadTitles()).isEmpty();
            assertThat(api.threadStatus(second)).isEqualTo(404);
            browser.driver.navigate().refresh();
            browser.await(d -> d.findElement(By.id("thread-list")).getText().equals("No threads yet."));

            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void theKeyboardAloneSendsSwitchesThreadsStartsNewOnesAndRenames() {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv());
                Chromium browser = Chromium.start()) {
            browser.driver.get(app.studioLink());
            browser.find(By.linkText("Weather Agent"));

            // The page opens with the focus in the message box; Enter sends.
            WebElement box = browser.await(d -> {
                WebElement now = browser.focused();
                return "chat-input".equals(now.getAttribute("id")) ? now : null;
            });
            assertThat(box.getAccessibleName()).isEqualTo("Message");
            assertThat(browser.focusIsVisible()).isTrue();
            browser.press("Weather in London", Keys.ENTER);
            awaitAnswers(browser, 1);
            String london = browser.driver.getCurrentUrl();
            assertThat(london).contains("/threads/");
            awaitFocusInMessageBox(browser);

            // The skip link, first in the page, is shown when focused and leads back to the message box in place.
            WebElement skip = browser.tabTo(true, el -> "Skip to the message box".equals(el.getAccessibleName()));
            assertThat(skip.isDisplayed()).isTrue();
            assertThat((Long) browser.js("return Math.round(arguments[0].getBoundingClientRect().left)", skip))
                    .isGreaterThanOrEqualTo(0L);
            assertThat(browser.focusIsVisible()).isTrue();
            browser.press(Keys.ENTER);
            awaitFocusInMessageBox(browser);
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(london);
            assertThat(browser.find(By.cssSelector("li[data-role='user']")).getText())
                    .contains("Weather in London");

            // New thread, from the sidebar's button.
            browser.tabTo(true, el -> "New thread".equals(el.getAccessibleName()));
            assertThat(browser.focusIsVisible()).isTrue();
            browser.press(Keys.ENTER);
            browser.await(
                    d -> !d.getCurrentUrl().equals(london) && d.getCurrentUrl().contains("/threads/"));
            browser.find(By.cssSelector("[data-empty]"));
            awaitFocusInMessageBox(browser);
            browser.press("Weather in Paris", Keys.ENTER);
            awaitAnswers(browser, 1);
            String paris = browser.driver.getCurrentUrl();
            awaitFocusInMessageBox(browser);

            // Back to the first thread through its link.
            WebElement link = browser.tabTo(true, el -> "Weather in London".equals(el.getAccessibleName()));
            assertThat(link.getAttribute("class")).contains("thread-open");
            assertThat(browser.focusIsVisible()).isTrue();
            browser.press(Keys.ENTER);
            browser.await(d -> d.getCurrentUrl().equals(london));
            browser.await(d -> d.findElements(By.cssSelector("li[data-role='user']")).stream()
                    .anyMatch(el -> el.getText().contains("Weather in London")));
            awaitFocusInMessageBox(browser);

            // Rename it: Enter on Rename opens the title field with the old title selected; Enter saves.
            browser.tabTo(true, el -> "Rename thread Weather in London".equals(el.getAccessibleName()));
            browser.press(Keys.ENTER);
            WebElement title = browser.await(d -> {
                WebElement now = browser.focused();
                return "New title for Weather in London".equals(now.getAccessibleName()) ? now : null;
            });
            assertThat(browser.js("return arguments[0].selectionEnd - arguments[0].selectionStart", title))
                    .isEqualTo((long) "Weather in London".length());
            browser.press("London trip", Keys.ENTER);
            browser.await(d -> "London trip".equals(browser.focused().getAccessibleName()));
            assertThat(browser.focused().getAttribute("aria-current")).isEqualTo("page");
            assertThat(browser.focusIsVisible()).isTrue();

            // Escape leaves a rename unchanged.
            browser.press(Keys.TAB);
            assertThat(browser.focused().getAccessibleName()).isEqualTo("Rename thread London trip");
            browser.press(Keys.ENTER);
            browser.await(
                    d -> "New title for London trip".equals(browser.focused().getAccessibleName()));
            browser.press("Something else", Keys.ESCAPE);
            browser.await(d -> "London trip".equals(browser.focused().getAccessibleName()));

            // Delete it: Tab to Delete, Enter twice; the open thread goes, and the focus returns to the message box.
            browser.press(Keys.TAB, Keys.TAB);
            assertThat(browser.focused().getAccessibleName()).isEqualTo("Delete thread London trip");
            browser.press(Keys.ENTER);
            browser.await(d ->
                    "Confirm delete thread London trip".equals(browser.focused().getAccessibleName()));
            browser.press(Keys.ENTER);
            browser.await(d -> !d.getCurrentUrl().contains("/threads/"));
            browser.await(d ->
                    d.findElements(By.cssSelector("#thread-list li.thread")).size() == 1);
            awaitFocusInMessageBox(browser);
            assertThat(browser.driver.findElements(By.linkText("London trip"))).isEmpty();
            assertThat(paris).isNotEqualTo(london);

            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    /** Waits until the chat shows {@code count} finished answers. */
    private static void awaitAnswers(Chromium browser, int count) {
        browser.await(d -> {
            List<WebElement> done = new ArrayList<>();
            for (WebElement answer : d.findElements(By.cssSelector("li[data-role='assistant']"))) {
                if ("done".equals(answer.getAttribute("data-state"))) {
                    done.add(answer);
                }
            }
            return done.size() == count;
        });
    }

    private static void awaitFocusInMessageBox(Chromium browser) {
        browser.await(d -> "chat-input".equals(browser.focused().getAttribute("id")));
    }

    private static String threadId(String url) {
        return url.substring(url.indexOf("/threads/") + "/threads/".length());
    }

    /** The server's memory routes, called as the page's user (a fresh dev token per call). */
    private record Api(WeatherApp app, HttpClient http) {

        Api(WeatherApp app) {
            this(app, HttpClient.newHttpClient());
        }

        /** The user's threads of the weather agent, id to title. */
        Map<String, String> threadTitles() throws IOException, InterruptedException {
            HttpResponse<String> response = get("api/memory/threads?agentId=weatherAgent&resourceId=user_dev");
            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, String> titles = new HashMap<>();
            for (JsonNode thread : JSON.readTree(response.body()).get("threads")) {
                titles.put(thread.get("id").asText(), thread.get("title").asText());
            }
            return titles;
        }

        JsonNode thread(String id) throws IOException, InterruptedException {
            HttpResponse<String> response = get(threadPath(id));
            assertThat(response.statusCode()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        int threadStatus(String id) throws IOException, InterruptedException {
            return get(threadPath(id)).statusCode();
        }

        private static String threadPath(String id) {
            return "api/memory/threads/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?agentId=weatherAgent";
        }

        private HttpResponse<String> get(String path) throws IOException, InterruptedException {
            URI uri = app.mastra().url().resolve("/" + path);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + app.devIssuer().token("user_dev"))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
