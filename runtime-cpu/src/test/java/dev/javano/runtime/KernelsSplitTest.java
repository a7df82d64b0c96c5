package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kernels that cut large work over the threads (reductions by outer or inner index, copies
 * along their first axis) give on 2 threads exactly what they give on 1, and what the definition
 * gives, at sizes over {@link Pieces#MIN_ELEMENTS}; and a steady run allocates nothing.
 */
class KernelsSplitTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(3);

    @AfterEach
    void oneThread() {
        Blas.threads(1);
    }

    private static FloatTensor random(int... shape) {
        int n = 1;
        for (int d : shape) n *= d;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) RANDOM.nextDouble(-1, 1);
        return FloatTensor.of(v, shape);
    }

    /**
     * Maxima and minima ([3584, 129] by columns, [7, 5000, 2] by outer index) cut over two threads,
     * and sums, which stay on the calling thread whatever the threads (bias gradients over [3584,
     * 128], [128, 600] and [600, 10], a per-sample sum over [40, 900, 3], sums of rows of [700, 100]).
     */
    @ParameterizedTest
    @CsvSource({"1, 3584, 128, 0", "40, 900, 3, 0", "1, 3584, 129, 1", "7, 5000, 2, 2", "1, 128, 600, 0", "700, 100, 1, 0", "1, 600, 10, 0"})
    void reductionsAreTheSameOnTwoThreads(int outer, int r, int inner, int kind) {
        try (FloatTensor x = random(outer, r, inner); FloatTensor one = FloatTensor.zeros(outer, inner);
                FloatTensor two = FloatTensor.zeros(outer, inner)) {
            Scratch s = new Scratch(4, 4);
            Kernels.reduce(kind, x.address(), one.address(), outer, r, inner, s);
            Blas.threads(2);
            Kernels.reduce(kind, x.address(), two.address(), outer, r, inner, s);
            assertArrayEquals(one.toArray(), two.toArray());
            float[] v = x.toArray();
            for (int o = 0; o < outer; o += Math.max(1, outer / 3)) {
                for (int i = 0; i < inner; i += Math.max(1, inner / 5)) {
                    double expected = kind == 1 ? Double.NEGATIVE_INFINITY : kind == 2 ? Double.POSITIVE_INFINITY : 0;
                    for (int k = 0; k < r; k++) {
                        double e = v[(o * r + k) * inner + i];
                        expected = kind == 1 ? Math.max(expected, e) : kind == 2 ? Math.min(expected, e) : expected + e;
                    }
                    assertEquals(expected, one.get(o, i), 1e-3, "at " + o + ", " + i);
                }
            }
        }
    }

    /** The RNN's images to time-major ([batch, 28, 28] to [28, batch, 28]), a plain copy, and a rank-1 strided one. */
    @ParameterizedTest
    @CsvSource({"128, 28, 28", "300, 1, 200", "1, 1, 70000"})
    void copiesAreTheSameOnTwoThreads(int a, int b, int c) {
        try (FloatTensor x = random(a, b, c); FloatTensor one = FloatTensor.zeros(b, a, c); FloatTensor two = FloatTensor.zeros(b, a, c)) {
            long[] src = {(long) c, (long) b * c, 1};
            long[] dst = {(long) a * c, c, 1};
            long[] dims = {b, a, c};
            Kernels.copyNd(x.address(), src, one.address(), dst, dims, 4);
            Blas.threads(2);
            Kernels.copyNd(x.address(), src, two.address(), dst, dims, 4);
            assertArrayEquals(one.toArray(), two.toArray());
            assertEquals(x.get(a - 1, b - 1, c - 1), one.get(b - 1, a - 1, c - 1));
            assertEquals(x.get(a / 2, b / 2, 0), one.get(b / 2, a / 2, 0));
        }
        try (FloatTensor x = random(140_000); FloatTensor y = FloatTensor.zeros(70_000)) {
            Blas.threads(2);
            Kernels.copyNd(x.address() + 4, new long[] {2}, y.address(), new long[] {1}, new long[] {70_000}, 4);
            assertEquals(x.get(1), y.get(0));
            assertEquals(x.get(139_999), y.get(69_999));
            assertEquals(x.get(70_001), y.get(35_000));
        }
    }

    @org.junit.jupiter.api.Test
    void splitKernelsAllocateNothing() {
        Blas.threads(2);
        try (FloatTensor x = random(1, 3584, 128); FloatTensor out = FloatTensor.zeros(3584, 128)) {
            Scratch s = new Scratch(4, 4);
            long[] strides = {128, 1};
            long[] dims = {3584, 128};
            assertEquals(0, Allocations.of(200, () -> {
                Kernels.reduce(Kernels.SUM, x.address(), out.address(), 1, 3584, 128, s);
                Kernels.copyNd(x.address(), strides, out.address(), strides, dims, 4);
            }));
        }
    }
}
