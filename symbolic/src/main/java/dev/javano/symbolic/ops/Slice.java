package dev.javano.symbolic.ops;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.Index;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.List;

/**
 * Elements {@code start, start+step, ...} before {@code stop} along one axis of fixed size, in
 * normalized form: for a positive step {@code 0 ≤ start < stop ≤ size}, for a negative one
 * {@code −1 ≤ stop < start < size} (a reversal is {@code size−1 : −1 : −1}). Its gradient is
 * {@link Unslice}: the cotangent put back in place, zeros elsewhere.
 */
public record Slice(int axis, int start, int stop, int step) implements Op {

    /** Python's slice bounds on a fixed-size axis: negative ones count from the end, others are clamped. */
    public static Slice of(Shape shape, int axis, int start, int stop, int step) {
        if (axis < shape.rank() && step != 0 && shape.get(axis) instanceof Dim.Fixed f) {
            int n = f.size();
            int lowest = step > 0 ? 0 : -1;
            int highest = step > 0 ? n : n - 1;
            start = clamp(start < 0 ? start + n : start, lowest, highest);
            stop = clamp(stop < 0 ? stop + n : stop, lowest, highest);
        }
        return new Slice(axis, start, stop, step);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public String name() {
        return "slice{axis=" + axis + ", " + start + ":" + stop + (step != 1 ? ":" + step : "") + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        Shape s = in.get(0).shape();
        Problem p = check(s, axis, start, stop, step);
        return p != null ? Result.err(p) : Result.ok(in.get(0).withShape(s.with(axis, Dim.of(length()))));
    }

    static Problem check(Shape s, int axis, int start, int stop, int step) {
        if (axis >= s.rank()) return new Problem.AxisOutOfRange("slice", axis, s);
        if (!(s.get(axis) instanceof Dim.Fixed f)) {
            return new Problem.BadArgument("slice", "axis " + axis + " of " + s + " is the named dim " + s.get(axis)
                    + "; only axes of fixed size can be sliced");
        }
        if (step == 0) return new Problem.BadArgument("slice", "step must not be 0");
        boolean inRange = step > 0
                ? 0 <= start && start < stop && stop <= f.size()
                : -1 <= stop && stop < start && start < f.size();
        if (!inRange) {
            return new Problem.BadArgument("slice", "range " + start + ":" + stop + ":" + step + " selects nothing"
                    + " from axis " + axis + " of " + s + " (size " + f.size() + ")");
        }
        return null;
    }

    /** Number of elements taken. */
    public int length() {
        // in long: a step near Integer.MAX_VALUE must not overflow (one element, not a negative count)
        long n = step > 0 ? ((long) stop - start + step - 1) / step : ((long) start - stop - step - 1) / -(long) step;
        return (int) n;
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[] {b.apply(new Unslice(node.input(0).shape(), axis, start, stop, step), g)};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        NdArray x = in.get(0);
        double[] out = new double[NdArray.sizeOf(outShape)];
        for (int i = 0; i < out.length; i++) out[i] = x.get(sourceIndex(i, outShape, x.shape()));
        return new NdArray(outShape, out);
    }

    /** Flat index into the full tensor of element {@code i} of the slice. */
    int sourceIndex(int i, int[] sliceShape, int[] fullShape) {
        int[] idx = Index.unravel(i, sliceShape);
        idx[axis] = start + idx[axis] * step;
        return Index.ravel(idx, fullShape);
    }
}
