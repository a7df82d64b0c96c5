package dev.javano.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kernels that work a block of short rows at a time (as many as fill a chunk): the row-wise
 * softmaxes and a reduction over rows, against the definition in double: several blocks with a
 * short last one, a single row longer than a chunk, and one row.
 */
class KernelsRowBlocksTest {

    @ParameterizedTest(name = "{0} rows of {1}")
    @CsvSource({"250, 10", "3, 1500", "1, 7"})
    void rowWiseSoftmaxesFollowTheDefinition(int rows, int n) {
        SplittableRandom random = new SplittableRandom(rows * 31L + n);
        float[] z = new float[rows * n];
        int[] labels = new int[rows];
        for (int i = 0; i < z.length; i++) z[i] = (float) random.nextDouble(-30, 30);
        for (int r = 0; r < rows; r++) labels[r] = random.nextInt(n);
        Scratch scratch = new Scratch(4, 4);
        try (FloatTensor x = FloatTensor.of(z, rows, n); IntTensor y = IntTensor.of(labels, rows);
                FloatTensor p = FloatTensor.zeros(rows, n); FloatTensor logP = FloatTensor.zeros(rows, n);
                FloatTensor loss = FloatTensor.zeros(rows)) {
            Kernels.softmax(x.address(), p.address(), rows, n, scratch);
            Kernels.logSoftmax(x.address(), logP.address(), rows, n, scratch);
            Kernels.softmaxCrossentropy(x.address(), y.address(), loss.address(), rows, n, scratch);
            try (FloatTensor bothLoss = FloatTensor.zeros(rows); FloatTensor bothP = FloatTensor.zeros(rows, n)) {
                Kernels.softmaxCrossentropy(x.address(), y.address(), bothLoss.address(), bothP.address(), rows, n, scratch);
                assertArrayEquals(loss.toArray(), bothLoss.toArray(), "the loss in one pass with the softmax, to the bit");
                assertArrayEquals(p.toArray(), bothP.toArray(), "the softmax in one pass with the loss, to the bit");
            }
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int j = 0; j < n; j++) max = Math.max(max, z[r * n + j]);
                for (int j = 0; j < n; j++) sum += Math.exp(z[r * n + j] - max);
                double lse = max + Math.log(sum);
                for (int j = 0; j < n; j++) {
                    double expected = z[r * n + j] - lse;
                    // exp(z - max) carries the rounding of z - max: relative error up to about |z - max| * 2^-24
                    assertEquals(Math.exp(expected), p.get(r, j), 1e-5 * Math.exp(expected) + 1e-30, "softmax at " + r + ", " + j);
                    assertEquals(expected, logP.get(r, j), 1e-5 * Math.max(1, Math.abs(expected)), "logSoftmax at " + r + ", " + j);
                }
                double nll = lse - z[r * n + labels[r]];
                assertEquals(nll, loss.get(r), 1e-5 * Math.max(1, nll), "cross-entropy of row " + r);
            }
        }
    }

    /** The float64 kernels' one pass for the loss and the softmax, against their own kernels, to the bit. */
    @ParameterizedTest(name = "{0} rows of {1}")
    @CsvSource({"250, 10", "1, 7"})
    void theFloat64LossAndSoftmaxInOnePassAreTheSameAsApart(int rows, int n) {
        SplittableRandom random = new SplittableRandom(rows + n);
        double[] z = random.doubles(rows * n, -30, 30).toArray();
        int[] labels = random.ints(rows, 0, n).toArray();
        Scratch scratch = new Scratch(4, 4);
        try (DoubleTensor x = DoubleTensor.of(z, rows, n); IntTensor y = IntTensor.of(labels, rows);
                DoubleTensor p = DoubleTensor.zeros(rows, n); DoubleTensor loss = DoubleTensor.zeros(rows);
                DoubleTensor bothP = DoubleTensor.zeros(rows, n); DoubleTensor bothLoss = DoubleTensor.zeros(rows)) {
            DoubleKernels.softmax(x.address(), p.address(), rows, n, scratch);
            DoubleKernels.softmaxCrossentropy(x.address(), y.address(), loss.address(), rows, n, scratch);
            DoubleKernels.softmaxCrossentropy(x.address(), y.address(), bothLoss.address(), bothP.address(), rows, n, scratch);
            assertArrayEquals(loss.toArray(), bothLoss.toArray());
            assertArrayEquals(p.toArray(), bothP.toArray());
        }
    }

    @ParameterizedTest(name = "label {0}")
    @CsvSource({"-1", "10"})
    void aLabelOutsideTheClassesIsReportedWithItsRow(int bad) {
        int rows = 150;
        int[] labels = new int[rows];
        labels[120] = bad;
        try (FloatTensor x = FloatTensor.zeros(rows, 10); IntTensor y = IntTensor.of(labels, rows);
                FloatTensor loss = FloatTensor.zeros(rows)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Kernels.softmaxCrossentropy(x.address(), y.address(), loss.address(), rows, 10, new Scratch(4, 4)));
            assertTrue(e.getMessage().contains("label " + bad + " at index 120"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} x {1} rows of {2}")
    @CsvSource({"1, 250, 10", "3, 205, 7", "2, 1, 10", "1, 3, 600", "250, 7, 1"})
    void reducingShortRowsFollowsTheDefinition(int outer, int r, int n) {
        SplittableRandom random = new SplittableRandom(outer * 1000L + r + n);
        float[] v = new float[outer * r * n];
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextDouble(-1, 1);
        try (FloatTensor x = FloatTensor.of(v, outer, r, n); FloatTensor out = FloatTensor.zeros(outer, n)) {
            for (int kind : new int[] {Kernels.SUM, Kernels.MAX, Kernels.MIN}) {
                Kernels.reduce(kind, x.address(), out.address(), outer, r, n, new Scratch(4, 4));
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < n; i++) {
                        float expected = v[o * r * n + i]; // max and min are exact
                        double sum = 0; // sums go through OpenBLAS, in its order: within float32 rounding of the float64 sum
                        double magnitude = 0;
                        for (int k = 0; k < r; k++) {
                            float e = v[(o * r + k) * n + i];
                            expected = kind == Kernels.MAX ? Math.max(expected, e) : Math.min(expected, e);
                            sum += e;
                            magnitude += Math.abs(e);
                        }
                        String at = "kind " + kind + " at " + o + ", " + i;
                        if (kind == Kernels.SUM) assertEquals(sum, out.get(o, i), r * 0x1p-24 * magnitude, at);
                        else assertEquals(expected, out.get(o, i), at);
                    }
                }
            }
        }
    }
}
