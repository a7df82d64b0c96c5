package dev.javano.symbolic.eval;

/** Multi-index arithmetic for the reference loops: row-major, numpy broadcasting aligned right. */
public final class Index {

    private Index() {}

    public static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        return idx;
    }

    public static int ravel(int[] idx, int[] shape) {
        int flat = 0;
        for (int i = 0; i < shape.length; i++) flat = flat * shape[i] + idx[i];
        return flat;
    }

    /** The flat index into {@code inShape} that broadcasting maps output index {@code outIdx} to. */
    public static int broadcastSource(int[] outIdx, int[] inShape) {
        int offset = outIdx.length - inShape.length;
        int flat = 0;
        for (int i = 0; i < inShape.length; i++) {
            int v = inShape[i] == 1 ? 0 : outIdx[i + offset];
            flat = flat * inShape[i] + v;
        }
        return flat;
    }

    /** {@code a} broadcast to {@code outShape}, materialized. */
    public static double[] broadcast(NdArray a, int[] outShape) {
        double[] out = new double[NdArray.sizeOf(outShape)];
        int[] inShape = a.shape();
        for (int i = 0; i < out.length; i++) out[i] = a.get(broadcastSource(unravel(i, outShape), inShape));
        return out;
    }
}
