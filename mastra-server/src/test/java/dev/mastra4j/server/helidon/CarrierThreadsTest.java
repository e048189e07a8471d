package dev.mastra4j.server.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    /** In a fresh JVM limited to one CPU, the started server runs virtual threads on two carriers. */
    @Test
    void aOneCpuServerGetsTwoCarriers() throws Exception {
        assertThat(probe()).contains("cpus=1").contains("concurrentCarriers=true");
    }

    @Test
    void anExplicitChoiceIsKept() throws Exception {
        assertThat(probe("-D" + CarrierThreads.PARALLELISM + "=1")).contains("cpus=1")
                .contains("concurrentCarriers=false");
    }

    private static String probe(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-XX:ActiveProcessorCount=1");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OneCpuProbe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
