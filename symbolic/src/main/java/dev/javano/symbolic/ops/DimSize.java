package dev.javano.symbolic.ops;

import dev.javano.DType;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Dim;
import java.util.List;

/** The run-time size of a named dim as a scalar: the divisor of {@code mean} over {@code batch}. */
public record DimSize(Dim dim, DType dtype) implements Op {

    @Override
    public String name() {
        return "size " + dim;
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        return Result.ok(TensorType.scalar(dtype));
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[0];
    }

    /** Evaluated by the evaluator, which knows the dims' bindings. */
    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        throw new IllegalStateException("the size of " + dim + " comes from the evaluator's bindings");
    }
}
