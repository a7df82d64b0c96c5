package dev.javano.runtime;

/**
 * Heap scratch arrays for kernels over native memory, for generated code: elementwise kernels
 * copy chunks of {@link #CHUNK} elements into these, compute with loops HotSpot vectorizes, and
 * store the result back. One instance per model (execution is single-threaded per model), made
 * once, so a steady training loop allocates nothing.
 */
public final class Scratch {

    /** Elements per chunk: small enough that a few chunks stay in L1. */
    public static final int CHUNK = 1024;

    private final float[][] floats;
    private final double[][] doubles;

    public Scratch(int floatArrays, int doubleArrays) {
        floats = new float[Math.max(floatArrays, 4)][CHUNK];
        doubles = new double[Math.max(doubleArrays, 4)][CHUNK];
    }

    public float[] f(int i) {
        return floats[i];
    }

    /** Array {@code i}, grown once if a kernel needs more than a chunk (a softmax over a long axis). */
    public float[] f(int i, int length) {
        if (floats[i].length < length) floats[i] = new float[length];
        return floats[i];
    }

    public double[] d(int i) {
        return doubles[i];
    }

    /** Array {@code i}, grown once if a kernel needs more than a chunk. */
    public double[] d(int i, int length) {
        if (doubles[i].length < length) doubles[i] = new double[length];
        return doubles[i];
    }
}
