package dev.javano.symbolic.ops;

import dev.javano.DType;
import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import java.util.List;

/** {@code where(cond, a, b)}: a where cond holds, else b; the three broadcast together. */
public record Select() implements Op {

    @Override
    public String name() {
        return "where";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        Problem p = TypeRules.first(
                TypeRules.requireDType("where", "cond", in.get(0), DType.BOOL),
                TypeRules.sameDType("select between", in.get(1), in.get(2)));
        if (p != null) return Result.err(p);
        return TypeRules.broadcastAll("where", in).map(in.get(1)::withShape);
    }

    /** The condition is a selection, not a value: it takes no gradient. */
    @Override
    public boolean connected(int i) {
        return i != 0;
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node cond = node.input(0);
        Node zeros = b.zerosLike(g);
        return new Node[] {
            null,
            needed[1] ? b.sumTo(b.select(cond, g, zeros), node.input(1).shape()) : null,
            needed[2] ? b.sumTo(b.select(cond, zeros, g), node.input(2).shape()) : null
        };
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        return Elementwise.eval(in, outShape, v -> v[0] != 0 ? v[1] : v[2]);
    }
}
