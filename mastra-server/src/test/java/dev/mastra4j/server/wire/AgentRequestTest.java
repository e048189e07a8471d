package dev.mastra4j.server.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mastra4j.core.agent.AgentMemoryOption;
import dev.mastra4j.core.agent.AgentOptions;
import dev.mastra4j.core.agent.Message;
import dev.mastra4j.core.agent.ModelSettings;
import dev.mastra4j.core.agent.ToolChoice;
import dev.mastra4j.core.context.RequestContext;
import dev.mastra4j.core.error.InvalidRequestException;
import dev.mastra4j.core.error.Issue;
import dev.mastra4j.core.json.Json;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentRequestTest {

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static AgentRequest read(String body) {
        return AgentRequest.fromJson(json(body));
    }

    private static List<Issue> issues(String body) {
        try {
            AgentRequest.fromJson(json(body));
        } catch (InvalidRequestException e) {
            assertThat(e.getMessage()).isEqualTo("Invalid request body");
            assertThat(e.status()).isEqualTo(400);
            return e.issues();
        }
        throw new AssertionError("expected InvalidRequestException for " + body);
    }

    @Test
    void aStringIsOneUserMessage() {
        AgentRequest request = read("{'messages': 'Weather in London'}");

        assertThat(request.messages()).containsExactly(Message.user("Weather in London"));
        assertThat(request.options()).isEqualTo(AgentOptions.DEFAULTS);
    }

    @Test
    void anArrayOfStringsIsSeveralUserMessages() {
        assertThat(read("{'messages': ['one', 'two']}").messages())
                .containsExactly(Message.user("one"), Message.user("two"));
    }

    @Test
    void anArrayOfRoleContentObjectsIsAConversation() {
        AgentRequest request = read("{'messages': [{'role':'system','content':'Be brief.'},"
                + "{'role':'user','content':'Hi'},{'role':'assistant','content':'Hello!'},"
                + "{'role':'user','content':[{'type':'text','text':'Weather '},{'type':'text','text':'in Oslo?'}]}]}");

        assertThat(request.messages())
                .containsExactly(
                        Message.system("Be brief."),
                        Message.user("Hi"),
                        Message.assistant("Hello!"),
                        Message.user("Weather in Oslo?"));
    }

    @Test
    void everyOptionIsRead() {
        AgentRequest request = read("{'messages':'hi','instructions':'Answer in French.','maxSteps':3,"
                + "'requestContext':{'tenant':'acme','n':2,'flags':{'beta':true}},"
                + "'memory':{'thread':'t-1','resource':'r-1'},"
                + "'modelSettings':{'temperature':0.5,'maxOutputTokens':200,'topP':0.8},"
                + "'toolChoice':{'type':'tool','toolName':'weatherTool'},'activeTools':['weatherTool'],"
                + "'unknownField':{'ignored':true}}");

        AgentOptions options = request.options();
        assertThat(options.instructions()).isEqualTo("Answer in French.");
        assertThat(options.maxSteps()).isEqualTo(3);
        assertThat(options.requestContext().get("tenant")).isEqualTo("acme");
        assertThat(options.requestContext().get("n")).isEqualTo(2);
        assertThat(options.requestContext().asMap()).containsKey("flags");
        assertThat(options.memory()).isEqualTo(new AgentMemoryOption("t-1", "r-1"));
        assertThat(options.modelSettings()).isEqualTo(new ModelSettings(0.5, 200, 0.8));
        assertThat(options.toolChoice()).isEqualTo(ToolChoice.tool("weatherTool"));
        assertThat(options.activeTools()).containsExactly("weatherTool");
    }

    @ParameterizedTest
    @CsvSource({"auto,AUTO", "none,NONE", "required,REQUIRED"})
    void toolChoiceStrings(String value, String expected) {
        ToolChoice choice =
                read("{'messages':'hi','toolChoice':'" + value + "'}").options().toolChoice();
        assertThat(choice)
                .isEqualTo(
                        switch (expected) {
                            case "AUTO" -> ToolChoice.AUTO;
                            case "NONE" -> ToolChoice.NONE;
                            default -> ToolChoice.REQUIRED;
                        });
    }

    @Test
    void memoryThreadMayBeAnObjectWithAnId() {
        assertThat(read("{'messages':'hi','memory':{'thread':{'id':'t-9'}}}")
                        .options()
                        .memory())
                .isEqualTo(new AgentMemoryOption("t-9", null));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'messages':'hi','threadId':'t-1','resourceId':'r-1'}|t-1|r-1",
                "{'messages':'hi','memory':{'threadId':'t-1','resourceId':'r-1'}}|t-1|r-1",
                "{'messages':'hi','memory':{'thread':'t-1'},'threadId':'t-2','resourceId':'r-2'}|t-1|r-2",
                "{'messages':'hi','memory':{'thread':'t-1','resource':'r-1'},'resourceId':'r-2'}|t-1|r-1"
            })
    void threadIdAndResourceIdAreAcceptedAsAliasesWithMemoryThreadFirst(String body, String thread, String resource) {
        assertThat(read(body).options().memory()).isEqualTo(new AgentMemoryOption(thread, resource));
    }

    @Test
    void anEmptyOrNonStringThreadIsA400NamingTheField() {
        for (String body : List.of(
                "{'messages':'hi','memory':{'thread':''}}",
                "{'messages':'hi','memory':{'thread':5}}",
                "{'messages':'hi','threadId':5}")) {
            assertThatThrownBy(() -> read(body))
                    .as(body)
                    .isInstanceOfSatisfying(
                            InvalidRequestException.class,
                            e -> assertThat(e.issues())
                                    .extracting(Issue::field)
                                    .containsAnyOf("memory.thread", "threadId"));
        }
    }

    @Test
    void nullOptionalFieldsCountAsAbsent() {
        AgentRequest request = read("{'messages':'hi','maxSteps':null,'requestContext':null,'memory':null,"
                + "'modelSettings':null,'toolChoice':null,'activeTools':null,'instructions':null}");
        assertThat(request.options()).isEqualTo(AgentOptions.DEFAULTS);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{}                                                   | messages",
                "{'messages':null}                                    | messages",
                "{'messages':''}                                      | messages",
                "{'messages':[]}                                      | messages",
                "{'messages':42}                                      | messages",
                "{'messages':{'role':'user'}}                         | messages",
                "{'messages':['ok', 7]}                               | messages[1]",
                "{'messages':[{'content':'x'}]}                       | messages[0].role",
                "{'messages':['a',{'role':'tool','content':'x'}]}     | messages[1].role",
                "{'messages':[{'role':7,'content':'x'}]}              | messages[0].role",
                "{'messages':[{'role':'user'}]}                       | messages[0].content",
                "{'messages':[{'role':'user','content':5}]}           | messages[0].content",
                "{'messages':[{'role':'user','content':[5]}]}         | messages[0].content[0]",
                "{'messages':[{'role':'user','content':[{'type':'image','image':'x'}]}]} | messages[0].content[0].type",
                "{'messages':[{'role':'user','content':[{'type':'text','text':1}]}]}     | messages[0].content[0].text",
                "{'messages':'hi','maxSteps':'5'}                     | maxSteps",
                "{'messages':'hi','maxSteps':0}                       | maxSteps",
                "{'messages':'hi','maxSteps':101}                     | maxSteps",
                "{'messages':'hi','maxSteps':2.5}                     | maxSteps",
                "{'messages':'hi','maxSteps':1e40}                    | maxSteps",
                "{'messages':'hi','instructions':['x']}               | instructions",
                "{'messages':'hi','requestContext':'user=admin'}      | requestContext",
                "{'messages':'hi','requestContext':[1]}               | requestContext",
                "{'messages':'hi','memory':'t-1'}                     | memory",
                "{'messages':'hi','memory':{'thread':5}}              | memory.thread",
                "{'messages':'hi','memory':{'resource':{}}}           | memory.resource",
                "{'messages':'hi','modelSettings':3}                  | modelSettings",
                "{'messages':'hi','modelSettings':{'temperature':'hot'}} | modelSettings.temperature",
                "{'messages':'hi','modelSettings':{'temperature':9}}  | modelSettings.temperature",
                "{'messages':'hi','modelSettings':{'topP':2}}         | modelSettings.topP",
                "{'messages':'hi','modelSettings':{'maxOutputTokens':0}} | modelSettings.maxOutputTokens",
                "{'messages':'hi','modelSettings':{'maxOutputTokens':1.5}} | modelSettings.maxOutputTokens",
                "{'messages':'hi','toolChoice':'always'}              | toolChoice",
                "{'messages':'hi','toolChoice':3}                     | toolChoice",
                "{'messages':'hi','toolChoice':{'type':'tool'}}       | toolChoice.toolName",
                "{'messages':'hi','activeTools':'weatherTool'}        | activeTools",
                "{'messages':'hi','activeTools':['a',1]}              | activeTools[1]",
            })
    void wrongTypesNameTheField(String body, String field) {
        assertThat(issues(body)).extracting(Issue::field).containsExactly(field);
    }

    @Test
    void allIssuesAreReportedTogether() {
        assertThat(issues("{'messages':[],'maxSteps':-1,'toolChoice':'x'}"))
                .extracting(Issue::field)
                .containsExactly("messages", "maxSteps", "toolChoice");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> AgentRequest.fromJson(json("[1]"))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> AgentRequest.fromJson(null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> AgentRequest.fromJson(json("\"hi\""))).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void serverContextWinsOverClientValues() {
        AgentRequest request = read("{'messages':'hi','requestContext':{'user':'admin','tenant':'acme','role':'x'}}");
        RequestContext server =
                new RequestContext().set(RequestContext.USER_KEY, "user_1").set("role", "member");

        AgentRequest merged = request.withServerContext(server);

        RequestContext context = merged.options().requestContext();
        assertThat(context.get(RequestContext.USER_KEY)).isEqualTo("user_1");
        assertThat(context.get("role")).isEqualTo("member");
        assertThat(context.get("tenant")).isEqualTo("acme");
    }

    @Test
    void aClientCannotSetTheUserEvenWithoutAuth() {
        AgentRequest merged =
                read("{'messages':'hi','requestContext':{'user':'admin'}}").withServerContext(new RequestContext());

        assertThat(merged.options().requestContext().has(RequestContext.USER_KEY))
                .isFalse();
    }

    @Test
    void reservedKeysFromTheBodyAreDroppedWhenReadAndWhenMerged() {
        AgentRequest request = read("{'messages':'hi','requestContext':{'mastra__resourceId':'victim',"
                + "'mastra__userRoles':['admin'],'organizationId':'org_victim','tenant':'acme'}}");

        // Read alone (another adapter may skip the merge), the body's context already lacks them.
        assertThat(request.options().requestContext().asMap()).containsOnlyKeys("tenant");
        RequestContext merged =
                request.withServerContext(new RequestContext()).options().requestContext();
        assertThat(merged.asMap()).containsOnlyKeys("tenant");
    }

    @Test
    void memoryResourceCanBePinned() {
        AgentRequest request = read("{'messages':'hi','memory':{'thread':'t','resource':'someone-else'}}");

        assertThat(request.withMemoryResource("user_1").options().memory())
                .isEqualTo(new AgentMemoryOption("t", "user_1"));
        assertThat(read("{'messages':'hi'}")
                        .withMemoryResource("user_1")
                        .options()
                        .memory())
                .isEqualTo(new AgentMemoryOption(null, "user_1"));
    }
}
