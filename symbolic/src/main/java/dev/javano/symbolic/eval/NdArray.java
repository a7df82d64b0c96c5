package dev.javano.symbolic.eval;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A dense row-major float64 array: the value type of the reference evaluator and of
 * constants. Immutable by convention: ops never write into their inputs.
 */
public final class NdArray {

    private final int[] shape;
    private final double[] data;

    public NdArray(int[] shape, double[] data) {
        if (sizeOf(shape) != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + sizeOf(shape) + " values, got " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    public static NdArray scalar(double v) {
        return new NdArray(new int[0], new double[] {v});
    }

    public static NdArray zeros(int... shape) {
        return new NdArray(shape, new double[sizeOf(shape)]);
    }

    public static NdArray filled(double v, int... shape) {
        double[] d = new double[sizeOf(shape)];
        Arrays.fill(d, v);
        return new NdArray(shape, d);
    }

    public static int sizeOf(int[] shape) {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** Row-major strides, in elements. */
    public static int[] strides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    /** The backing values; callers must not modify them. */
    public double[] data() {
        return data;
    }

    public double get(int flatIndex) {
        return data[flatIndex];
    }

    public double scalarValue() {
        if (data.length != 1) throw new IllegalStateException("not a scalar: " + Arrays.toString(shape));
        return data[0];
    }

    public NdArray map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(data[i]);
        return new NdArray(shape, out);
    }

    public NdArray reshape(int... newShape) {
        return new NdArray(newShape, data);
    }

    /** A copy with element {@code flatIndex} set to {@code v}: used by finite differences. */
    public NdArray with(int flatIndex, double v) {
        double[] copy = data.clone();
        copy[flatIndex] = v;
        return new NdArray(shape, copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (shape.length == 0) return format(data[0]);
        StringBuilder sb = new StringBuilder();
        append(sb, 0, 0);
        return sb.toString();
    }

    private int append(StringBuilder sb, int axis, int offset) {
        sb.append('[');
        for (int i = 0; i < shape[axis]; i++) {
            if (i > 0) sb.append(", ");
            if (axis == shape.length - 1) sb.append(format(data[offset++]));
            else offset = append(sb, axis + 1, offset);
        }
        sb.append(']');
        return offset;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
