package dev.javano.symbolic.ops;

/**
 * The 1-D lanes of a row-major array along one axis: element k of lane (outer, inner) sits at
 * {@code (outer * length + k) * inner + inner}. Softmax-like references work lane by lane.
 */
final class Lanes {

    final int outer;
    final int length;
    final int inner;

    Lanes(int[] shape, int axis) {
        int o = 1;
        for (int i = 0; i < axis; i++) o *= shape[i];
        int in = 1;
        for (int i = axis + 1; i < shape.length; i++) in *= shape[i];
        this.outer = o;
        this.length = shape[axis];
        this.inner = in;
    }

    int count() {
        return outer * inner;
    }

    /** Flat index of element k of lane number {@code lane}. */
    int at(int lane, int k) {
        int o = lane / inner;
        int i = lane % inner;
        return (o * length + k) * inner + i;
    }

    /** log Σ exp over the lane, shifted by its max so that it never overflows. */
    double logSumExp(double[] x, int lane) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < length; k++) max = Math.max(max, x[at(lane, k)]);
        double sum = 0;
        for (int k = 0; k < length; k++) sum += Math.exp(x[at(lane, k)] - max);
        return max + Math.log(sum);
    }
}
