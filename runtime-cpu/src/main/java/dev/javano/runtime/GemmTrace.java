package dev.javano.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The matrix products a model asks of {@link Blas}, recorded with the time each took: for
 * benchmarks, which replay them alone to find the "GEMM floor" of a training step (what the same
 * products cost with nothing else around them) and compare it with the step. <em>Not for
 * generated code.</em>
 *
 * <p>While a trace is on ({@link #start} until {@link #stop}), every {@code Blas.sgemm} and
 * {@code Blas.dgemm} call, from any thread, is timed and appended, which allocates; when none is
 * on, the cost to a product is one field read. Bands of a product split over threads are not
 * recorded apart: the call is, with its whole time.
 */
public final class GemmTrace {

    /**
     * One product as it was asked for: the arguments of {@code Blas.sgemm} (or {@code dgemm},
     * {@code width} 8), whether it was split over the threads, the nanoseconds it took, and
     * whether the thread that started the trace asked for it (not a worker running a band of rows
     * of a loop, whose products run alongside the caller's).
     */
    public record Call(int width, boolean transA, boolean transB, int m, int n, int k, double alpha, long a,
            int lda, long b, int ldb, double beta, long c, int ldc, boolean split, long nanos, boolean caller) {

        /** Floating-point operations: a multiply and an add per term. */
        public double flops() {
            return 2.0 * m * n * k;
        }

        /** Bytes from {@code a} that the call reads. */
        public long bytesOfA() {
            return extent(transA ? k : m, transA ? m : k, lda);
        }

        /** Bytes from {@code b} that the call reads. */
        public long bytesOfB() {
            return extent(transB ? n : k, transB ? k : n, ldb);
        }

        /** Bytes from {@code c} that the call reads or writes. */
        public long bytesOfC() {
            return extent(m, n, ldc);
        }

        private long extent(int rows, int cols, int ld) {
            return rows == 0 || cols == 0 ? 0 : ((long) (rows - 1) * ld + cols) * width;
        }
    }

    private static volatile GemmTrace active;

    private final List<Call> calls = new ArrayList<>();
    private final Thread starter = Thread.currentThread();

    private GemmTrace() {}

    /**
     * Starts recording every product of the process.
     *
     * @throws IllegalStateException if a trace is already on
     */
    public static synchronized GemmTrace start() {
        if (active != null) throw new IllegalStateException("a GemmTrace is already recording");
        active = new GemmTrace();
        return active;
    }

    /** Stops recording; returns the products recorded since {@link #start}, in call order. */
    public List<Call> stop() {
        synchronized (GemmTrace.class) {
            if (active == this) active = null;
        }
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /**
     * Runs {@code call} again on other matrices, as it ran: split over the threads if it was (and
     * they are free), else on this thread alone (a product inside a band of rows).
     */
    public static void replay(Call call, long a, long b, long c) {
        Blas.replay(call.width(), call.split(), call.transA(), call.transB(), call.m(), call.n(), call.k(), call.alpha(), a,
                call.lda(), b, call.ldb(), call.beta(), c, call.ldc());
    }

    /** The trace on now, or null. */
    static GemmTrace active() {
        return active;
    }

    /** Records a product that started at {@code start} ({@link System#nanoTime}) and has just ended. */
    void add(int width, boolean transA, boolean transB, int m, int n, int k, double alpha, long a, int lda, long b, int ldb,
            double beta, long c, int ldc, boolean split, long start) {
        Call call = new Call(width, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, split,
                System.nanoTime() - start, Thread.currentThread() == starter);
        synchronized (calls) {
            calls.add(call);
        }
    }
}
