package dev.javano.runtime;

/**
 * An elementwise kernel of generated code that runs its chunks on the threads of
 * {@link Blas#threads} when it is large enough to pay for the hand-over: a subclass, one per such
 * kernel of a model, holds the kernel's operands in fields (set before each run, so nothing is
 * allocated) and computes the chunks of {@code [from, to)}. <em>For generated code.</em>
 *
 * <p>The range is cut at chunk boundaries, one piece per thread; each thread has its own
 * {@link Scratch} (the caller's is the model's; the others are made on first use). A kernel that
 * sums returns the sum of its piece; {@link #run(Scratch, long)} adds the pieces in order, so a
 * result depends on the number of threads (as a split product's does), never on timing.
 */
public abstract class SplitLoop implements GemmSplit.Band {

    /** Below this many elements a kernel runs on the calling thread alone. */
    public static final long MIN_ELEMENTS = 32L * Scratch.CHUNK;

    private final PerThread pieces;
    private long size;

    /** @param arrays the scratch arrays of each precision the kernel uses */
    protected SplitLoop(int arrays) {
        this.pieces = new PerThread(arrays);
    }

    /**
     * Runs the kernel over elements {@code [0, n)}: split over the threads when there are several,
     * they are free and {@code n} is at least {@link #MIN_ELEMENTS}; else here.
     *
     * @param own the calling thread's scratch (the model's)
     * @return the sum of the pieces' results (a summing kernel's total; 0 for the others)
     */
    public final double run(Scratch own, long n) {
        long chunks = (n + Scratch.CHUNK - 1) / Scratch.CHUNK;
        if (n < MIN_ELEMENTS || chunks > Integer.MAX_VALUE) return run(own, 0, n);
        size = n;
        return pieces.split(this, (int) chunks, own) ? pieces.total() : run(own, 0, n);
    }

    /** One thread's piece: chunks {@code [from, to)}. */
    @Override
    public final void run(int part, int from, int to) {
        pieces.result(part, run(pieces.of(part), (long) from * Scratch.CHUNK, Math.min((long) to * Scratch.CHUNK, size)));
    }

    /**
     * Computes elements {@code [from, to)} ({@code from} a multiple of {@link Scratch#CHUNK})
     * with the arrays of {@code scratch}.
     *
     * @return the piece's sum, for a kernel that sums; else 0
     */
    protected abstract double run(Scratch scratch, long from, long to);
}
