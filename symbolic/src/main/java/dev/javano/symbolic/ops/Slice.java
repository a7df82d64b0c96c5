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
 * Elements {@code start, start+step, ...} before {@code stop} along one axis of fixed size
 * (bounds already made non-negative). Its gradient is {@link Unslice}: the cotangent put back
 * in place, zeros elsewhere.
 */
public record Slice(int axis, int start, int stop, int step) implements Op {

    /** Python's bounds: negative ones count from the end of a fixed-size axis. */
    public static Slice of(Shape shape, int axis, int start, int stop, int step) {
        if (shape.get(axis) instanceof Dim.Fixed f) {
            if (start < 0) start += f.size();
            if (stop < 0) stop += f.size();
        }
        return new Slice(axis, start, stop, step);
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
        if (step < 1) return new Problem.BadArgument("slice", "step " + step + " must be positive");
        if (start < 0 || stop > f.size() || start >= stop) {
            return new Problem.BadArgument("slice", "range " + start + ":" + stop + " is empty or outside axis " + axis
                    + " of " + s + " (size " + f.size() + ")");
        }
        return null;
    }

    /** Number of elements taken. */
    public int length() {
        return (stop - start + step - 1) / step;
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
