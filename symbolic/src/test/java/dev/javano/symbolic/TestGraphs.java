package dev.javano.symbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.javano.DType;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.build.Reported;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.eval.ReferenceEvaluator;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Shape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** What the symbolic tests share: arrays written by hand or drawn at random, evaluation, finite differences. */
public final class TestGraphs {

    private TestGraphs() {}

    // ---- arrays

    /** An array of {@code shape} with {@code values} in row-major order. */
    public static NdArray array(int[] shape, double... values) {
        return new NdArray(shape, values);
    }

    public static NdArray vector(double... values) {
        return new NdArray(new int[] {values.length}, values);
    }

    /** A matrix given row by row. */
    public static NdArray matrix(double[]... rows) {
        int cols = rows[0].length;
        double[] data = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) System.arraycopy(rows[r], 0, data, r * cols, cols);
        return new NdArray(new int[] {rows.length, cols}, data);
    }

    public static int[] shape(int... dims) {
        return dims;
    }

    /** How the random values of an input are drawn: away from the kinks and outside the domain of the op under test. */
    @FunctionalInterface
    public interface Domain {
        double[] draw(Random random, int n);

        /** Uniform in [-1, 1). */
        Domain UNIFORM = (r, n) -> uniform(r, n, -1, 1);
        /** Uniform in [0.5, 2): for log, sqrt, pow, division. */
        Domain POSITIVE = (r, n) -> uniform(r, n, 0.5, 2);
        /** Uniform in [0.1, 0.9): probabilities that stay off 0 and 1. */
        Domain PROBABILITY = (r, n) -> uniform(r, n, 0.1, 0.9);
        /** |x| in [0.2, 1): for abs, sign and relu, whose kink is at 0. */
        Domain AWAY_FROM_ZERO = (r, n) -> {
            double[] v = uniform(r, n, 0.2, 1);
            for (int i = 0; i < n; i++) if (r.nextBoolean()) v[i] = -v[i];
            return v;
        };
        /**
         * Distinct values at least 0.15 apart (a shuffled grid of step 0.2 plus jitter in
         * [0, 0.05)): no ties for max, min and argmax, and never within 0.05 of ±0.5 or of a
         * {@link #DISTINCT_SHIFTED} value.
         */
        Domain DISTINCT = (r, n) -> grid(r, n, 0);
        /** Like {@link #DISTINCT}, on the grid shifted by 0.1: never ties with a DISTINCT value. */
        Domain DISTINCT_SHIFTED = (r, n) -> grid(r, n, 0.1);
        /** 0 or 1: a bool tensor. */
        Domain BOOL = (r, n) -> {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = r.nextBoolean() ? 1 : 0;
            return v;
        };

        /** Int32 labels in [0, classes). */
        static Domain labels(int classes) {
            return (r, n) -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) v[i] = r.nextInt(classes);
                return v;
            };
        }

        /** One-hot rows over the last axis of {@code classes} entries. */
        static Domain oneHotRows(int classes) {
            return (r, n) -> {
                double[] v = new double[n];
                for (int row = 0; row < n / classes; row++) v[row * classes + r.nextInt(classes)] = 1;
                return v;
            };
        }
    }

    private static double[] uniform(Random r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextDouble();
        return v;
    }

    private static double[] grid(Random r, int n, double shift) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 0.2 * (i - n / 2) + shift + 0.05 * r.nextDouble();
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }

    public static NdArray random(Random random, int[] shape, Domain domain) {
        return new NdArray(shape, domain.draw(random, NdArray.sizeOf(shape)));
    }

    // ---- graphs

    public static Node f64(GraphBuilder b, String name, String shape) {
        return b.input(name, TensorType.of(DType.FLOAT64, Shape.parse(shape)));
    }

    public static Node input(GraphBuilder b, String name, DType dtype, String shape) {
        return b.input(name, TensorType.of(dtype, Shape.parse(shape)));
    }

    /** Values by variable name, from alternating name, value pairs. */
    public static Map<String, NdArray> values(Object... nameValuePairs) {
        Map<String, NdArray> out = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) out.put((String) nameValuePairs[i], (NdArray) nameValuePairs[i + 1]);
        return out;
    }

    public static NdArray eval(Node n, Map<String, NdArray> values) {
        return ReferenceEvaluator.evaluate(n, values, Map.of());
    }

    public static NdArray eval(Node n, Map<String, NdArray> values, Map<String, Integer> dims) {
        return ReferenceEvaluator.evaluate(n, values, dims);
    }

    /** The single problem the builder reported, failing when there is none or several. */
    public static Problem onlyProblem(GraphBuilder b) {
        List<Reported> reported = b.problems();
        if (reported.size() != 1) fail("expected one problem, got " + reported);
        return reported.get(0).problem();
    }

    // ---- finite differences

    /**
     * The central-difference gradient of scalar {@code f} at {@code x}: element i is
     * {@code (f(x + h·e_i) − f(x − h·e_i)) / 2h}.
     */
    public static NdArray numericGradient(ToDoubleFunction<NdArray> f, NdArray x, double h) {
        double[] g = new double[x.size()];
        for (int i = 0; i < g.length; i++) {
            double up = f.applyAsDouble(x.with(i, x.get(i) + h));
            double down = f.applyAsDouble(x.with(i, x.get(i) - h));
            g[i] = (up - down) / (2 * h);
        }
        return new NdArray(x.shape(), g);
    }

    /** {@code x + s·v}, elementwise. */
    public static NdArray axpy(NdArray x, double s, NdArray v) {
        double[] out = x.data().clone();
        for (int i = 0; i < out.length; i++) out[i] += s * v.get(i);
        return new NdArray(x.shape(), out);
    }

    /** {@code (a − b) / d}, elementwise. */
    public static NdArray difference(NdArray a, NdArray b, double d) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = (a.get(i) - b.get(i)) / d;
        return new NdArray(a.shape(), out);
    }

    // ---- assertions

    /** Same shape, and each element within {@code atol + rtol·max(|expected|, |actual|)}. */
    public static void assertClose(NdArray expected, NdArray actual, double rtol, double atol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            double a = actual.get(i);
            double tolerance = atol + rtol * Math.max(Math.abs(e), Math.abs(a));
            if (!(Math.abs(e - a) <= tolerance)) {
                fail(what + ": element " + i + " is " + a + ", expected " + e + " (difference " + Math.abs(e - a)
                        + " > " + tolerance + ")\n  expected " + expected + "\n  actual   " + actual);
            }
        }
    }

    /** Equal up to 1e-12: for values written out by hand. */
    public static void assertValues(NdArray expected, NdArray actual) {
        assertClose(expected, actual, 1e-12, 1e-12, "value");
    }

    public static void assertShape(int[] expected, NdArray actual) {
        assertEquals(Arrays.toString(expected), Arrays.toString(actual.shape()));
    }
}
