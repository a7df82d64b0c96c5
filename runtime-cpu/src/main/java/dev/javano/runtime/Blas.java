package dev.javano.runtime;

import java.util.concurrent.locks.ReentrantLock;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;

/**
 * Matrix products through OpenBLAS (bytedeco's build, loaded once on first use). <em>For
 * generated code.</em>
 *
 * <p>Matrices are raw native addresses in row-major order ({@code CblasRowMajor}): element
 * {@code (i, j)} of a matrix with leading dimension {@code ld} is at {@code address + (i * ld + j)
 * * elementSize}. Calls validate nothing beyond what OpenBLAS does (it prints an error and
 * returns on bad dims), so a wrong address or leading dimension corrupts memory. Calls allocate
 * nothing on the Java heap, and may be made from several threads at once.
 */
public final class Blas {

    private static final int ROW_MAJOR = openblas.CblasRowMajor;
    private static final int NO_TRANS = openblas.CblasNoTrans;
    private static final int TRANS = openblas.CblasTrans;

    private Blas() {}

    /** Splits products over threads when more than one is asked for; null for one thread. */
    private static GemmSplit split;
    /** Held by the one call being split; a call from another thread meanwhile runs unsplit. */
    private static final ReentrantLock SPLITTING = new ReentrantLock();
    private static final FloatBand FLOAT_BAND = new FloatBand();
    private static final DoubleBand DOUBLE_BAND = new DoubleBand();

    /**
     * Sets the number of threads every later product runs on, in the whole process. OpenBLAS
     * itself then runs single-threaded; with {@code n > 1}, a product of more than
     * {@link GemmSplit#MIN_WORK} multiply-adds is cut into {@code n} bands of C computed at once
     * (see {@link GemmSplit}): mid-sized products, which OpenBLAS keeps on one core, gain too.
     *
     * @param n the number of threads, at least 1
     */
    public static synchronized void threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("OpenBLAS needs at least 1 thread, not " + n);
        }
        Native.check();
        openblas.blas_set_num_threads(1);
        if (split != null && split.threads() == n) return;
        if (split != null) split.stop();
        split = n > 1 ? new GemmSplit(n) : null;
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} in float32, where {@code op(A)} is
     * {@code m x k}, {@code op(B)} is {@code k x n} and {@code C} is {@code m x n}; {@code op(X)}
     * is {@code X} transposed when the flag is set. With {@code beta = 0}, {@code C} is
     * overwritten (its previous contents, even NaN, are ignored).
     *
     * @param transA whether A is stored transposed ({@code k x m})
     * @param transB whether B is stored transposed ({@code n x k})
     * @param m rows of {@code op(A)} and C
     * @param n columns of {@code op(B)} and C
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param alpha scales the product
     * @param a address of A
     * @param lda row stride of A as stored: at least {@code k}, or {@code m} if transposed
     * @param b address of B
     * @param ldb row stride of B as stored: at least {@code n}, or {@code k} if transposed
     * @param beta scales C before the product is added
     * @param c address of C
     * @param ldc row stride of C, at least {@code n}
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
            long a, int lda, long b, int ldb, float beta, long c, int ldc) {
        gemm(FLOAT_BAND, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} in float64: as
     * {@link #sgemm(boolean, boolean, int, int, int, float, long, int, long, int, float, long, int)
     * sgemm}, with doubles.
     *
     * @param transA whether A is stored transposed ({@code k x m})
     * @param transB whether B is stored transposed ({@code n x k})
     * @param m rows of {@code op(A)} and C
     * @param n columns of {@code op(B)} and C
     * @param k columns of {@code op(A)}, rows of {@code op(B)}
     * @param alpha scales the product
     * @param a address of A
     * @param lda row stride of A as stored: at least {@code k}, or {@code m} if transposed
     * @param b address of B
     * @param ldb row stride of B as stored: at least {@code n}, or {@code k} if transposed
     * @param beta scales C before the product is added
     * @param c address of C
     * @param ldc row stride of C, at least {@code n}
     */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
            long a, int lda, long b, int ldb, double beta, long c, int ldc) {
        gemm(DOUBLE_BAND, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /**
     * A product in {@code band}'s precision (alpha and beta are exact in double for both): split
     * over the threads or run here, and recorded while a {@link GemmTrace} is on.
     */
    private static void gemm(Band band, boolean transA, boolean transB, int m, int n, int k, double alpha, long a, int lda,
            long b, int ldb, double beta, long c, int ldc) {
        GemmTrace trace = GemmTrace.active();
        long start = trace == null ? 0 : System.nanoTime();
        boolean split = split(band, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        if (!split) band.here(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        if (trace != null) trace.add(band.width, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, split, start);
    }

    /**
     * Runs a traced product again ({@link GemmTrace#replay}): split over the threads if it was
     * (and they are free), else on this thread alone; not traced itself unless a trace is on.
     */
    static void replay(int width, boolean split, boolean transA, boolean transB, int m, int n, int k, double alpha, long a,
            int lda, long b, int ldb, double beta, long c, int ldc) {
        Band band = width == 4 ? FLOAT_BAND : DOUBLE_BAND;
        if (split) gemm(band, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else band.here(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /**
     * The dot product of two float32 vectors of {@code n} contiguous elements (a sum of squares
     * when {@code x == y}: an L2 term), through OpenBLAS, on this thread. Not split over the
     * threads: such a pass is bound by memory, and the sum of squares of MLP's {@code [784, 500]}
     * weights took longer cut in two inside a training step (2 threads: 52–67 µs against 37–43 µs
     * for MLP20, 104–109 against 54–69 µs for MLP128).
     *
     * @param x address of the first vector
     * @param y address of the second
     * @param n the elements of each
     * @return the sum of {@code x[i] * y[i]}
     */
    public static float sdot(long x, long y, long n) {
        return (float) dot(4, x, y, n);
    }

    /**
     * The dot product of two float64 vectors: as {@link #sdot(long, long, long) sdot}, with doubles.
     *
     * @param x address of the first vector
     * @param y address of the second
     * @param n the elements of each
     * @return the sum of {@code x[i] * y[i]}
     */
    public static double ddot(long x, long y, long n) {
        return dot(8, x, y, n);
    }

    /**
     * {@code out[o, i] = Σ_k x[o, k, i]}, {@code x} of the row-major shape {@code [outer, r,
     * inner]} in {@code width}-byte elements: matrix-vector products with a vector of ones, on this
     * thread. A sum over the last axis ({@code inner == 1}) is one product for all rows; otherwise
     * each outer index is one product of its transposed {@code [r, inner]} block (column sums: a
     * bias gradient). OpenBLAS streams the rows with vector accumulators: on one core, 37–47 µs
     * for the column sums of a {@code [3584, 128]} array against 172 µs for a Java loop that loads
     * each row into the heap, 1 µs against 4 µs for {@code [600, 10]}. Not split over the threads:
     * such a pass is bound by memory, and cut in two it took longer inside a training step
     * ({@code [128, 500]}: 49–62 µs against 14 µs, 2 threads).
     *
     * @return false, having done nothing, if a dimension exceeds what OpenBLAS's int arguments can take
     */
    static boolean sums(int width, long x, long out, long outer, long r, long inner) {
        if (r > Integer.MAX_VALUE || inner * r > Integer.MAX_VALUE || outer > Integer.MAX_VALUE) return false;
        if (r == 0) { // a sum of nothing
            if (width == 4) Memory.fill(out, outer * inner, 0f);
            else Memory.fill(out, outer * inner, 0.0);
            return true;
        }
        Native p = Native.POINTERS.get();
        long ones = Ones.of(width, r);
        if (inner == 1) {
            gemv(p, width, false, (int) outer, (int) r, x, (int) r, ones, out);
            return true;
        }
        for (long o = 0; o < outer; o++) {
            gemv(p, width, true, (int) r, (int) inner, x + width * o * r * inner, (int) inner, ones, out + width * o * inner);
        }
        return true;
    }

    /** {@code y = op(A) x} for a row-major {@code [m, n]} A ({@code op(A)} its transpose when {@code trans}). */
    private static void gemv(Native p, int width, boolean trans, int m, int n, long a, int lda, long x, long y) {
        int t = trans ? TRANS : NO_TRANS;
        if (width == 4) openblas.cblas_sgemv(ROW_MAJOR, t, m, n, 1f, p.fa.at(a), lda, p.fb.at(x), 1, 0f, p.fc.at(y), 1);
        else openblas.cblas_dgemv(ROW_MAJOR, t, m, n, 1.0, p.da.at(a), lda, p.db.at(x), 1, 0.0, p.dc.at(y), 1);
    }

    /**
     * Native vectors of ones for {@link #sums}, one per element width, shared by every thread and
     * only ever read. A longer one replaces a shorter (at least doubling it); the shorter is not
     * freed, since a thread may still be reading it, so at most as many bytes again are kept.
     */
    private static final class Ones {
        private record Vector(long address, long count) {}

        private static volatile Vector floats = new Vector(0, 0);
        private static volatile Vector doubles = new Vector(0, 0);

        /** The address of at least {@code n} ones of {@code width} bytes. */
        static long of(int width, long n) {
            Vector v = width == 4 ? floats : doubles;
            return v.count >= n ? v.address : grow(width, n);
        }

        private static synchronized long grow(int width, long n) {
            Vector v = width == 4 ? floats : doubles;
            if (v.count >= n) return v.address;
            long count = Math.max(n, 2 * v.count);
            long address = Memory.allocate(width * count);
            if (width == 4) Memory.fill(address, count, 1f);
            else Memory.fill(address, count, 1.0);
            if (width == 4) floats = new Vector(address, count);
            else doubles = new Vector(address, count);
            return address;
        }
    }

    /**
     * Runs the product as bands on the split's threads, if there are several and the product is
     * large enough, and no other thread is splitting one; false if it must run here instead.
     */
    private static boolean split(Band band, boolean transA, boolean transB, int m, int n, int k, double alpha, long a,
            int lda, long b, int ldb, double beta, long c, int ldc) {
        GemmSplit s = split; // read once: threads(n) may replace it
        if (s == null || (long) m * n * k < GemmSplit.MIN_WORK || !lockThreads()) return false;
        try { // the band's fields belong to the holder of the lock
            band.set(transA, transB, m, n, k, lda, ldb, ldc, a, b, c);
            band.alpha = alpha;
            band.beta = beta;
            s.run(band.size(), band, Integer.MAX_VALUE);
            return true;
        } finally {
            SPLITTING.unlock();
        }
    }

    /**
     * Takes the threads for one split, unless another thread has them, or this one already does:
     * a product or loop inside a split piece (a row band of {@link SplitRows}) runs on its own
     * thread, since the workers are busy with the other pieces.
     */
    private static boolean lockThreads() {
        if (SPLITTING.isHeldByCurrentThread()) return false;
        return SPLITTING.tryLock();
    }

    /** The threads products and split loops run on: those of the last {@link #threads} call. */
    static int splitThreads() {
        GemmSplit s = split;
        return s == null ? 1 : s.threads();
    }

    /**
     * Runs {@code band} over {@code [0, size)} cut into one piece per thread of {@link #threads},
     * at most {@code most} (the pieces the band prepared for, should {@code threads} have changed
     * meanwhile), if there are several and no other thread is using them (for a loop of
     * {@link SplitLoop}, {@link SplitRows} or a kernel's {@code Pieces}); false if the caller must
     * run it all itself.
     */
    static boolean onThreads(int size, GemmSplit.Band band, int most) {
        GemmSplit s = split; // read once: threads(n) may replace it
        if (s == null || !lockThreads()) return false;
        try {
            s.run(size, band, most);
            return true;
        } finally {
            SPLITTING.unlock();
        }
    }

    /**
     * A product cut into bands of C: rows when C is taller than wide, else columns. One
     * instance per precision, reused by every split call (one at a time: {@link #SPLITTING}).
     */
    private abstract static class Band implements GemmSplit.Band {
        boolean transA;
        boolean transB;
        boolean byRows;
        int m;
        int n;
        int k;
        int lda;
        int ldb;
        int ldc;
        long a;
        long b;
        long c;
        /** alpha and beta, exact in double for both precisions. */
        double alpha;
        double beta;
        final int width;

        Band(int width) {
            this.width = width;
        }

        void set(boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int ldc, long a, long b, long c) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.lda = lda;
            this.ldb = ldb;
            this.ldc = ldc;
            this.a = a;
            this.b = b;
            this.c = c;
            this.byRows = m >= n;
        }

        int size() {
            return byRows ? m : n;
        }

        @Override
        public void run(int part, int from, int to) {
            if (to <= from) return;
            if (byRows) {
                long aFrom = a + (long) width * from * (transA ? 1 : lda);
                here(transA, transB, to - from, n, k, alpha, aFrom, lda, b, ldb, beta, c + (long) width * from * ldc, ldc);
            } else {
                long bFrom = b + (long) width * from * (transB ? ldb : 1);
                here(transA, transB, m, to - from, k, alpha, a, lda, bFrom, ldb, beta, c + (long) width * from, ldc);
            }
        }

        /** The whole product on this thread, one OpenBLAS call; reads no field but the width, so any thread may call it. */
        abstract void here(boolean transA, boolean transB, int m, int n, int k, double alpha, long a, int lda, long b, int ldb,
                double beta, long c, int ldc);
    }

    private static final class FloatBand extends Band {
        FloatBand() {
            super(4);
        }

        @Override
        void here(boolean transA, boolean transB, int m, int n, int k, double alpha, long a, int lda, long b, int ldb,
                double beta, long c, int ldc) {
            Native p = Native.POINTERS.get();
            openblas.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                    (float) alpha, p.fa.at(a), lda, p.fb.at(b), ldb, (float) beta, p.fc.at(c), ldc);
        }
    }

    private static final class DoubleBand extends Band {
        DoubleBand() {
            super(8);
        }

        @Override
        void here(boolean transA, boolean transB, int m, int n, int k, double alpha, long a, int lda, long b, int ldb,
                double beta, long c, int ldc) {
            Native p = Native.POINTERS.get();
            openblas.cblas_dgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                    alpha, p.da.at(a), lda, p.db.at(b), ldb, beta, p.dc.at(c), ldc);
        }
    }

    /** {@link #sdot} or {@link #ddot}, in pieces OpenBLAS's int counts can take. */
    private static double dot(int width, long x, long y, long n) {
        Native p = Native.POINTERS.get();
        double total = 0;
        for (long done = 0; done < n; done += Integer.MAX_VALUE) {
            int count = (int) Math.min(Integer.MAX_VALUE, n - done);
            long offset = done * width;
            total += width == 4 ? openblas.cblas_sdot(count, p.fa.at(x + offset), 1, p.fb.at(y + offset), 1)
                    : openblas.cblas_ddot(count, p.da.at(x + offset), 1, p.db.at(y + offset), 1);
        }
        return total;
    }

    /**
     * Loads OpenBLAS when first used, and holds each thread's reusable pointer objects: JavaCPP
     * passes a native address as a {@code Pointer}, and allocating one per call would allocate
     * on every training step.
     */
    private static final class Native {

        private static final Throwable FAILURE = load();
        static final ThreadLocal<Native> POINTERS = ThreadLocal.withInitial(() -> {
            check();
            return new Native();
        });

        final FloatAt fa = new FloatAt();
        final FloatAt fb = new FloatAt();
        final FloatAt fc = new FloatAt();
        final DoubleAt da = new DoubleAt();
        final DoubleAt db = new DoubleAt();
        final DoubleAt dc = new DoubleAt();

        private static Throwable load() {
            try {
                Loader.load(openblas.class);
                return null;
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ...
                return e;
            }
        }

        static void check() {
            if (FAILURE != null) {
                throw new IllegalStateException("cannot load OpenBLAS for platform " + Loader.getPlatform()
                        + ": Javano's CPU runtime needs the native library of org.bytedeco:openblas for"
                        + " this platform (its jar with the classifier " + Loader.getPlatform()
                        + ") on the class path", FAILURE);
            }
        }
    }

    /** A {@code float*} whose address is set before each call; never owns memory. */
    private static final class FloatAt extends FloatPointer {
        FloatPointer at(long address) {
            this.address = address;
            return this;
        }
    }

    /** A {@code double*} whose address is set before each call; never owns memory. */
    private static final class DoubleAt extends DoublePointer {
        DoublePointer at(long address) {
            this.address = address;
            return this;
        }
    }
}
