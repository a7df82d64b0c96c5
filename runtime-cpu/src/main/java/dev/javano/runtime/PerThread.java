package dev.javano.runtime;

/**
 * The scratch arrays of each thread a split kernel runs on: the caller's own (the model's) for
 * piece 0, and one made on first use for each worker, kept for the model's life.
 */
final class PerThread {

    private final int arrays;
    private Scratch[] scratch = new Scratch[1];

    PerThread(int arrays) {
        this.arrays = arrays;
    }

    /**
     * Before a split run, on the calling thread: room for {@code threads} pieces, piece 0 with the
     * caller's scratch ({@code own}; when null, one of its own).
     */
    void prepare(Scratch own, int threads) {
        if (scratch.length < threads) scratch = java.util.Arrays.copyOf(scratch, threads);
        if (own != null) scratch[0] = own;
    }

    /** The scratch of piece {@code part}, made on its first use. */
    Scratch of(int part) {
        if (scratch[part] == null) scratch[part] = new Scratch(arrays, arrays);
        return scratch[part];
    }
}
