package dev.javano.runtime;

/**
 * The float64 twins of {@link Kernels}' numeric kernels, for the generated code of float64
 * models: full precision ({@code Math.exp}, {@code Math.log}), sums in double. The copies and
 * label checks that do not depend on the element type are {@link Kernels}' own.
 */
public final class DoubleKernels {

    private static final int F = 8;

    private DoubleKernels() {}

    /** {@code out[o, i] = Σ_r x[o, r, i]} (or max, or min): a reduction over the middle axis. */
    public static void reduce(int kind, long x, long out, long outer, long r, long inner, Scratch s) {
        if (kind == Kernels.SUM && Blas.sums(F, x, out, outer, r, inner)) return;
        double[] acc = s.d(0);
        double[] row = s.d(1);
        for (long o = 0; o < outer; o++) {
            for (long base = 0; base < inner; base += Scratch.CHUNK) {
                int len = (int) Math.min(Scratch.CHUNK, inner - base);
                Memory.load(x + F * (o * r * inner + base), acc, 0, len);
                for (long k = 1; k < r; k++) {
                    Memory.load(x + F * ((o * r + k) * inner + base), row, 0, len);
                    combine(kind, acc, row, len);
                }
                Memory.store(acc, 0, out + F * (o * inner + base), len);
            }
        }
    }

    private static void combine(int kind, double[] acc, double[] row, int len) {
        if (kind == Kernels.SUM) for (int i = 0; i < len; i++) acc[i] += row[i];
        else if (kind == Kernels.MAX) for (int i = 0; i < len; i++) acc[i] = Math.max(acc[i], row[i]);
        else for (int i = 0; i < len; i++) acc[i] = Math.min(acc[i], row[i]);
    }

    /**
     * Σ of {@code n} elements. Chunks are added lane by lane into an accumulator chunk (a loop
     * HotSpot vectorizes, unlike a running scalar sum), which is summed in double at the end.
     */
    public static double sumAll(long x, long n, Scratch s) {
        double[] chunk = s.d(0);
        double[] acc = s.d(1);
        java.util.Arrays.fill(acc, 0.0);
        for (long base = 0; base < n; base += Scratch.CHUNK) {
            int len = (int) Math.min(Scratch.CHUNK, n - base);
            Memory.load(x + F * base, chunk, 0, len);
            for (int i = 0; i < len; i++) acc[i] += chunk[i];
        }
        double total = 0;
        for (double a : acc) total += a;
        return total;
    }

    /** The sum of an accumulator array that a fused loop filled lane by lane, added in double. */
    public static double total(double[] lanes) {
        double sum = 0;
        for (double v : lanes) sum += v;
        return (double) sum;
    }

    /** Row-wise softmax over the last axis of a [rows, n] array. */
    public static void softmax(long x, long out, long rows, int n, Scratch s) {
        double[] v = s.d(0, n);
        for (long r = 0; r < rows; r++) {
            loadRow(x, r, n, v);
            softmaxInPlace(v, n);
            Memory.store(v, 0, out + F * r * n, n);
        }
    }

    /** Row-wise log-softmax over the last axis. */
    public static void logSoftmax(long x, long out, long rows, int n, Scratch s) {
        double[] v = s.d(0, n);
        double[] tmp = s.d(1, n);
        for (long r = 0; r < rows; r++) {
            loadRow(x, r, n, v);
            double lse = logSumExp(v, n, tmp);
            for (int i = 0; i < n; i++) v[i] -= lse;
            Memory.store(v, 0, out + F * r * n, n);
        }
    }

    /** {@code out[r] = −log softmax(z[r])[labels[r]]}, with the labels checked. */
    public static void softmaxCrossentropy(long z, long labels, long out, long rows, int n, Scratch s) {
        double[] v = s.d(0, n);
        double[] tmp = s.d(1, n);
        for (long r = 0; r < rows; r++) {
            int label = Kernels.label(labels, r, n);
            loadRow(z, r, n, v);
            Memory.putDouble(out + F * r, logSumExp(v, n, tmp) - v[label]);
        }
    }

    /** The loss rows and the softmax of the same rows in one pass, as {@link Kernels#softmaxCrossentropy(long, long, long, long, long, int, Scratch)}. */
    public static void softmaxCrossentropy(long z, long labels, long out, long probs, long rows, int n, Scratch s) {
        double[] v = s.d(0, n);
        double[] e = s.d(1, n);
        for (long r = 0; r < rows; r++) {
            int label = Kernels.label(labels, r, n);
            loadRow(z, r, n, v);
            double max = max(v, n);
            double sum = expSum(v, max, e, n);
            Memory.putDouble(out + F * r, max + Math.log(sum) - v[label]);
            scale(e, n, 1 / sum);
            Memory.store(e, 0, probs + F * r * n, n);
        }
    }

    /** {@code out[r] = x[r, labels[r]]}. */
    public static void pick(long x, long labels, long out, long rows, int n) {
        for (long r = 0; r < rows; r++) Memory.putDouble(out + F * r, Memory.getDouble(x + F * (r * n + Kernels.label(labels, r, n))));
    }

    /** {@code out[r, :]} = one-hot of {@code labels[r]} over {@code depth} classes. */
    public static void oneHot(long labels, long out, long rows, int depth) {
        Memory.fill(out, rows * depth, 0.0);
        for (long r = 0; r < rows; r++) Memory.putDouble(out + F * (r * depth + Kernels.label(labels, r, depth)), 1.0);
    }

    /** The int32 index of the largest (or smallest) element along the middle axis of (outer, n, inner); first on ties. */
    public static void argReduce(boolean max, long x, long out, long outer, int n, long inner) {
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                int best = 0;
                double bestValue = Memory.getDouble(x + F * (o * n * inner + i));
                for (int k = 1; k < n; k++) {
                    double v = Memory.getDouble(x + F * ((o * n + k) * inner + i));
                    if (max ? v > bestValue : v < bestValue) {
                        best = k;
                        bestValue = v;
                    }
                }
                Memory.putInt(out + 4 * (o * inner + i), best);
            }
        }
    }

    /** {@code out = xᵀ} for a [rows, cols] array. */
    public static void transpose(long x, long out, long rows, long cols) {
        for (long r = 0; r < rows; r++) {
            for (long c = 0; c < cols; c++) Memory.putDouble(out + F * (c * rows + r), Memory.getDouble(x + F * (r * cols + c)));
        }
    }

    /** Softmax along the middle axis of (outer, n, inner): the axis need not be the last one. */
    public static void softmax(long x, long out, long outer, int n, long inner, Scratch s) {
        if (inner == 1) {
            softmax(x, out, outer, n, s);
            return;
        }
        double[] v = s.d(0, n);
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long at = o * n * inner + i;
                for (int k = 0; k < n; k++) v[k] = Memory.getDouble(x + F * (at + k * inner));
                softmaxInPlace(v, n);
                for (int k = 0; k < n; k++) Memory.putDouble(out + F * (at + k * inner), v[k]);
            }
        }
    }

    /** Log-softmax along the middle axis of (outer, n, inner). */
    public static void logSoftmax(long x, long out, long outer, int n, long inner, Scratch s) {
        if (inner == 1) {
            logSoftmax(x, out, outer, n, s);
            return;
        }
        double[] v = s.d(0, n);
        double[] tmp = s.d(1, n);
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long at = o * n * inner + i;
                for (int k = 0; k < n; k++) v[k] = Memory.getDouble(x + F * (at + k * inner));
                double lse = logSumExp(v, n, tmp);
                for (int k = 0; k < n; k++) Memory.putDouble(out + F * (at + k * inner), v[k] - lse);
            }
        }
    }

    private static void loadRow(long x, long r, int n, double[] v) {
        Memory.load(x + F * r * n, v, 0, n);
    }

    private static double max(double[] v, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, v[i]);
        return m;
    }

    /** {@code v[0..n)} replaced by its softmax, shifted by its max so that nothing overflows. */
    private static void softmaxInPlace(double[] v, int n) {
        scale(v, n, 1 / expSum(v, max(v, n), v, n));
    }

    private static double logSumExp(double[] v, int n, double[] tmp) {
        double max = max(v, n);
        return max + Math.log(expSum(v, max, tmp, n));
    }

    /** {@code e[i] = exp(v[i] − max)} for i &lt; n ({@code e} may be {@code v}); returns their sum. */
    private static double expSum(double[] v, double max, double[] e, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            e[i] = Math.exp(v[i] - max);
            sum += e[i];
        }
        return sum;
    }

    private static void scale(double[] v, int n, double by) {
        for (int i = 0; i < n; i++) v[i] *= by;
    }
}
