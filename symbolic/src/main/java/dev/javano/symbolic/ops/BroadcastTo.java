package dev.javano.symbolic.ops;

import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.Index;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Broadcast;
import dev.javano.symbolic.shape.Shape;
import java.util.List;

/** Repeats x to a larger shape by numpy's rules; its gradient sums the repeats back. */
public record BroadcastTo(Shape to) implements Op {

    @Override
    public String name() {
        return "broadcast{" + to + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        Shape from = in.get(0).shape();
        Result<Shape> joined = Broadcast.shapes("broadcast", from, to);
        if (!joined.isOk()) return Result.err(joined.problem());
        if (!joined.orElseThrow().equals(to)) {
            return Result.err(new dev.javano.symbolic.Problem.BadArgument("broadcast",
                    "cannot broadcast " + from + " to the smaller shape " + to));
        }
        return Result.ok(in.get(0).withShape(to));
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[] {b.sumTo(g, node.input(0).shape())};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        return new NdArray(outShape, Index.broadcast(in.get(0), outShape));
    }
}
