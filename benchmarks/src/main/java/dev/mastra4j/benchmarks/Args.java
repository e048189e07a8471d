package dev.mastra4j.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs; enough for the benchmark mains. */
final class Args {

    private Args() {}

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + args[i]);
            }
            String name = args[i].substring(2);
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
            options.put(name, value);
        }
        return options;
    }
}
