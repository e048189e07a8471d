package dev.mastra4j.server.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastra4j.testing.ChildJvm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("process")
class CarrierThreadsTest {

    @Test
    void asksForTwoCarriersOnlyOnOneCpuAndOnlyWhenNobodyChose() {
        assertThat(CarrierThreads.carriers(1, null)).isEqualTo("2");
        assertThat(CarrierThreads.carriers(1, "1")).isNull();
        assertThat(CarrierThreads.carriers(2, null)).isNull();
        assertThat(CarrierThreads.carriers(8, null)).isNull();
    }

    /** In a fresh JVM limited to one CPU, an application that opts in runs virtual threads on two carriers. */
    @Test
    void aOneCpuServerThatOptsInGetsTwoCarriersAndQuietHelidonLogs() throws Exception {
        assertThat(probe(List.of(), "opt-in"))
                .contains("cpus=1")
                .contains("concurrentCarriers=true")
                .contains("parallelism=2")
                .contains("helidonLevel=WARNING");
    }

    /** Starting a server is no licence to change the JVM: without the opt-in, no property and no logging level. */
    @Test
    void startingAServerLeavesJvmWideSettingsAlone() throws Exception {
        assertThat(probe(List.of()))
                .contains("cpus=1")
                .contains("concurrentCarriers=false")
                .contains("parallelism=null")
                .contains("helidonLevel=null");
    }

    @Test
    void anExplicitChoiceIsKept() throws Exception {
        assertThat(probe(List.of("-D" + CarrierThreads.PARALLELISM + "=1"), "opt-in"))
                .contains("cpus=1")
                .contains("concurrentCarriers=false")
                .contains("parallelism=1");
    }

    private static String probe(List<String> jvmOptions, String... args) throws Exception {
        List<String> options = new ArrayList<>(List.of("-XX:ActiveProcessorCount=1"));
        options.addAll(jvmOptions);
        return String.join(
                "\n",
                ChildJvm.of(OneCpuProbe.class, args)
                        .jvmOptions(options.toArray(String[]::new))
                        .run()
                        .requireSuccess()
                        .stdout());
    }
}
