package dev.mastra4j.spring.boot;

import dev.mastra4j.auth.clerk.ClerkUser;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.agent.Memory;
import dev.mastra4j.core.tool.Tool;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application as a user writes one: agent and tool beans, one controller of its own. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@Import(TestApplication.Me.class)
class TestApplication {

    record CityInput(String city) {}

    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    Tool cityTool() {
        return Tool.builder()
                .id("cityTool")
                .description("Says a city's weather")
                .inputSchema(CityInput.class)
                .execute((input, context) -> Map.of("city", input.city(), "temperature", 21))
                .build();
    }

    @Bean
    Agent weatherAgent(Tool cityTool) {
        return Agent.builder()
                .id("weatherAgent")
                .name("Weather Agent")
                .instructions("Weather.")
                .env(Map.of())
                .model("offline/weather")
                .tools(cityTool)
                .build();
    }

    @Bean
    Agent echoAgent() {
        return Agent.builder()
                .id("echo")
                .name("Echo")
                .instructions("Echo.")
                .env(Map.of())
                .model("offline/echo")
                .memory(Memory.builder().lastMessages(10).build())
                .build();
    }

    /** The application's own endpoints. */
    @RestController
    static class Me {
        @GetMapping("/me")
        Map<String, Object> me(@AuthenticationPrincipal ClerkUser user, Authentication authentication) {
            return Map.of(
                    "userId",
                    user.userId(),
                    "authorities",
                    authentication.getAuthorities().stream()
                            .map(Object::toString)
                            .toList());
        }

        @GetMapping("/admin/report")
        @PreAuthorize("hasAuthority('org:admin')")
        Map<String, String> report(@AuthenticationPrincipal ClerkUser user) {
            return Map.of("org", String.valueOf(user.orgId()));
        }
    }
}
