package dev.javano.runtime;

/**
 * A kernel of {@link Kernels} cut over the threads of {@link Blas#threads} when it is large: a
 * subclass holds one call's arguments in fields and computes one piece of it. Each thread that
 * calls kernels has its own instances ({@link ThreadLocal}), so the fields of one call are never
 * another's, and nothing is allocated per call.
 */
abstract class Pieces implements GemmSplit.Band {

    /** Elements below which a kernel runs on the calling thread alone: a hand-over costs a few µs. */
    static final long MIN_ELEMENTS = 32L * Scratch.CHUNK;

    private final PerThread pieces = new PerThread(4);

    /**
     * Runs the pieces of {@code [0, size)} on the threads, if there are several and free and the
     * kernel touches at least {@link #MIN_ELEMENTS} elements; false if the caller must run it whole.
     */
    final boolean split(int size, long elements, Scratch own) {
        return elements >= MIN_ELEMENTS && pieces.split(this, size, own);
    }

    @Override
    public final void run(int part, int from, int to) {
        if (from < to) piece(pieces.of(part), from, to);
    }

    /** Computes piece {@code [from, to)} with the arrays of {@code s}. */
    abstract void piece(Scratch s, int from, int to);
}
