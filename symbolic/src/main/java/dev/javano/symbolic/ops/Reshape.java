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

/** The same elements, row-major, in another shape with the same (symbolic) number of elements. */
public record Reshape(Shape to) implements Op {

    @Override
    public String name() {
        return "reshape{" + to + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        Shape from = in.get(0).shape();
        if (!from.size().equals(to.size())) return Result.err(new Problem.ReshapeMismatch(from, to));
        return Result.ok(in.get(0).withShape(to));
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[] {b.reshape(g, node.input(0).shape())};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        return in.get(0).reshape(outShape);
    }
}
