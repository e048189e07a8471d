package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.storage.InMemoryStore;
import dev.mastra4j.core.tool.Tool;
import dev.mastra4j.storage.pg.PostgresStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Studio's safety in a real browser: HTML, script and {@code javascript:} links from a model's answer, a tool's
 * result, an agent's name and instructions, or the user, all show as text and never run; and failures (storage down,
 * server gone) read as messages in the page, not a blank or frozen page.
 */
@Tag("browser")
class StudioSafetyBrowserTest {

    /** The lookup tool's input: the offline model fills the one string parameter from the user's text. */
    public record Lookup(String query) {}

    /**
     * Markup that would set {@code window.pwned} if any of it ran, in every form a page could fall for, plus bold text
     * and an https link, which the Markdown renderer is meant to render.
     */
    static final String HOSTILE = "<img src=x onerror=\"window.pwned='img'\"> <script>window.pwned='script'</script> "
            + "[click me](javascript:window.pwned='link') <a href=\"javascript:window.pwned='a'\">a</a> "
            + "<iframe srcdoc=\"<script>parent.pwned='iframe'</script>\"></iframe> "
            + "<svg onload=\"window.pwned='svg'\"></svg> **bold** [docs](https://mastra.ai/docs)";

    @Test
    void markupFromTheModelTheToolsAndTheUserIsShownAsTextAndNeverRuns() {
        Tool htmlTool = Tool.builder()
                .id("htmlTool")
                .description("Returns a page fragment <b>as is</b>")
                .inputSchema(Lookup.class)
                .execute((input, context) -> Map.of("html", HOSTILE))
                .build();
        Tool failingTool = Tool.builder()
                .id("failingTool")
                .description("Always fails")
                .inputSchema(Lookup.class)
                .execute((input, context) -> {
                    throw new IllegalStateException("<img src=x onerror=\"window.pwned='error'\"> upstream refused");
                })
                .build();
        Agent echo = Agent.builder()
                .id("echoAgent")
                .name("Echo <b>Agent</b>")
                .instructions("Echo the user. <script>window.pwned='instructions'</script>")
                .model("offline/echo")
                .memory(Memory.builder().lastMessages(10).build())
                .build();
        Agent withTool = Agent.builder()
                .id("toolAgent")
                .name("Tool Agent")
                .instructions("Use the tool.")
                .model("offline/tool")
                .tools(htmlTool)
                .build();
        Agent failing = Agent.builder()
                .id("failingAgent")
                .name("Failing Agent")
                .instructions("Try the tool.")
                .model("offline/failing")
                .tools(failingTool)
                .build();
        try (InMemoryStore storage = new InMemoryStore();
                Mastra mastra = StudioBrowserTest.startStudio(Mastra.builder()
                        .storage(storage)
                        .agent(echo)
                        .agent(withTool)
                        .agent(failing));
                Chromium browser = Chromium.start()) {
            browser.driver.get(mastra.url().resolve("/").toString());
            browser.find(By.linkText("Echo <b>Agent</b>"));
            assertThat(browser.find(By.id("chat-title")).getText()).isEqualTo("Chat with Echo <b>Agent</b>");
            long scripts = (Long) browser.js("return document.scripts.length");

            // The model repeats the user's text: both the question and the answer hold the markup, as text.
            WebElement answer = StudioBrowserTest.chat(browser, HOSTILE);
            assertThat(answer.getAttribute("data-state")).isEqualTo("done");
            assertShownAsText(answer);
            assertShownAsText(browser.find(By.cssSelector("li[data-role='user']")));
            assertThat(browser.find(By.cssSelector("#thread-list a[aria-current='page']"))
                            .getText())
                    .startsWith("<img src=x onerror=");
            browser.find(By.cssSelector("#agent-details > summary")).click();
            assertThat(browser.find(By.cssSelector("#agent-details .instructions"))
                            .getText())
                    .contains("Echo the user. <script>window.pwned='instructions'</script>");
            assertNothingRan(browser, scripts);
            browser.screenshot("hostile-markup");

            // The stored thread, drawn again from the server's history after a reload.
            browser.driver.navigate().refresh();
            assertShownAsText(browser.find(By.cssSelector("li[data-role='assistant']")));
            assertShownAsText(browser.find(By.cssSelector("li[data-role='user']")));
            assertNothingRan(browser, scripts);

            // A tool's result: in its card, and repeated by the model in the answer.
            browser.find(By.linkText("Tool Agent")).click();
            browser.find(By.id("chat-title"));
            browser.await(d -> d.findElement(By.id("chat-title")).getText().equals("Chat with Tool Agent"));
            // The agent's details list its tool, with the description as text and the input schema on request.
            browser.find(By.cssSelector("#agent-details > summary")).click();
            WebElement tools = browser.find(By.cssSelector("#agent-details .tool-list"));
            assertThat(tools.getText()).contains("htmlTool").contains("Returns a page fragment <b>as is</b>");
            tools.findElement(By.tagName("summary")).click();
            browser.await(d -> tools.getText().contains("\"query\""));
            WebElement toolAnswer = StudioBrowserTest.chat(browser, "Look up the page");
            WebElement card = toolAnswer.findElement(By.cssSelector("[data-tool='htmlTool']"));
            assertThat(card.getAttribute("data-state")).isEqualTo("done");
            card.findElement(By.tagName("summary")).click();
            assertThat(card.getText()).contains("<img src=x onerror=").contains("<script>");
            assertShownAsText(toolAnswer.findElement(By.cssSelector(".text")));
            assertNothingRan(browser, scripts);

            // A tool that fails: its card is marked as failed and shows the error, as text.
            browser.find(By.linkText("Failing Agent")).click();
            browser.await(d -> d.findElement(By.id("chat-title")).getText().equals("Chat with Failing Agent"));
            WebElement failedAnswer = StudioBrowserTest.chat(browser, "Look up the page");
            WebElement failedCard = failedAnswer.findElement(By.cssSelector("[data-tool='failingTool']"));
            assertThat(failedCard.getAttribute("data-state")).isEqualTo("error");
            assertThat(failedCard.getAttribute("class")).contains("error");
            assertThat(failedCard.findElement(By.cssSelector(".tool-status")).getText())
                    .isEqualTo("failed");
            failedCard.findElement(By.tagName("summary")).click();
            assertThat(failedCard.getText()).contains("Error").contains("upstream refused");
            assertNothingRan(browser, scripts);
            browser.screenshot("failed-tool");

            // The tools page shows a result as JSON text.
            browser.find(By.linkText("Run a tool")).click();
            browser.textbox("query (required)").sendKeys("anything");
            browser.button("Run htmlTool").click();
            WebElement result = browser.find(By.cssSelector("[data-tool-form='htmlTool'] .tool-result"));
            browser.await(d -> result.getText().contains("<img src=x onerror="));
            assertThat(browser.find(By.cssSelector("[data-tool-form='htmlTool']"))
                            .getText())
                    .contains("Returns a page fragment <b>as is</b>");
            assertNothingRan(browser, scripts);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    /** The element shows the markup as characters; only the bold text and the https link became elements. */
    private static void assertShownAsText(WebElement message) {
        assertThat(message.getText())
                .contains("<img src=x onerror=")
                .contains("<script>window.pwned='script'</script>")
                .contains("javascript:window.pwned='link'")
                .contains("<svg onload=");
        assertThat(message.findElements(By.cssSelector("strong")))
                .extracting(WebElement::getText)
                .containsExactly("bold");
        List<WebElement> links = message.findElements(By.cssSelector("a"));
        assertThat(links).hasSize(1);
        assertThat(links.get(0).getAttribute("href")).isEqualTo("https://mastra.ai/docs");
        assertThat(links.get(0).getAttribute("rel")).contains("noopener");
    }

    /**
     * Nothing ran and nothing was injected: no payload set its flag, the page holds no element the markup asked for,
     * no script beyond the page's own, and no link leads anywhere but the page's routes and https.
     */
    private static void assertNothingRan(Chromium browser, long scripts) {
        assertThat(browser.js("return window.pwned === undefined")).isEqualTo(true);
        assertThat(browser.js("return document.querySelectorAll("
                        + "'img, iframe, svg, object, embed, [onerror], [onload], [srcdoc]').length"))
                .isEqualTo(0L);
        assertThat(browser.js("return document.scripts.length")).isEqualTo(scripts);
        assertThat(browser.js("return [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))"
                        + ".filter(href => !href.startsWith('#') && !href.startsWith('https://')).length"))
                .isEqualTo(0L);
    }

    @Test
    void storageThatIsDownReadsAsAMessageAndTheChatSaysWhyItFailed() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Agent agent = Agent.builder()
                .id("notesAgent")
                .name("Notes Agent")
                .instructions("Take notes.")
                .model("offline/notes")
                .memory(Memory.builder().lastMessages(10).build())
                .build();
        try (PostgresStore storage = PostgresStore.builder()
                        .connectionString("postgresql://mastra:secret@127.0.0.1:" + closedPort + "/mastra")
                        .connectionTimeout(Duration.ofMillis(500))
                        .build();
                Mastra mastra = StudioBrowserTest.startStudio(
                        Mastra.builder().storage(storage).agent(agent));
                Chromium browser = Chromium.start()) {
            browser.driver.get(mastra.url().resolve("/").toString());
            browser.find(By.linkText("Notes Agent"));
            WebElement alert = browser.find(By.id("alert"));
            assertThat(alert.getText()).startsWith("The server had a problem (503).");
            assertThat(alert.getAttribute("data-kind")).isEqualTo("503");
            assertThat(alert.getText()).doesNotContain("secret");
            assertThat(browser.find(By.id("thread-list")).getText()).isEqualTo("The threads could not be loaded.");
            assertThat(browser.textbox("Message").isEnabled()).isTrue();

            WebElement answer = StudioBrowserTest.chat(browser, "Remember the milk");
            assertThat(answer.getAttribute("data-state")).isEqualTo("error");
            assertThat(answer.getText()).contains("The server had a problem (503).");
            assertThat(browser.find(By.id("alert")).getText()).startsWith("The server had a problem (503).");
            assertThat(browser.button("Send").isEnabled()).isTrue();
            // The console saw the failed calls too (which shows that the other tests' quiet console is a real check).
            assertThat(browser.consoleErrors()).anyMatch(message -> message.contains("503"));
            browser.screenshot("storage-down");
        }
    }

    @Test
    void aServerThatIsGoneReadsAsCannotBeReached() {
        Agent agent = Agent.builder()
                .id("echoAgent")
                .name("Echo Agent")
                .instructions("Echo the user.")
                .model("offline/echo")
                .build();
        try (Mastra mastra = StudioBrowserTest.startStudio(Mastra.builder().agent(agent));
                Chromium browser = Chromium.start()) {
            browser.driver.get(mastra.url().resolve("/").toString());
            browser.find(By.linkText("Echo Agent"));
            WebElement first = StudioBrowserTest.chat(browser, "Hello");
            assertThat(first.getAttribute("data-state")).isEqualTo("done");
            assertThat(browser.consoleErrors()).isEmpty();

            mastra.close();
            WebElement answer = StudioBrowserTest.chat(browser, "Are you there?");
            assertThat(answer.getAttribute("data-state")).isEqualTo("error");
            assertThat(answer.getText()).contains("The server cannot be reached.");
            WebElement alert = browser.find(By.id("alert"));
            assertThat(alert.getAttribute("data-kind")).isEqualTo("network");
            assertThat(alert.getText())
                    .isEqualTo("The server cannot be reached. Check that it is running and try again.");
            assertThat(browser.button("Send").isEnabled()).isTrue();
            assertThat(browser.find(By.cssSelector("li[data-role='assistant']")).getText())
                    .contains("[offline model]");
        }
    }
}
