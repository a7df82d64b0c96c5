package dev.javano.examples.bench;

import java.lang.management.ManagementFactory;

/** Time since the JVM started, for "process start to the end of the first training step". */
final class Jvm {

    private Jvm() {}

    /** Heap bytes this thread has allocated so far (HotSpot's ThreadMXBean extension). */
    static long allocatedBytes() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    static double secondsSinceStart() {
        return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    }
}
