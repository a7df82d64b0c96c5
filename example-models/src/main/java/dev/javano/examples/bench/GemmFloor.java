package dev.javano.examples.bench;

import dev.javano.runtime.GemmTrace;
import dev.javano.runtime.Memory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The GEMM floor of {@code shared/WORKLOADS.md}: the matrix products of some training steps,
 * recorded by {@link GemmTrace}, replayed alone, back to back, on the same threads, so that
 * nothing but OpenBLAS (and the split over threads) runs. Compared with the time the same products
 * took inside the steps, it says how close the generated code keeps OpenBLAS to its best; compared
 * with the epoch, how much of the epoch is anything else.
 *
 * <p>Each distinct address of the trace gets its own buffer, as large as its largest use, so a
 * product that wrote a matrix another one reads still does in the replay (the caches see the same
 * reuse); the buffers hold small values, so no subnormal or infinite number slows a product.
 */
final class GemmFloor {

    /**
     * What the products of the traced steps cost, inside the steps and alone: those of the calling
     * thread, each replayed as it ran (split over the threads, or alone); a loop run as row bands
     * has the same products on the other threads at the same time, which count in the flops only.
     */
    record Measure(int calls, double flops, double nanosInSteps, double nanosAlone) {

        /** How fast OpenBLAS ran inside the steps, as a fraction of its speed alone. */
        double efficiency() {
            return nanosAlone / nanosInSteps;
        }
    }

    private GemmFloor() {}

    /**
     * Replays {@code calls} once to warm up, then {@code rounds} times {@code repeat} times in a
     * row; the time alone is the median round's, per replay of {@code calls}.
     */
    static Measure measure(List<GemmTrace.Call> traced, int repeat, int rounds) {
        List<GemmTrace.Call> calls = traced.stream().filter(GemmTrace.Call::caller).toList();
        Map<Long, Long> buffers = buffers(calls);
        try {
            replay(calls, buffers);
            double[] nanos = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < repeat; i++) replay(calls, buffers);
                nanos[r] = (System.nanoTime() - start) / (double) repeat;
            }
            double flops = traced.stream().mapToDouble(GemmTrace.Call::flops).sum();
            double inSteps = calls.stream().mapToLong(GemmTrace.Call::nanos).sum();
            return new Measure(calls.size(), flops, inSteps, Workloads.median(nanos));
        } finally {
            buffers.values().forEach(Memory::free);
        }
    }

    private static void replay(List<GemmTrace.Call> calls, Map<Long, Long> buffers) {
        for (GemmTrace.Call c : calls) GemmTrace.replay(c, buffers.get(c.a()), buffers.get(c.b()), buffers.get(c.c()));
    }

    /** One buffer per distinct address, as large as its largest use, filled with small values. */
    private static Map<Long, Long> buffers(List<GemmTrace.Call> calls) {
        Map<Long, Long> bytes = new HashMap<>();
        for (GemmTrace.Call c : calls) {
            bytes.merge(c.a(), c.bytesOfA(), Math::max);
            bytes.merge(c.b(), c.bytesOfB(), Math::max);
            bytes.merge(c.c(), c.bytesOfC(), Math::max);
        }
        int width = calls.isEmpty() ? 4 : calls.get(0).width();
        Map<Long, Long> buffers = new HashMap<>();
        bytes.forEach((address, size) -> {
            long buffer = Memory.allocate(size);
            buffers.put(address, buffer);
            if (width == 4) Memory.fill(buffer, size / 4, 1e-3f);
            else Memory.fill(buffer, size / 8, 1e-3);
        });
        return buffers;
    }
}
