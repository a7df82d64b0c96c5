package dev.javano.runtime;

/**
 * What each piece of a split kernel has of its own, and the split itself: the scratch arrays of
 * each thread it runs on (the caller's own, the model's, for piece 0; one made on first use for
 * each worker, kept for the model's life) and each piece's result. {@link SplitLoop},
 * {@link SplitRows} and the kernels of {@link Kernels} hand their pieces out through one of these.
 */
final class PerThread {

    private final int arrays;
    private Scratch[] scratch = new Scratch[1];
    private double[] results = new double[1];

    PerThread(int arrays) {
        this.arrays = arrays;
    }

    /**
     * Runs {@code band}'s pieces of {@code [0, size)}, one per thread of {@link Blas#threads}, if
     * there are several and free and {@code size} is at least 2; piece 0 on this thread with
     * {@code own} (when null, a scratch of its own). False if the caller must run it whole.
     */
    boolean split(GemmSplit.Band band, int size, Scratch own) {
        int threads = Blas.splitThreads();
        if (threads == 1 || size < 2) return false;
        if (scratch.length < threads) {
            scratch = java.util.Arrays.copyOf(scratch, threads);
            results = new double[threads];
        }
        if (own != null) scratch[0] = own;
        java.util.Arrays.fill(results, 0);
        return Blas.onThreads(size, band, threads);
    }

    /** The scratch of piece {@code part}, made on its first use. */
    Scratch of(int part) {
        if (scratch[part] == null) scratch[part] = new Scratch(arrays, arrays);
        return scratch[part];
    }

    /** Records piece {@code part}'s result (a summing kernel's partial sum). */
    void result(int part, double value) {
        results[part] = value;
    }

    /** After a split: the pieces' results added in piece order, so the total never depends on timing. */
    double total() {
        double total = 0;
        for (double r : results) total += r;
        return total;
    }
}
