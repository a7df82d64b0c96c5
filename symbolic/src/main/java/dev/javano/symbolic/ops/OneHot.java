package dev.javano.symbolic.ops;

import dev.javano.DType;
import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Dim;
import java.util.List;

/** int32 labels [...] to {@code dtype} [..., depth], 1 at each label and 0 elsewhere. */
public record OneHot(int depth, DType dtype) implements Op {

    @Override
    public String name() {
        return "oneHot{" + depth + ", " + dtype.name().toLowerCase(java.util.Locale.ROOT) + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        Problem p = TypeRules.requireDType("oneHot", "labels", in.get(0), DType.INT32);
        if (p == null && depth < 1) p = new Problem.BadArgument("oneHot", "depth " + depth + " must be positive");
        if (p != null) return Result.err(p);
        return Result.ok(TensorType.of(dtype, in.get(0).shape().append(Dim.of(depth))));
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[1];
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        NdArray labels = in.get(0);
        double[] out = new double[NdArray.sizeOf(outShape)];
        for (int row = 0; row < labels.size(); row++) out[row * depth + Pick.label(labels, row, depth)] = 1;
        return new NdArray(outShape, out);
    }
}
