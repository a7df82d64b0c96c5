package dev.javano.runtime;

/**
 * The float32 kernels that are not worth generating, for generated code: reductions, the
 * softmax family, label lookups, transposes and block copies, all over native memory (raw
 * addresses of row-major arrays). Labels are int32. Inner loops work on heap chunks from a
 * {@link Scratch} so that HotSpot vectorizes them.
 */
public final class Kernels {

    private static final int F = 4;

    private Kernels() {}

    /**
     * {@code out[o, i] = Σ_r x[o, r, i]} (or max, or min): a reduction over the middle axis. Sums
     * are matrix-vector products ({@link Blas#sums}); maxima and minima are loops here, cut over
     * the threads when large.
     */
    public static void reduce(int kind, long x, long out, long outer, long r, long inner, Scratch s) {
        if (kind == SUM && Blas.sums(F, x, out, outer, r, inner)) return;
        Reduce split = REDUCE.get();
        split.kind = kind;
        split.x = x;
        split.out = out;
        split.outer = outer;
        split.r = r;
        split.inner = inner;
        boolean byOuter = outer > 1;
        split.byOuter = byOuter;
        long size = byOuter ? outer : inner;
        if (size > Integer.MAX_VALUE || !split.split((int) size, outer * r * inner, s)) reduce(kind, x, out, 0, outer, r, inner, 0, inner, s);
    }

    /** {@link #reduce} of outer indices {@code [o0, o1)} and inner ones {@code [i0, i1)}. */
    private static void reduce(int kind, long x, long out, long o0, long o1, long r, long inner, long i0, long i1, Scratch s) {
        if (i0 == 0 && i1 == inner && inner < SHORT_ROW) {
            reduceShortRows(kind, x, out, o0, o1, r, (int) inner, s);
            return;
        }
        float[] acc = s.f(0);
        float[] row = s.f(1);
        for (long o = o0; o < o1; o++) {
            for (long base = i0; base < i1; base += Scratch.CHUNK) {
                int len = (int) Math.min(Scratch.CHUNK, i1 - base);
                Memory.load(x + F * (o * r * inner + base), acc, 0, len);
                for (long k = 1; k < r; k++) {
                    Memory.load(x + F * ((o * r + k) * inner + base), row, 0, len);
                    combine(kind, acc, row, 0, len);
                }
                Memory.store(acc, 0, out + F * (o * inner + base), len);
            }
        }
    }

    /**
     * Rows shorter than this are reduced {@link #reduceShortRows a chunk of rows at a time}. Not
     * longer ones: C2 does not vectorize {@code acc[i] = max(acc[i], rows[from + i])} (it cannot
     * rule out that the two arrays are one), which costs more than a native copy per row from here
     * on (measured on sums, before they went to {@link Blas#sums}: [3584, 128] 82 µs a row at a
     * time, 200 µs a chunk at a time; [600, 10] 9.2 against 4.9 µs; microbenchmark, one thread).
     */
    private static final int SHORT_ROW = 32;

    /**
     * {@link #reduce} of outer indices {@code [o0, o1)} when the rows are short (a bias gradient
     * over 10 classes): as many rows as fill a chunk are loaded at once, rather than one native
     * copy per row, then combined into the accumulator in order, so the result is the same.
     */
    private static void reduceShortRows(int kind, long x, long out, long o0, long o1, long r, int n, Scratch s) {
        float[] acc = s.f(0);
        float[] rows = s.f(1);
        int block = Scratch.CHUNK / n;
        for (long o = o0; o < o1; o++) {
            long first = x + F * o * r * n;
            Memory.load(first, acc, 0, n);
            for (long k = 1; k < r; k += block) {
                int m = (int) Math.min(block, r - k);
                Memory.load(first + F * k * n, rows, 0, m * n);
                for (int j = 0; j < m; j++) combine(kind, acc, rows, j * n, n);
            }
            Memory.store(acc, 0, out + F * o * n, n);
        }
    }

    /** A reduction cut by outer index when there are several, else by inner index (a bias gradient's columns). */
    private static final class Reduce extends Pieces {
        int kind;
        long x;
        long out;
        long outer;
        long r;
        long inner;
        boolean byOuter;

        @Override
        void piece(Scratch s, int from, int to) {
            if (byOuter) reduce(kind, x, out, from, to, r, inner, 0, inner, s);
            else reduce(kind, x, out, 0, outer, r, inner, from, to, s);
        }
    }

    private static final ThreadLocal<Reduce> REDUCE = ThreadLocal.withInitial(Reduce::new);

    /** Reduction kinds, as {@link #reduce} takes them. */
    public static final int SUM = 0;
    public static final int MAX = 1;
    public static final int MIN = 2;

    /** {@code acc[i]} combined with {@code row[from + i]} for i &lt; len. */
    private static void combine(int kind, float[] acc, float[] row, int from, int len) {
        if (kind == SUM) for (int i = 0; i < len; i++) acc[i] += row[from + i];
        else if (kind == MAX) for (int i = 0; i < len; i++) acc[i] = Math.max(acc[i], row[from + i]);
        else for (int i = 0; i < len; i++) acc[i] = Math.min(acc[i], row[from + i]);
    }

    /**
     * Σ of {@code n} elements. Chunks are added lane by lane into an accumulator chunk (a loop
     * HotSpot vectorizes, unlike a running scalar sum), which is summed in double at the end.
     */
    public static float sumAll(long x, long n, Scratch s) {
        float[] chunk = s.f(0);
        float[] acc = s.f(1);
        java.util.Arrays.fill(acc, 0f);
        for (long base = 0; base < n; base += Scratch.CHUNK) {
            int len = (int) Math.min(Scratch.CHUNK, n - base);
            Memory.load(x + F * base, chunk, 0, len);
            for (int i = 0; i < len; i++) acc[i] += chunk[i];
        }
        double total = 0;
        for (float a : acc) total += a;
        return (float) total;
    }

    /** The sum of an accumulator array that a fused loop filled lane by lane, added in double. */
    public static float total(float[] lanes) {
        double sum = 0;
        for (float v : lanes) sum += v;
        return (float) sum;
    }

    /**
     * Row-wise softmax over the last axis of a [rows, n] array. Rows go a block at a time (as many
     * as fill a chunk), so that the exponentials run as one vectorized loop over the block rather
     * than one short loop per row (a row of 10 classes is too short for C2 to vectorize).
     */
    public static void softmax(long x, long out, long rows, int n, Scratch s) {
        int block = rowsPerBlock(n);
        float[] v = s.f(0, block * n);
        float[] max = s.f(1, block);
        for (long r = 0; r < rows; r += block) {
            int k = (int) Math.min(block, rows - r);
            Memory.load(x + F * r * n, v, 0, k * n);
            softmaxRows(v, k, n, max);
            Memory.store(v, 0, out + F * r * n, k * n);
        }
    }

    /** Row-wise log-softmax over the last axis, a block of rows at a time as {@link #softmax(long, long, long, int, Scratch) softmax}. */
    public static void logSoftmax(long x, long out, long rows, int n, Scratch s) {
        logSoftmaxBlocks(x, 0, out, 0, rows, n, false, s);
    }

    /** {@code out[r] = −log softmax(z[r])[labels[r]]}, with the labels checked; a block of rows at a time. */
    public static void softmaxCrossentropy(long z, long labels, long out, long rows, int n, Scratch s) {
        logSoftmaxBlocks(z, labels, out, 0, rows, n, true, s);
    }

    /**
     * {@link #softmaxCrossentropy(long, long, long, long, int, Scratch) softmaxCrossentropy} and
     * {@link #softmax(long, long, long, int, Scratch) softmax} of the same rows in one pass (a
     * training step's loss and the probabilities its gradient starts from): {@code out[r]} and
     * {@code probs[r, :]}, each the same to the bit as its own kernel gives.
     */
    public static void softmaxCrossentropy(long z, long labels, long out, long probs, long rows, int n, Scratch s) {
        logSoftmaxBlocks(z, labels, out, probs, rows, n, true, s);
    }

    /**
     * Each row's log Σ exp, a block of rows at a time; the softmax of each row into {@code probs}
     * unless it is 0; then either each row's log-softmax into {@code out} (a [rows, n] array), or,
     * with {@code pick}, the log-softmax of each row's label, negated, into {@code out[r]}.
     */
    private static void logSoftmaxBlocks(long z, long labels, long out, long probs, long rows, int n, boolean pick, Scratch s) {
        int block = rowsPerBlock(n);
        float[] v = s.f(0, block * n);
        float[] e = s.f(1, block * n);
        float[] lse = s.f(2, block);
        for (long r = 0; r < rows; r += block) {
            int k = (int) Math.min(block, rows - r);
            Memory.load(z + F * r * n, v, 0, k * n);
            logSumExps(v, e, k, n, lse);
            if (probs != 0) {
                normalizeRows(e, k, n);
                Memory.store(e, 0, probs + F * r * n, k * n);
            }
            if (pick) {
                for (int i = 0; i < k; i++) Memory.putFloat(out + F * (r + i), lse[i] - v[i * n + label(labels, r + i, n)]);
                continue;
            }
            for (int i = 0, o = 0; i < k; i++, o += n) {
                for (int j = o; j < o + n; j++) v[j] -= lse[i];
            }
            Memory.store(v, 0, out + F * r * n, k * n);
        }
    }

    /** {@code out[r] = x[r, labels[r]]}. */
    public static void pick(long x, long labels, long out, long rows, int n) {
        for (long r = 0; r < rows; r++) Memory.putFloat(out + F * r, Memory.getFloat(x + F * (r * n + label(labels, r, n))));
    }

    /** {@code out[r, :]} = one-hot of {@code labels[r]} over {@code depth} classes. */
    public static void oneHot(long labels, long out, long rows, int depth) {
        Memory.fill(out, rows * depth, 0f);
        for (long r = 0; r < rows; r++) Memory.putFloat(out + F * (r * depth + label(labels, r, depth)), 1f);
    }

    /** The int32 index of the largest (or smallest) element along the middle axis of (outer, n, inner); first on ties. */
    public static void argReduce(boolean max, long x, long out, long outer, int n, long inner) {
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                int best = 0;
                float bestValue = Memory.getFloat(x + F * (o * n * inner + i));
                for (int k = 1; k < n; k++) {
                    float v = Memory.getFloat(x + F * ((o * n + k) * inner + i));
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
            for (long c = 0; c < cols; c++) Memory.putFloat(out + F * (c * rows + r), Memory.getFloat(x + F * (r * cols + c)));
        }
    }

    /** Every row of the [rows, n] array {@code out} set to the [n] array {@code row} ({@code width}-byte elements): a bias as gemm's C. */
    public static void fillRows(long out, long row, long rows, long n, int width) {
        for (long r = 0; r < rows; r++) Memory.copy(row, out + width * r * n, width * n);
    }

    /**
     * Copies {@code blocks} runs of {@code length} elements of {@code width} bytes each: run b goes
     * from {@code src + (b·srcStride)} to {@code dst + (b·dstStride)}, strides in elements. Slices,
     * their gradients and concatenations are all such copies.
     */
    public static void copyBlocks(long src, long srcStride, long dst, long dstStride, long blocks, long length, int width) {
        for (long b = 0; b < blocks; b++) Memory.copy(src + width * b * srcStride, dst + width * b * dstStride, width * length);
    }

    /** As {@link #copyBlocks}, but element by element with a step along the source (strided slices, flips). */
    public static void copyStrided(long src, long srcStride, long step, long dst, long dstStride, long blocks, long length,
            long inner, int width) {
        for (long b = 0; b < blocks; b++) {
            for (long k = 0; k < length; k++) {
                Memory.copy(src + width * (b * srcStride + k * step * inner), dst + width * (b * dstStride + k * inner),
                        width * inner);
            }
        }
    }

    /** A zeroed multi-index of rank {@code r}: the thread's own up to rank 16, so that a copy allocates nothing. */
    private static long[] indexOfRank(int r) {
        if (r > INDEX_RANK) return new long[r];
        long[] index = INDEX.get();
        java.util.Arrays.fill(index, 0, r, 0);
        return index;
    }

    private static final int INDEX_RANK = 16;
    private static final ThreadLocal<long[]> INDEX = ThreadLocal.withInitial(() -> new long[INDEX_RANK]);

    /**
     * Copies an array of the row-major shape {@code dims}, element by element ({@code width}
     * bytes each): element {@code (i0, i1, ...)} is read at {@code src + Σ ik·srcStrides[k]} and
     * written at {@code dst + Σ ik·dstStrides[k]}, strides in elements, of any sign, 0 to repeat.
     * Transposes of any rank, general broadcasts, and the gradients of strided slices are such copies.
     */
    public static void copyNd(long src, long[] srcStrides, long dst, long[] dstStrides, long[] dims, int width) {
        int r = dims.length;
        long total = 1;
        for (long d : dims) total *= d;
        if (total == 0) return;
        if (r == 0) {
            copyElement(src, dst, width);
            return;
        }
        Copy split = COPY.get();
        split.src = src;
        split.srcStrides = srcStrides;
        split.dst = dst;
        split.dstStrides = dstStrides;
        split.dims = dims;
        split.width = width;
        if (dims[0] > Integer.MAX_VALUE || !split.split((int) dims[0], total, null)) copyNd(src, srcStrides, dst, dstStrides, dims, dims[0], width);
    }

    /** A copy cut along its first axis; each piece counts its own part of that axis. */
    private static final class Copy extends Pieces {
        long src;
        long[] srcStrides;
        long dst;
        long[] dstStrides;
        long[] dims;
        int width;

        @Override
        void piece(Scratch s, int from, int to) {
            copyNd(src + (long) width * from * srcStrides[0], srcStrides, dst + (long) width * from * dstStrides[0], dstStrides,
                    dims, to - from, width);
        }
    }

    private static final ThreadLocal<Copy> COPY = ThreadLocal.withInitial(Copy::new);

    /** {@link #copyNd} with {@code first} in place of {@code dims[0]}. */
    private static void copyNd(long src, long[] srcStrides, long dst, long[] dstStrides, long[] dims, long first, int width) {
        int r = dims.length;
        long total = first;
        for (int k = 1; k < r; k++) total *= dims[k];
        long[] index = indexOfRank(r);
        long s = 0;
        long d = 0;
        long last = r == 1 ? first : dims[r - 1];
        long ss = srcStrides[r - 1];
        long ds = dstStrides[r - 1];
        boolean rows = ss == 1 && ds == 1; // contiguous innermost runs on both sides: one block copy each
        for (long done = 0; done < total; done += last) {
            if (rows) Memory.copy(src + width * s, dst + width * d, width * last);
            else for (long i = 0; i < last; i++) copyElement(src + width * (s + i * ss), dst + width * (d + i * ds), width);
            for (int k = r - 2; k >= 0; k--) {
                s += srcStrides[k];
                d += dstStrides[k];
                long size = k == 0 ? first : dims[k];
                if (++index[k] < size) break;
                s -= size * srcStrides[k];
                d -= size * dstStrides[k];
                index[k] = 0;
            }
        }
    }

    private static void copyElement(long from, long to, int width) {
        if (width == 8) Memory.putDouble(to, Memory.getDouble(from));
        else Memory.putInt(to, Memory.getInt(from));
    }

    /** Softmax along the middle axis of (outer, n, inner): the axis need not be the last one. */
    public static void softmax(long x, long out, long outer, int n, long inner, Scratch s) {
        if (inner == 1) {
            softmax(x, out, outer, n, s);
            return;
        }
        float[] v = s.f(0, n);
        float[] max = s.f(1, 1);
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long at = o * n * inner + i;
                for (int k = 0; k < n; k++) v[k] = Memory.getFloat(x + F * (at + k * inner));
                softmaxRows(v, 1, n, max);
                for (int k = 0; k < n; k++) Memory.putFloat(out + F * (at + k * inner), v[k]);
            }
        }
    }

    /** Log-softmax along the middle axis of (outer, n, inner). */
    public static void logSoftmax(long x, long out, long outer, int n, long inner, Scratch s) {
        if (inner == 1) {
            logSoftmax(x, out, outer, n, s);
            return;
        }
        float[] v = s.f(0, n);
        float[] tmp = s.f(1, n);
        float[] lse = s.f(2, 1);
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                long at = o * n * inner + i;
                for (int k = 0; k < n; k++) v[k] = Memory.getFloat(x + F * (at + k * inner));
                logSumExps(v, tmp, 1, n, lse);
                for (int k = 0; k < n; k++) Memory.putFloat(out + F * (at + k * inner), v[k] - lse[0]);
            }
        }
    }

    /** {@link #reduce} for int32 arrays (sums wrap around as Java's int arithmetic does). */
    public static void reduceInts(int kind, long x, long out, long outer, long r, long inner) {
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                int acc = Memory.getInt(x + 4 * (o * r * inner + i));
                for (long k = 1; k < r; k++) {
                    int v = Memory.getInt(x + 4 * ((o * r + k) * inner + i));
                    acc = kind == SUM ? acc + v : kind == MAX ? Math.max(acc, v) : Math.min(acc, v);
                }
                Memory.putInt(out + 4 * (o * inner + i), acc);
            }
        }
    }

    /** Σ of {@code n} int32 elements. */
    public static int sumInts(long x, long n) {
        int total = 0;
        for (long i = 0; i < n; i++) total += Memory.getInt(x + 4 * i);
        return total;
    }

    /** {@link #argReduce} for int32 arrays. */
    public static void argReduceInts(boolean max, long x, long out, long outer, int n, long inner) {
        for (long o = 0; o < outer; o++) {
            for (long i = 0; i < inner; i++) {
                int best = 0;
                int bestValue = Memory.getInt(x + 4 * (o * n * inner + i));
                for (int k = 1; k < n; k++) {
                    int v = Memory.getInt(x + 4 * ((o * n + k) * inner + i));
                    if (max ? v > bestValue : v < bestValue) {
                        best = k;
                        bestValue = v;
                    }
                }
                Memory.putInt(out + 4 * (o * inner + i), best);
            }
        }
    }

    /**
     * A reduction over any set of axes of the row-major array {@code x} of shape {@code dims}
     * (those with {@code reduced[k]}), element by element: for axes that are not adjacent, which
     * {@link #reduce} cannot do in one pass. {@code type} is a {@link Broadcasts} element type;
     * the result, of the shape without the reduced axes, has the same type.
     */
    public static void reduceAxes(int kind, int type, long x, long out, long[] dims, boolean[] reduced) {
        int r = dims.length;
        long total = 1;
        long outSize = 1;
        long[] outStrides = new long[r];
        for (int k = r - 1; k >= 0; k--) {
            total *= dims[k];
            outStrides[k] = reduced[k] ? 0 : outSize;
            if (!reduced[k]) outSize *= dims[k];
        }
        double start = kind == SUM ? 0 : kind == MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        double[] acc = new double[(int) outSize];
        java.util.Arrays.fill(acc, start);
        long[] index = new long[r];
        int o = 0;
        for (long e = 0; e < total; e++) {
            double v = type == Broadcasts.FLOAT64 ? Memory.getDouble(x + 8 * e)
                    : type == Broadcasts.FLOAT32 ? Memory.getFloat(x + 4 * e) : Memory.getInt(x + 4 * e);
            acc[o] = kind == SUM ? acc[o] + v : kind == MAX ? Math.max(acc[o], v) : Math.min(acc[o], v);
            for (int k = r - 1; k >= 0; k--) {
                o += (int) outStrides[k];
                if (++index[k] < dims[k]) break;
                o -= (int) (dims[k] * outStrides[k]);
                index[k] = 0;
            }
        }
        for (int i = 0; i < outSize; i++) {
            if (type == Broadcasts.FLOAT64) Memory.putDouble(out + 8L * i, acc[i]);
            else if (type == Broadcasts.FLOAT32) Memory.putFloat(out + 4L * i, (float) acc[i]);
            else Memory.putInt(out + 4L * i, (int) acc[i]);
        }
    }

    /** Whole rows of length {@code n} that fit in a chunk, at least one. */
    private static int rowsPerBlock(int n) {
        return Math.max(1, Scratch.CHUNK / Math.max(1, n));
    }

    /** {@code out} = each of the {@code k} rows of {@code v} less its max (so that exp cannot overflow), the max in {@code max[i]}. */
    private static void shiftByRowMax(float[] v, float[] out, int k, int n, float[] max) {
        for (int i = 0, o = 0; i < k; i++, o += n) {
            float m = Float.NEGATIVE_INFINITY;
            for (int j = o; j < o + n; j++) m = Math.max(m, v[j]);
            for (int j = o; j < o + n; j++) out[j] = v[j] - m;
            max[i] = m;
        }
    }

    /** Each of the {@code k} rows of {@code v} replaced by its softmax; {@code max} is scratch for a value per row. */
    private static void softmaxRows(float[] v, int k, int n, float[] max) {
        shiftByRowMax(v, v, k, n, max);
        FastMath.exp(v, 0, v, 0, k * n);
        normalizeRows(v, k, n);
    }

    /** Each of the {@code k} rows of {@code v} divided by its sum (times the sum's reciprocal). */
    private static void normalizeRows(float[] v, int k, int n) {
        for (int i = 0, o = 0; i < k; i++, o += n) {
            float inv = 1f / sum(v, o, n);
            for (int j = o; j < o + n; j++) v[j] *= inv;
        }
    }

    private static float sum(float[] v, int from, int n) {
        float sum = 0;
        for (int j = from; j < from + n; j++) sum += v[j];
        return sum;
    }

    /** {@code lse[i]} = log Σ exp of row i of the {@code k} rows of {@code v}, shifted by the row's max; {@code e} is scratch. */
    private static void logSumExps(float[] v, float[] e, int k, int n, float[] lse) {
        shiftByRowMax(v, e, k, n, lse);
        FastMath.exp(e, 0, e, 0, k * n);
        for (int i = 0; i < k; i++) lse[i] += FastMath.log(sum(e, i * n, n));
    }

    /** The label of row {@code r}, checked against the number of classes. */
    static int label(long labels, long r, int classes) {
        int label = Memory.getInt(labels + 4 * r);
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " at index " + r + " is not a class in [0, " + classes + ")");
        }
        return label;
    }
}
