package dev.javano.runtime;

/**
 * Loads a chunk of a broadcast operand for generated elementwise loops: the chunk covers output
 * elements {@code [base, base + len)} of a row-major output, and the operand repeats along it in
 * one of two ways. A row operand ({@code [n]} against {@code [m, n]}, a bias) repeats with period
 * {@code n}; a column operand ({@code [m, 1]} against {@code [m, n]}) holds each value for {@code n}
 * consecutive elements.
 */
public final class Broadcasts {

    private Broadcasts() {}

    public static void row(long x, long period, long base, float[] dst, int len) {
        int done = 0;
        long at = base % period;
        while (done < len) {
            int run = (int) Math.min(len - done, period - at);
            Memory.load(x + 4 * at, dst, done, run);
            done += run;
            at = 0;
        }
    }

    public static void column(long x, long inner, long base, float[] dst, int len) {
        for (int i = 0; i < len; i++) dst[i] = Memory.getFloat(x + 4 * ((base + i) / inner));
    }

    public static void row(long x, long period, long base, double[] dst, int len) {
        int done = 0;
        long at = base % period;
        while (done < len) {
            int run = (int) Math.min(len - done, period - at);
            Memory.load(x + 8 * at, dst, done, run);
            done += run;
            at = 0;
        }
    }

    public static void column(long x, long inner, long base, double[] dst, int len) {
        for (int i = 0; i < len; i++) dst[i] = Memory.getDouble(x + 8 * ((base + i) / inner));
    }

    /** int32 values (labels, masks) as floats, for elementwise loops that compare or cast them. */
    public static void ints(long x, long base, float[] dst, int len) {
        for (int i = 0; i < len; i++) dst[i] = Memory.getInt(x + 4 * (base + i));
    }

    public static void ints(long x, long base, double[] dst, int len) {
        for (int i = 0; i < len; i++) dst[i] = Memory.getInt(x + 4 * (base + i));
    }

    /** float32 values into a float64 loop (a cast to float64 fused into it). */
    public static void floats(long x, long base, double[] dst, int len) {
        for (int i = 0; i < len; i++) dst[i] = Memory.getFloat(x + 4 * (base + i));
    }

    /** A float64 loop's chunk stored into a float32 array: the cast to float32 that ends the loop. */
    public static void narrow(double[] src, long out, long base, int len) {
        for (int i = 0; i < len; i++) Memory.putFloat(out + 4 * (base + i), (float) src[i]);
    }

    /** Element types of {@link #strided}'s sources. */
    public static final int FLOAT32 = 0;
    public static final int FLOAT64 = 1;
    public static final int INT32 = 2;

    /**
     * Any other broadcast: the output has the row-major {@code dims}, and its element at index
     * {@code (i0, i1, ...)} is the source's element at {@code Σ ik · strides[k]} (a stride of 0
     * repeats the source along that axis). {@code type} is the source's element type.
     */
    public static void strided(long x, int type, long[] dims, long[] strides, long base, float[] dst, int len) {
        int r = dims.length;
        long rest = base;
        long offset = 0;
        long[] index = new long[r];
        for (int k = r - 1; k >= 0; k--) {
            index[k] = rest % dims[k];
            rest /= dims[k];
            offset += index[k] * strides[k];
        }
        for (int i = 0; i < len; i++) {
            dst[i] = (float) read(x, type, offset);
            for (int k = r - 1; k >= 0; k--) {
                offset += strides[k];
                if (++index[k] < dims[k]) break;
                offset -= dims[k] * strides[k];
                index[k] = 0;
            }
        }
    }

    public static void strided(long x, int type, long[] dims, long[] strides, long base, double[] dst, int len) {
        int r = dims.length;
        long rest = base;
        long offset = 0;
        long[] index = new long[r];
        for (int k = r - 1; k >= 0; k--) {
            index[k] = rest % dims[k];
            rest /= dims[k];
            offset += index[k] * strides[k];
        }
        for (int i = 0; i < len; i++) {
            dst[i] = read(x, type, offset);
            for (int k = r - 1; k >= 0; k--) {
                offset += strides[k];
                if (++index[k] < dims[k]) break;
                offset -= dims[k] * strides[k];
                index[k] = 0;
            }
        }
    }

    private static double read(long x, int type, long element) {
        if (type == FLOAT64) return Memory.getDouble(x + 8 * element);
        if (type == FLOAT32) return Memory.getFloat(x + 4 * element);
        return Memory.getInt(x + 4 * element);
    }
}
