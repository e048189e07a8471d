import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds package cycles among the project's compiled classes with jdeps, for scripts/check-cycles.sh.
 *
 * <p>Usage: {@code java scripts/PackageCycles.java [--report-only] CLASSES_DIR...}. Reads the class-level
 * dependencies that jdeps reports between classes under {@code dev.mastra4j}, folds them into a package graph and
 * prints every strongly connected set of two or more packages, with the class dependencies that make each edge of it.
 * Exits 1 when there is a cycle, unless {@code --report-only}; 2 on a usage or jdeps error.
 */
public final class PackageCycles {

    private static final String ROOT = "dev.mastra4j.";
    /** A jdeps -verbose:class line: "   a.b.C   -> d.e.F   module-or-dir". */
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+.*$");

    public static void main(String[] args) {
        boolean reportOnly = false;
        List<String> dirs = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--report-only")) {
                reportOnly = true;
            } else {
                dirs.add(arg);
            }
        }
        if (dirs.isEmpty()) {
            System.err.println("usage: java scripts/PackageCycles.java [--report-only] CLASSES_DIR...");
            System.exit(2);
        }
        for (String dir : dirs) {
            if (!Files.isDirectory(Path.of(dir))) {
                System.err.println(dir + " is not a directory: build the project first (./mvnw -o -B compile)");
                System.exit(2);
            }
        }
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException("no jdeps"));
        List<String> jdepsArgs = new ArrayList<>(List.of("-verbose:class", "-filter:none", "--multi-release", "21",
                "-e", "dev\\.mastra4j\\..*"));
        jdepsArgs.addAll(dirs);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), jdepsArgs.toArray(String[]::new));
        if (status != 0) {
            System.err.print(err);
            System.exit(2);
        }

        // package -> package -> the class edges behind it
        Map<String, Map<String, Set<String>>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String from = m.group(1);
            String to = m.group(2);
            if (!from.startsWith(ROOT) || !to.startsWith(ROOT)) {
                continue;
            }
            String fromPackage = packageOf(from);
            String toPackage = packageOf(to);
            if (fromPackage.equals(toPackage)) {
                continue;
            }
            graph.computeIfAbsent(fromPackage, k -> new TreeMap<>())
                    .computeIfAbsent(toPackage, k -> new TreeSet<>())
                    .add(simple(from) + " -> " + simple(to));
            graph.computeIfAbsent(toPackage, k -> new TreeMap<>());
        }

        List<List<String>> cycles = stronglyConnected(graph);
        for (List<String> component : cycles) {
            System.out.println("package cycle among " + component.size() + " packages: " + String.join(", ", component));
            Set<String> members = new TreeSet<>(component);
            for (String from : component) {
                for (Map.Entry<String, Set<String>> edge : graph.get(from).entrySet()) {
                    if (members.contains(edge.getKey())) {
                        System.out.println("  " + from + " -> " + edge.getKey() + "  (" + String.join("; ", edge.getValue())
                                + ")");
                    }
                }
            }
        }
        System.out.println("package cycles: " + cycles.size() + " among " + graph.size() + " packages"
                + (reportOnly && !cycles.isEmpty() ? " (report only: not failing)" : ""));
        System.exit(cycles.isEmpty() || reportOnly ? 0 : 1);
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return className.substring(0, dot);
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Tarjan's algorithm, iterative; returns the components of two or more packages, each sorted. */
    private static List<List<String>> stronglyConnected(Map<String, Map<String, Set<String>>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> result = new ArrayList<>();
        int[] counter = {0};
        for (String start : graph.keySet()) {
            if (index.containsKey(start)) {
                continue;
            }
            Deque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {start, new ArrayList<>(graph.get(start).keySet()).iterator()});
            index.put(start, counter[0]);
            low.put(start, counter[0]++);
            stack.push(start);
            onStack.add(start);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String node = (String) frame[0];
                @SuppressWarnings("unchecked")
                java.util.Iterator<String> next = (java.util.Iterator<String>) frame[1];
                if (next.hasNext()) {
                    String target = next.next();
                    if (!index.containsKey(target)) {
                        index.put(target, counter[0]);
                        low.put(target, counter[0]++);
                        stack.push(target);
                        onStack.add(target);
                        work.push(new Object[] {target, new ArrayList<>(graph.get(target).keySet()).iterator()});
                    } else if (onStack.contains(target)) {
                        low.put(node, Math.min(low.get(node), index.get(target)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    List<String> component = new ArrayList<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    if (component.size() > 1) {
                        component.sort(null);
                        result.add(component);
                    }
                }
            }
        }
        return result;
    }
}
