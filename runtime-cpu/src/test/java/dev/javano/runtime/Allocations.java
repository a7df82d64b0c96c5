package dev.javano.runtime;

import java.lang.management.ManagementFactory;

/** Measures the Java heap a piece of code allocates on the current thread. */
final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {}

    /**
     * The fewest bytes that {@code times} runs of {@code body} allocated, over three rounds after
     * as many runs to warm up. A per-call allocation shows in every round; the odd allocation by
     * the JVM itself while it compiles the code does not.
     */
    static long of(int times, Runnable body) {
        for (int i = 0; i < times; i++) {
            body.run();
        }
        long id = Thread.currentThread().getId();
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long before = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i < times; i++) {
                body.run();
            }
            fewest = Math.min(fewest, THREADS.getThreadAllocatedBytes(id) - before);
        }
        return fewest;
    }
}
