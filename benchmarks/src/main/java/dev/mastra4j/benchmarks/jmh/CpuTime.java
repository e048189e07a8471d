package dev.mastra4j.benchmarks.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The benchmark thread's CPU time per operation in each iteration, as a JMH secondary result ({@code cpuNsPerOp}).
 * On a shared machine the wall-clock score mostly measures how often the benchmark thread got a CPU; its own CPU
 * time per operation does not count the time it waited. A benchmark method takes this state and calls
 * {@link #op()} once per operation.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds of the benchmark thread per operation, over the whole iteration. */
    public double cpuNsPerOp;

    private long startNanos;
    private long ops;

    @Setup(Level.Iteration)
    public void start() {
        ops = 0;
        startNanos = THREADS.getCurrentThreadCpuTime();
    }

    void op() {
        ops++;
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuNsPerOp = ops == 0 ? 0 : (double) (THREADS.getCurrentThreadCpuTime() - startNanos) / ops;
    }
}
