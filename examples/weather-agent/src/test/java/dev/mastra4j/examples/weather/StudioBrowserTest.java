package dev.mastra4j.examples.weather;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.core.Mastra;
import dev.mastra4j.testing.BadToken;
import dev.mastra4j.testing.ClerkJsStandIn;
import dev.mastra4j.testing.LocalClerkBackendApi;
import dev.mastra4j.testing.LocalClerkIssuer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Studio in a real browser (headless Debian Chromium), against the weather example as a user starts it: the
 * development-mode link from the startup log, Clerk mode with the ClerkJS stand-in, threads, isolation and errors.
 */
@Tag("browser")
class StudioBrowserTest {

    @AutoClose
    private final OpenMeteoStub openMeteo = new OpenMeteoStub();

    /** Builds and starts {@code mastra} with Studio on, on loopback and any free port. */
    static Mastra startStudio(Mastra.Builder mastra) {
        return mastra.server(s -> s.host("127.0.0.1").port(0).studio(true))
                .build()
                .start();
    }

    /** Sends {@code text} through the labelled message box and waits until the answer has finished. */
    static WebElement chat(Chromium browser, String text) {
        int before = browser.driver
                .findElements(By.cssSelector("li[data-role='assistant']"))
                .size();
        browser.textbox("Message").sendKeys(text);
        browser.button("Send").click();
        return browser.await(d -> {
            List<WebElement> answers = d.findElements(By.cssSelector("li[data-role='assistant']"));
            if (answers.size() <= before) {
                return null;
            }
            WebElement last = answers.get(answers.size() - 1);
            return last.getAttribute("data-state") != null ? last : null;
        });
    }

    @Test
    void theStartupLinkSignsInAndTheWeatherAgentAnswersAfterItsToolCard() {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv());
                Chromium browser = Chromium.start()) {
            browser.driver.get(app.studioLink());
            browser.find(By.linkText("Weather Agent"));

            // The token left the address bar for sessionStorage; nothing went to localStorage.
            assertThat(browser.driver.getCurrentUrl()).doesNotContain("dev-token");
            assertThat(browser.js("return sessionStorage.getItem('mastra4j.studio.token')"))
                    .isEqualTo(app.studioLink().substring(app.studioLink().indexOf('=') + 1));
            assertThat(browser.js("return localStorage.length")).isEqualTo(0L);
            assertThat(browser.textbox("Message").getAccessibleName()).isEqualTo("Message");
            assertThat(browser.find(By.id("signed-in-as")).getText()).isEqualTo("Signed in as dev@example.com");

            // Count the updates of the answer's text as they arrive: a streamed answer grows in several steps.
            browser.js("window.__textUpdates = 0; new MutationObserver(ms => { for (const m of ms) {"
                    + " if (m.target.closest && m.target.closest('li[data-role=assistant] .text')) window.__textUpdates++; } })"
                    + ".observe(document.getElementById('messages'), {subtree: true, childList: true});");
            WebElement answer = chat(browser, "Weather in London");

            assertThat(answer.getAttribute("data-state")).isEqualTo("done");
            List<WebElement> parts = answer.findElements(By.cssSelector(".body > *"));
            assertThat(parts.get(0).getAttribute("data-tool")).isEqualTo("weatherTool");
            assertThat(parts.get(0).getAttribute("data-state")).isEqualTo("done");
            assertThat(parts.get(parts.size() - 1).getAttribute("class")).isEqualTo("text");
            assertThat(parts.get(parts.size() - 1).getText()).contains("[offline model]");
            assertThat((Long) browser.js("return window.__textUpdates")).isGreaterThan(1L);
            assertThat(browser.driver
                            .findElement(By.cssSelector("li[data-role='user']"))
                            .getText())
                    .contains("Weather in London");

            browser.screenshot("chat");

            parts.get(0).findElement(By.tagName("summary")).click(); // the card opens to show input and result
            assertThat(parts.get(0).getText())
                    .contains("Input")
                    .contains("Result")
                    .contains("London");
            browser.button("Copy as curl").click();
            String curl = browser.find(By.id("curl-output")).getText();
            assertThat(curl)
                    .contains("/api/agents/weatherAgent/stream")
                    .contains("Bearer $MASTRA_TOKEN")
                    .doesNotContain(app.devIssuer().issuer());
            assertThat(curl)
                    .doesNotContain((String) browser.js("return sessionStorage.getItem('mastra4j.studio.token')"));
        }
    }

    @Test
    void aReloadKeepsTheThreadAndANewThreadStartsEmpty() {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv());
                Chromium browser = Chromium.start()) {
            browser.driver.get(app.studioLink());
            browser.find(By.linkText("Weather Agent"));
            chat(browser, "Weather in London");
            assertThat(browser.driver.getCurrentUrl()).contains("/threads/");

            browser.driver.navigate().refresh();
            WebElement user = browser.find(By.cssSelector("li[data-role='user']"));
            assertThat(user.getText()).contains("Weather in London");
            assertThat(browser.find(By.cssSelector("li[data-role='assistant'] [data-tool='weatherTool']")))
                    .isNotNull();
            assertThat(browser.find(By.cssSelector("li[data-role='assistant'] .text"))
                            .getText())
                    .contains("[offline model]");
            WebElement thread = browser.find(By.cssSelector("#thread-list a[aria-current='page']"));
            assertThat(thread.getText()).isEqualTo("Weather in London");
            browser.screenshot("threads");

            browser.button("New thread").click();
            browser.await(d ->
                    d.findElements(By.cssSelector("#thread-list li.thread")).size() == 2);
            browser.await(d -> d.findElements(By.cssSelector("[data-empty]")).size() == 1);
            assertThat(browser.driver.findElements(By.cssSelector("li[data-role]")))
                    .isEmpty();
            assertThat(browser.find(By.cssSelector("#thread-list a[aria-current='page']"))
                            .getText())
                    .isEqualTo("New thread");
        }
    }

    @Test
    void aSecondUserDoesNotSeeTheFirstUsersThreads() {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv())) {
            String firstThreadUrl;
            try (Chromium first = Chromium.start()) {
                first.driver.get(app.studioLink());
                first.find(By.linkText("Weather Agent"));
                chat(first, "Weather in London");
                firstThreadUrl = first.driver.getCurrentUrl();
                assertThat(first.driver.findElements(By.cssSelector("#thread-list li.thread")))
                        .hasSize(1);
            }
            String base = app.studioLink().substring(0, app.studioLink().indexOf('#'));
            try (Chromium second = Chromium.start()) {
                second.driver.get(base + "#dev-token=" + app.devIssuer().token("user_second"));
                second.find(By.linkText("Weather Agent"));
                second.await(d -> d.findElement(By.id("thread-list")).getText().contains("No threads yet."));
                assertThat(second.driver.findElements(By.cssSelector("#thread-list li.thread")))
                        .isEmpty();

                // Opening the first user's thread by its address is refused, and said so in the page.
                second.driver.get(firstThreadUrl);
                second.driver.navigate().refresh();
                WebElement alert = second.find(By.id("alert"));
                assertThat(alert.getText()).containsAnyOf("(403 Forbidden)", "(404)");
                assertThat(second.driver.findElements(By.cssSelector("li[data-role]")))
                        .isEmpty();
            }
        }
    }

    @Test
    void anExpiredTokenLeadsToSignInAgain() {
        try (WeatherApp app = WeatherApp.start(openMeteo.appEnv());
                Chromium browser = Chromium.start()) {
            String base = app.studioLink().substring(0, app.studioLink().indexOf('#'));
            browser.driver.get(base + "#dev-token=" + app.devIssuer().badToken(BadToken.EXPIRED));
            WebElement reason = browser.find(By.id("sign-in-reason"));
            assertThat(reason.getText()).contains("Sign in again");
            assertThat(browser.textbox("Token").isDisplayed()).isTrue();
            assertThat(browser.driver.findElement(By.id("who")).getText()).isEmpty();
            assertThat(browser.js("return sessionStorage.getItem('mastra4j.studio.token')"))
                    .isNull();
            assertThat(browser.driver.findElement(By.id("app")).isDisplayed()).isFalse();
            browser.screenshot("sign-in-again");

            // Signing in again with a valid token gets the page back.
            browser.textbox("Token").sendKeys(app.devIssuer().token("user_dev"));
            browser.button("Sign in").click();
            browser.find(By.linkText("Weather Agent"));
        }
    }

    @Test
    void clerkModeShowsTheSignInFirstThenChatsWithAFreshTokenPerCall() {
        try (LocalClerkIssuer issuer = LocalClerkIssuer.start();
                LocalClerkBackendApi backend = LocalClerkBackendApi.forIssuer(issuer);
                ClerkJsStandIn clerkJs = ClerkJsStandIn.start(issuer).addUser("user_alice", "alice@example.com")) {
            backend.addUser("user_alice", "alice@example.com", "Alice", "Example", null, Map.of());
            Map<String, String> env = openMeteo.appEnv();
            env.put("CLERK_PUBLISHABLE_KEY", issuer.publishableKey());
            env.put("CLERK_SECRET_KEY", issuer.secretKey());
            env.put("CLERK_JWKS_URI", issuer.jwksUri().toString());
            env.put("CLERK_API_URL", backend.apiUrl().toString());
            env.put("CLERK_JS_URL", clerkJs.scriptUrl().toString());
            try (WeatherApp app = WeatherApp.start(env);
                    Chromium browser = Chromium.start()) {
                assertThat(app.devIssuer()).isNull();
                browser.driver.get(app.studioLink());

                WebElement email = browser.textbox("Email address");
                assertThat(browser.driver.findElement(By.id("app")).isDisplayed())
                        .isFalse();
                assertThat(clerkJs.mintedTokens()).isEmpty();
                browser.screenshot("clerk-sign-in");
                email.sendKeys("alice@example.com");
                browser.button("Continue").click();

                browser.find(By.linkText("Weather Agent"));
                assertThat(browser.find(By.id("signed-in-as")).getText()).isEqualTo("Signed in as alice@example.com");
                WebElement answer = chat(browser, "Weather in London");
                assertThat(answer.getAttribute("data-state")).isEqualTo("done");
                assertThat(answer.findElement(By.cssSelector("[data-tool='weatherTool']")))
                        .isNotNull();

                // Every API call the page made asked ClerkJS for a token first, and each token was new.
                long apiCalls = (Long) browser.js("return performance.getEntriesByType('resource')"
                        + ".filter(e => e.name.startsWith(location.origin + '/api/')).length");
                List<String> tokens = clerkJs.mintedTokens();
                assertThat(apiCalls).isGreaterThanOrEqualTo(4);
                assertThat(tokens).hasSizeGreaterThanOrEqualTo((int) apiCalls);
                assertThat(new HashSet<>(tokens)).hasSameSizeAs(tokens);
                assertThat(browser.js("return localStorage.length")).isEqualTo(0L);

                browser.button("Sign out").click();
                browser.textbox("Email address");
            }
        }
    }
}
