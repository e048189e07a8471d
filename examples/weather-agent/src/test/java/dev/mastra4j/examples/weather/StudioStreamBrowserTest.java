package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.tool.Tool;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Studio's stop button, its tools page, and the page behind a reverse proxy's path prefix, in a real browser. */
@Tag("browser")
class StudioStreamBrowserTest {

    /** The slow tool's input. */
    public record Lookup(String query) {}

    @Test
    void stopEndsAStreamAndTheServerCancelsTheRun() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Tool slow = Tool.builder()
                .id("slowTool")
                .description("Looks something up, slowly")
                .inputSchema(Lookup.class)
                .timeout(Duration.ofMinutes(2))
                .execute((input, context) -> {
                    started.countDown();
                    try {
                        Thread.sleep(Duration.ofSeconds(90));
                        return Map.of("found", input.query());
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                })
                .build();
        Agent agent = Agent.builder()
                .id("slowAgent")
                .name("Slow Agent")
                .instructions("Look things up.")
                .model("offline/slow")
                .tools(slow)
                .build();
        try (Mastra mastra = StudioBrowserTest.startStudio(Mastra.builder().agent(agent));
                Chromium browser = Chromium.start()) {
            browser.driver.get(mastra.url().resolve("/").toString());
            browser.find(By.linkText("Slow Agent"));
            assertThat(browser.find(By.id("thread-list")).getText()).isEqualTo("This agent has no memory.");

            browser.textbox("Message").sendKeys("Look up Paris");
            browser.button("Send").click();
            browser.find(By.cssSelector("li[data-role='assistant'] [data-tool='slowTool'][data-state='running']"));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            WebElement stop = browser.button("Stop");
            assertThat(stop.isEnabled()).isTrue();
            stop.click();

            WebElement answer = browser.find(By.cssSelector("li[data-role='assistant'][data-state='stopped']"));
            assertThat(answer.getText()).contains("Stopped.");
            assertThat(browser.button("Send").isEnabled()).isTrue();
            assertThat(browser.button("Stop").isEnabled()).isFalse();
            // The server noticed the client left and cancelled the run, which interrupted the tool.
            assertThat(interrupted.await(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theToolsPageRunsAToolFromAFormMadeFromItsSchema() {
        try (OpenMeteoStub openMeteo = new OpenMeteoStub();
                WeatherApp app = WeatherApp.start(openMeteo.appEnv());
                Chromium browser = Chromium.start()) {
            browser.driver.get(app.studioLink());
            browser.find(By.linkText("Run a tool")).click();
            browser.textbox("location (required)").sendKeys("London");
            browser.button("Run weatherTool").click();
            WebElement result = browser.find(By.cssSelector("[data-tool-form='weatherTool'] .tool-result"));
            browser.await(d -> result.getText().contains("temperature"));
            assertThat(result.getText()).contains("\"conditions\": \"Rain\"");
            browser.screenshot("tools");
        }
    }

    @Test
    void studioWorksBehindAReverseProxyPathPrefix() {
        try (OpenMeteoStub openMeteo = new OpenMeteoStub();
                WeatherApp app = WeatherApp.start(openMeteo.appEnv());
                PrefixProxy proxy = new PrefixProxy("/mastra", app.mastra().url());
                Chromium browser = Chromium.start()) {
            String link = app.studioLink();
            browser.driver.get(proxy.url() + link.substring(link.indexOf('#')));
            browser.find(By.linkText("Weather Agent"));
            WebElement answer = StudioBrowserTest.chat(browser, "Weather in London");
            assertThat(answer.getAttribute("data-state")).isEqualTo("done");
            assertThat(answer.findElement(By.cssSelector("[data-tool='weatherTool']")))
                    .isNotNull();
            assertThat(browser.driver.getCurrentUrl()).startsWith(proxy.url());
            assertThat(proxy.paths).isNotEmpty().allMatch(path -> path.startsWith("/mastra/"));
            assertThat(proxy.paths).anyMatch(path -> path.equals("/mastra/api/agents/weatherAgent/stream"));
        }
    }
}
