package dev.mastra4j.examples.weather;

import dev.mastra4j.auth.clerk.ClerkUser;
import dev.mastra4j.core.agent.Agent;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.tool.Description;
import dev.mastra4j.core.tool.Tool;
import java.util.List;
import java.util.Map;

/**
 * A second agent that knows who is asking: its instructions address the signed-in Clerk user, and its
 * {@code alertTool} is there only for users whose organization grants {@value #ALERT_PERMISSION}. Anyone else neither
 * sees the tool ({@code GET /api/agents/teamWeatherAgent}) nor can have the model call it. Since an alert reaches the
 * whole team, {@code alertTool} also waits for a person's approval: the run suspends before it runs, and
 * {@code POST /api/agents/teamWeatherAgent/approve-tool-call} (or {@code decline-tool-call}) resumes it.
 */
public final class TeamWeatherAgent {

    /** The Clerk organization permission that unlocks {@code alertTool}. */
    public static final String ALERT_PERMISSION = "org:weather:alert";

    record Alert(@Description("What the team should know") String message) {}

    private TeamWeatherAgent() {}

    /** True when the request's user is a Clerk user with {@link #ALERT_PERMISSION}. */
    public static boolean canAlert(RequestContext context) {
        return context.get(RequestContext.USER_KEY) instanceof ClerkUser user
                && user.orgPermissions().contains(ALERT_PERMISSION);
    }

    public static Agent create(Map<String, String> env) {
        Tool weatherTool = WeatherTool.create(env);
        Tool alertTool = Tool.builder()
                .id("alertTool")
                .description("Send a weather alert to the whole team")
                .inputSchema(Alert.class)
                .requireApproval(true)
                .execute((input, context) -> Map.of("sent", true, "message", input.message()))
                .build();
        return Agent.builder()
                .id("teamWeatherAgent")
                .name("Team Weather Agent")
                .instructions(context -> WeatherAgent.INSTRUCTIONS + "\nYou are talking to "
                        + (context.get(RequestContext.USER_KEY) instanceof ClerkUser user ? user.userId() : "a guest")
                        + ".")
                .env(env)
                .model(WeatherAgent.modelFor(env))
                .tools(context -> canAlert(context) ? List.of(weatherTool, alertTool) : List.of(weatherTool))
                .build();
    }
}
