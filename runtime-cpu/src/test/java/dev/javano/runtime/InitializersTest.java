package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.javano.DType;
import dev.javano.Init;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializersTest {

    private static float[] floats(Init init, long seed, int... shape) {
        try (FloatTensor t = FloatTensor.zeros(shape)) {
            Initializers.fill(t.storage(), 0, init, shape, new SplittableRandom(seed));
            return t.toArray();
        }
    }

    private static double[] doubles(Init init, long seed, int... shape) {
        try (DoubleTensor t = DoubleTensor.zeros(shape)) {
            Initializers.fill(t.storage(), 0, init, shape, new SplittableRandom(seed));
            return t.toArray();
        }
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(float[] v) {
        double m = mean(v), s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return s / v.length;
    }

    @Test
    void glorotUniformHasTheDocumentedDistribution() {
        float[] w = floats(Init.GLOROT_UNIFORM, 42, 784, 500);
        double a = Math.sqrt(6.0 / (784 + 500));
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (float x : w) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertTrue(min >= -a && max < a, "values in [-a, a)");
        assertTrue(min < -0.999 * a && max > 0.999 * a, "values reach the bounds");
        double var = a * a / 3;
        assertEquals(0, mean(w), 4 * Math.sqrt(var / w.length));
        assertEquals(var, variance(w), 0.01 * var);
    }

    @Test
    void normalKindsHaveTheirStandardDeviations() {
        assertEquals(2.0 / (784 + 500), variance(floats(Init.GLOROT_NORMAL, 1, 784, 500)), 0.01 * 2.0 / 1284);
        assertEquals(2.0 / 784, variance(floats(Init.HE_NORMAL, 1, 784, 500)), 0.01 * 2.0 / 784);
        float[] small = floats(Init.NORMAL, 1, 300, 300);
        assertEquals(1e-4, variance(small), 2e-6);
        assertEquals(0, mean(small), 1e-4);
    }

    @Test
    void uniformKindsHaveTheirBounds() {
        for (float x : floats(Init.HE_UNIFORM, 3, 50, 20)) {
            assertTrue(Math.abs(x) <= Math.sqrt(6.0 / 50));
        }
        float[] u = floats(Init.UNIFORM, 3, 100, 100);
        assertEquals(0.05 * 0.05 / 3, variance(u), 0.03 * 0.05 * 0.05 / 3);
        for (double x : doubles(Init.UNIFORM, 3, 1000)) {
            assertTrue(x >= -0.05 && x < 0.05);
        }
    }

    @Test
    void fansFollowTheDocumentation() {
        assertEquals(1, Initializers.fanIn(new int[0]));
        assertEquals(1, Initializers.fanOut(new int[0]));
        assertEquals(7, Initializers.fanIn(new int[] {7}));
        assertEquals(7, Initializers.fanOut(new int[] {7}));
        assertEquals(784, Initializers.fanIn(new int[] {784, 500}));
        assertEquals(500, Initializers.fanOut(new int[] {784, 500}));
        assertEquals(3 * 3 * 16, Initializers.fanIn(new int[] {3, 3, 16, 32}));
        assertEquals(3 * 3 * 32, Initializers.fanOut(new int[] {3, 3, 16, 32}));
    }

    @Test
    void sameSeedSameValues() {
        assertArrayEquals(floats(Init.GLOROT_UNIFORM, 42, 30, 20), floats(Init.GLOROT_UNIFORM, 42, 30, 20));
        assertArrayEquals(doubles(Init.HE_NORMAL, 42, 30, 20), doubles(Init.HE_NORMAL, 42, 30, 20));
        assertFalse(Arrays.equals(floats(Init.GLOROT_UNIFORM, 42, 30, 20), floats(Init.GLOROT_UNIFORM, 43, 30, 20)));
    }

    @Test
    void constantsAndOffsets() {
        try (Storage s = Storage.allocate(DType.FLOAT32, 10)) {
            Initializers.fill(s, 2, Init.ONES, new int[] {2, 3}, new SplittableRandom(0));
            float[] v = new float[10];
            Memory.load(s.address(), v, 0, 10);
            assertArrayEquals(new float[] {0, 0, 1, 1, 1, 1, 1, 1, 0, 0}, v);
            Initializers.fill(s, 3, Init.ZEROS, new int[] {4}, new SplittableRandom(0));
            Memory.load(s.address(), v, 0, 10);
            assertArrayEquals(new float[] {0, 0, 1, 0, 0, 0, 0, 1, 0, 0}, v);
            assertThrows(IllegalArgumentException.class,
                    () -> Initializers.fill(s, 5, Init.ONES, new int[] {2, 3}, new SplittableRandom(0)));
        }
        assertArrayEquals(new double[] {1, 1, 1}, doubles(Init.ONES, 0, 3));
        try (Storage s = Storage.allocate(DType.INT32, 2)) {
            Initializers.fill(s, 0, Init.ONES, new int[] {2}, new SplittableRandom(0));
            assertEquals(1, Memory.getInt(s.address() + 4));
            assertEquals("cannot initialize INT32 elements with GLOROT_UNIFORM",
                    assertThrows(IllegalArgumentException.class,
                            () -> Initializers.fill(s, 0, Init.GLOROT_UNIFORM, new int[] {2}, new SplittableRandom(0)))
                            .getMessage());
        }
    }
}
