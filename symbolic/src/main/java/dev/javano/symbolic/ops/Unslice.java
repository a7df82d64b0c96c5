package dev.javano.symbolic.ops;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Shape;
import java.util.List;

/**
 * The transpose of {@link Slice}: places x where the slice took its elements in a tensor of
 * shape {@code full}, zeros elsewhere (Theano's IncSubtensor on zeros).
 */
public record Unslice(Shape full, int axis, int start, int stop, int step) implements Op {

    private Slice slice() {
        return new Slice(axis, start, stop, step);
    }

    @Override
    public String name() {
        return "unslice{" + full + ", axis=" + axis + ", " + start + ":" + stop + (step != 1 ? ":" + step : "") + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        Problem p = Slice.check(full, axis, start, stop, step);
        if (p != null) return Result.err(p);
        Shape expected = full.with(axis, dev.javano.symbolic.shape.Dim.of(slice().length()));
        if (!in.get(0).shape().equals(expected)) {
            return Result.err(new Problem.WrongRank("unslice", "x", in.get(0).shape(), expected.toString()));
        }
        return Result.ok(in.get(0).withShape(full));
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[] {b.apply(slice(), g)};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        NdArray x = in.get(0);
        double[] out = new double[NdArray.sizeOf(outShape)];
        Slice slice = slice();
        for (int i = 0; i < x.size(); i++) out[slice.sourceIndex(i, x.shape(), outShape)] = x.get(i);
        return new NdArray(outShape, out);
    }
}
