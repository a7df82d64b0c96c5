package dev.javano.runtime;

/**
 * A loop over time of generated code that runs on the threads of {@link Blas#threads} as bands of
 * the batch: when every value of a recurrent step is row by row (row i of the next state depends
 * on row i of the inputs and states only, as an Elman step's does), each band of rows is a
 * recurrence of its own, and the threads run whole loops without meeting until the end. A
 * subclass, one per such loop of a model, holds what the loop reads in fields (set before each
 * run: nothing is allocated) and runs the loop over rows {@code [from, to)}. <em>For generated
 * code.</em>
 *
 * <p>Inside a band, products and elementwise loops run on the band's thread: the other threads
 * are busy with the other bands.
 */
public abstract class SplitRows implements GemmSplit.Band {

    /** Rows per thread below which a loop runs on the calling thread alone. */
    public static final int MIN_ROWS = 8;

    private final PerThread pieces;

    /** @param arrays the scratch arrays of each precision the loop's kernels use */
    protected SplitRows(int arrays) {
        this.pieces = new PerThread(arrays);
    }

    /**
     * Runs the loop over rows {@code [0, rows)}: in bands over the threads when there are several,
     * they are free and each gets at least {@link #MIN_ROWS} rows; else here, in one band.
     *
     * @param own the calling thread's scratch (the model's)
     */
    public final void run(Scratch own, int rows) {
        if (rows < 2 * MIN_ROWS || !pieces.split(this, rows, own)) run(own, 0, rows);
    }

    /** One thread's band. */
    @Override
    public final void run(int part, int from, int to) {
        run(pieces.of(part), from, to);
    }

    /** Runs the loop for rows {@code [from, to)} of the batch, with the arrays of {@code scratch}. */
    protected abstract void run(Scratch scratch, int from, int to);
}
