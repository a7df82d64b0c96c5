package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.openblas.global.openblas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlasTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(7);

    private static double[] random(int n) {
        return RANDOM.doubles(n, -1, 1).toArray();
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** {@code alpha * op(A) op(B) + beta * C}, by the definition, on row-major arrays. */
    private static double[] naive(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int lda,
            double[] b, int ldb, double beta, double[] c, int ldc) {
        double[] out = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
                }
                out[i * ldc + j] = alpha * s + beta * c[i * ldc + j];
            }
        }
        return out;
    }

    /** Leading dimensions 2 wider than needed, to check that they are honoured. */
    @ParameterizedTest
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void sgemmMatchesTheDefinition(boolean ta, boolean tb) {
        int m = 5, n = 7, k = 3;
        int lda = (ta ? m : k) + 2, ldb = (tb ? k : n) + 2, ldc = n + 2;
        double[] a = random((ta ? k : m) * lda), b = random((tb ? n : k) * ldb), c = random(m * ldc);
        double[] expected = naive(ta, tb, m, n, k, 0.5, a, lda, b, ldb, -1.5, c, ldc);
        try (FloatTensor am = FloatTensor.of(floats(a), a.length); FloatTensor bm = FloatTensor.of(floats(b), b.length);
                FloatTensor tc = FloatTensor.of(floats(c), c.length)) {
            Blas.sgemm(ta, tb, m, n, k, 0.5f, am.address(), lda, bm.address(), ldb, -1.5f, tc.address(), ldc);
            float[] actual = tc.toArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-5, "element " + i);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void dgemmMatchesTheDefinition(boolean ta, boolean tb) {
        int m = 6, n = 4, k = 9;
        int lda = ta ? m : k, ldb = tb ? k : n, ldc = n;
        double[] a = random(m * k), b = random(k * n), c = random(m * n);
        double[] expected = naive(ta, tb, m, n, k, -2, a, lda, b, ldb, 0.25, c, ldc);
        try (DoubleTensor am = DoubleTensor.of(a, a.length); DoubleTensor bm = DoubleTensor.of(b, b.length);
                DoubleTensor tc = DoubleTensor.of(c, m, n)) {
            Blas.dgemm(ta, tb, m, n, k, -2, am.address(), lda, bm.address(), ldb, 0.25, tc.address(), ldc);
            double[] actual = tc.toArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-12, "element " + i);
            }
        }
    }

    @Test
    void betaZeroIgnoresWhatCHeld() {
        try (FloatTensor a = FloatTensor.of(new float[] {1, 2}, 1, 2); FloatTensor b = FloatTensor.of(new float[] {3, 4}, 2, 1);
                FloatTensor c = FloatTensor.of(new float[] {Float.NaN}, 1, 1)) {
            Blas.sgemm(false, false, 1, 1, 2, 1, a.address(), 2, b.address(), 1, 0, c.address(), 1);
            assertEquals(11, c.get(0, 0));
        }
    }

    @Test
    void setsThreads() {
        Blas.threads(2);
        assertEquals(1, openblas.blas_get_num_threads()); // Javano splits products itself; OpenBLAS runs each band
        Blas.threads(1);
        assertEquals(1, openblas.blas_get_num_threads());
        sgemmMatchesTheDefinition(true, false);
        assertThrows(IllegalArgumentException.class, () -> Blas.threads(0));
    }

    /** Products large enough to be cut into bands, by rows and by columns, on 2 and 3 threads. */
    @ParameterizedTest
    @CsvSource({"false, false, 2, 150, 70", "true, false, 2, 150, 70", "false, true, 3, 70, 150", "true, true, 3, 70, 150",
        "false, false, 2, 1, 300", "true, false, 3, 300, 1"})
    void splitProductsMatchTheDefinition(boolean ta, boolean tb, int threads, int m, int n) {
        int k = 90;
        int lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 3, ldc = n + 2;
        double[] a = random((ta ? k : m) * lda), b = random((tb ? n : k) * ldb), c = random(m * ldc);
        double[] expected = naive(ta, tb, m, n, k, 0.5, a, lda, b, ldb, 0.75, c, ldc);
        Blas.threads(threads);
        try (FloatTensor am = FloatTensor.of(floats(a), a.length); FloatTensor bm = FloatTensor.of(floats(b), b.length);
                FloatTensor tc = FloatTensor.of(floats(c), c.length); DoubleTensor da = DoubleTensor.of(a, a.length);
                DoubleTensor db = DoubleTensor.of(b, b.length); DoubleTensor dc = DoubleTensor.of(c, c.length)) {
            Blas.sgemm(ta, tb, m, n, k, 0.5f, am.address(), lda, bm.address(), ldb, 0.75f, tc.address(), ldc);
            Blas.dgemm(ta, tb, m, n, k, 0.5, da.address(), lda, db.address(), ldb, 0.75, dc.address(), ldc);
            float[] single = tc.toArray();
            double[] dbl = dc.toArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], single[i], 1e-4, "float element " + i);
                assertEquals(expected[i], dbl[i], 1e-11, "double element " + i);
            }
        } finally {
            Blas.threads(1);
        }
    }

    @Test
    void threadsCallAtOnce() throws Exception {
        int n = 64;
        try (FloatTensor a = FloatTensor.zeros(n, n); FloatTensor b = FloatTensor.zeros(n, n)) {
            for (int i = 0; i < n; i++) {
                a.set(1, i, i);
                b.set(2, i, i);
            }
            Callable<Boolean> work = () -> {
                try (FloatTensor c = FloatTensor.zeros(n, n)) {
                    float scale = Thread.currentThread().getId();
                    for (int r = 0; r < 200; r++) {
                        FloatTensor x = r % 2 == 0 ? a : b;
                        Blas.sgemm(false, false, n, n, n, scale, x.address(), n, x.address(), n, 0, c.address(), n);
                        if (c.get(5, 5) != scale * (r % 2 == 0 ? 1 : 4) || c.get(5, 6) != 0) {
                            return false;
                        }
                    }
                    return true;
                }
            };
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                for (Future<Boolean> f : pool.invokeAll(Collections.nCopies(8, work))) {
                    assertTrue(f.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void callsAllocateNothing() {
        try (FloatTensor a = FloatTensor.zeros(16, 16); FloatTensor c = FloatTensor.zeros(16, 16);
                DoubleTensor d = DoubleTensor.zeros(16, 16)) {
            long x = a.address(), y = c.address(), z = d.address();
            assertEquals(0, Allocations.of(10_000, () -> {
                Blas.sgemm(false, true, 16, 16, 16, 1, x, 16, x, 16, 0, y, 16);
                Blas.dgemm(true, false, 16, 16, 16, 1, z, 16, z, 16, 1, z, 16);
            }));
        }
    }

    /** Several threads at once while products are split: one splits, the others run their own unsplit. */
    @Test
    void threadsCallAtOnceWhileSplitting() throws Exception {
        Blas.threads(2);
        try {
            threadsCallAtOnce();
        } finally {
            Blas.threads(1);
        }
    }

    @Test
    void splitCallsAllocateNothing() {
        Blas.threads(2);
        try (FloatTensor a = FloatTensor.zeros(96, 96); FloatTensor c = FloatTensor.zeros(96, 96);
                DoubleTensor d = DoubleTensor.zeros(96, 96)) {
            long x = a.address(), y = c.address(), z = d.address();
            assertEquals(0, Allocations.of(2_000, () -> {
                Blas.sgemm(false, true, 96, 96, 96, 1, x, 96, x, 96, 0, y, 96);
                Blas.dgemm(true, false, 96, 96, 96, 1, z, 96, z, 96, 1, z, 96);
            }));
        } finally {
            Blas.threads(1);
        }
    }

    /** A trace records each call as asked (a split one once, with its whole time) and only while on. */
    @Test
    void traceRecordsEachProductWhileOn() {
        Blas.threads(2);
        try (FloatTensor a = FloatTensor.zeros(96, 96); DoubleTensor d = DoubleTensor.zeros(4, 6)) {
            long x = a.address(), z = d.address();
            Blas.sgemm(false, false, 96, 96, 96, 1, x, 96, x, 96, 0, x, 96); // before: not recorded
            GemmTrace trace = GemmTrace.start();
            List<GemmTrace.Call> calls;
            try {
                assertThrows(IllegalStateException.class, GemmTrace::start);
                Blas.sgemm(true, false, 96, 80, 70, 0.5f, x, 96, x, 96, 0.25f, x, 96);
                Blas.dgemm(false, true, 4, 2, 3, -1, z, 6, z, 6, 1, z + 8, 6);
            } finally {
                calls = trace.stop();
            }
            Blas.sgemm(false, false, 96, 96, 96, 1, x, 96, x, 96, 0, x, 96); // after: not recorded
            assertEquals(2, calls.size());
            GemmTrace.Call s = calls.get(0), dbl = calls.get(1);
            assertEquals(List.of(4, true, false, 96, 80, 70, 0.5, 0.25), List.of(s.width(), s.transA(), s.transB(), s.m(),
                    s.n(), s.k(), s.alpha(), s.beta()));
            assertEquals(2.0 * 96 * 80 * 70, s.flops());
            assertEquals(4L * (69 * 96 + 96), s.bytesOfA()); // k rows of lda, m used in the last
            assertEquals(4L * (69 * 96 + 80), s.bytesOfB());
            assertEquals(4L * (95 * 96 + 80), s.bytesOfC());
            assertTrue(s.nanos() > 0);
            assertTrue(s.caller() && dbl.caller());
            assertTrue(s.split() && !dbl.split(), "the large product was split over the 2 threads, the small one not");
            assertEquals(List.of(8, z, z + 8, 8L * (3 * 6 + 2), 8L * (1 * 6 + 3)), List.of(dbl.width(), dbl.a(), dbl.c(),
                    dbl.bytesOfC(), dbl.bytesOfB()));
        } finally {
            Blas.threads(1);
        }
    }

    /**
     * sdot and ddot against the sum in double, x = y (a sum of squares) and x ≠ y; the same float
     * on one thread and two (it is never split), and nothing allocated.
     */
    @ParameterizedTest
    @CsvSource({"0", "1", "1000", "40977"})
    void dotProductsMatchTheSumOfProducts(int n) {
        double[] x = random(Math.max(n, 1)), y = random(Math.max(n, 1)); // a tensor holds at least one element
        float[] xf = floats(x), yf = floats(y);
        double expected = 0, squares = 0, dexpected = 0;
        for (int i = 0; i < n; i++) {
            expected += (double) xf[i] * yf[i];
            squares += (double) xf[i] * xf[i];
            dexpected += x[i] * y[i];
        }
        try (FloatTensor fx = FloatTensor.of(xf, Math.max(n, 1)); FloatTensor fy = FloatTensor.of(yf, Math.max(n, 1));
                DoubleTensor dx = DoubleTensor.of(x, Math.max(n, 1)); DoubleTensor dy = DoubleTensor.of(y, Math.max(n, 1))) {
            float one = Blas.sdot(fx.address(), fy.address(), n);
            assertEquals(expected, one, 1e-5 * Math.max(1, Math.abs(expected)));
            assertEquals(squares, Blas.sdot(fx.address(), fx.address(), n), 1e-5 * Math.max(1, squares));
            assertEquals(dexpected, Blas.ddot(dx.address(), dy.address(), n), 1e-12 * Math.max(1, Math.abs(dexpected)));
            Blas.threads(2);
            assertEquals(one, Blas.sdot(fx.address(), fy.address(), n), "on two threads");
            assertEquals(0, Allocations.of(1_000, () -> Blas.sdot(fx.address(), fy.address(), n)), "bytes allocated");
        } finally {
            Blas.threads(1);
        }
    }

    /**
     * Sums over an axis through gemv ({@link Kernels#reduce}, {@link DoubleKernels#reduce}) against
     * the sum in double: column sums (a bias gradient, one outer index and several), sums of rows
     * ({@code inner == 1}), an empty axis (zeros), in both precisions; nothing allocated.
     */
    @ParameterizedTest(name = "[{0}, {1}, {2}]")
    @CsvSource({"1, 3584, 128", "3, 205, 7", "250, 7, 1", "1, 1, 500", "2, 0, 3"})
    void sumsOverAnAxisMatchTheDefinition(int outer, int r, int inner) {
        double[] v = random(outer * Math.max(r, 1) * inner);
        float[] f = floats(v);
        int[] shape = {outer, Math.max(r, 1), inner}; // a tensor holds at least one element
        Scratch s = new Scratch(4, 4);
        try (FloatTensor fx = FloatTensor.of(f, shape); FloatTensor fout = FloatTensor.of(floats(random(outer * inner)), outer, inner);
                DoubleTensor dx = DoubleTensor.of(v, shape); DoubleTensor dout = DoubleTensor.of(random(outer * inner), outer, inner)) {
            Kernels.reduce(Kernels.SUM, fx.address(), fout.address(), outer, r, inner, s);
            DoubleKernels.reduce(Kernels.SUM, dx.address(), dout.address(), outer, r, inner, s);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double fsum = 0, dsum = 0, magnitude = 0;
                    for (int k = 0; k < r; k++) {
                        fsum += f[(o * r + k) * inner + i];
                        dsum += v[(o * r + k) * inner + i];
                        magnitude += Math.abs(v[(o * r + k) * inner + i]);
                    }
                    assertEquals(fsum, fout.get(o, i), r * 0x1p-24 * magnitude, "float32 at " + o + ", " + i);
                    assertEquals(dsum, dout.get(o, i), r * 0x1p-53 * magnitude, "float64 at " + o + ", " + i);
                }
            }
            assertEquals(0, Allocations.of(1_000, () -> Kernels.reduce(Kernels.SUM, fx.address(), fout.address(), outer, r, inner, s)),
                    "bytes allocated");
        }
    }
}
