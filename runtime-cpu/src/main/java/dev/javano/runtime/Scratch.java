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
    private long[][] longs = new long[0][];

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

    /**
     * The dims or strides a kernel call of generated code passes, in the array kept for its call
     * {@code site} (numbered per model), filled in place: the call allocates nothing.
     */
    public long[] longs(int site, long a) {
        long[] v = site(site, 1);
        v[0] = a;
        return v;
    }

    public long[] longs(int site, long a, long b) {
        long[] v = site(site, 2);
        v[0] = a;
        v[1] = b;
        return v;
    }

    public long[] longs(int site, long a, long b, long c) {
        long[] v = site(site, 3);
        v[0] = a;
        v[1] = b;
        v[2] = c;
        return v;
    }

    public long[] longs(int site, long a, long b, long c, long d) {
        long[] v = site(site, 4);
        v[0] = a;
        v[1] = b;
        v[2] = c;
        v[3] = d;
        return v;
    }

    private long[] site(int site, int length) {
        if (site >= longs.length) longs = java.util.Arrays.copyOf(longs, site + 1);
        if (longs[site] == null || longs[site].length != length) longs[site] = new long[length];
        return longs[site];
    }
}
