package dev.javano.symbolic.ops;

import dev.javano.DType;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import java.util.List;

/**
 * Converts to another dtype: floats round to int32 toward zero, bool is 0 or 1, nonzero is true.
 * Between float dtypes the gradient casts back; from int32 or bool there is none to give.
 */
public record Cast(DType to) implements Op {

    @Override
    public String name() {
        return "cast{" + to.name().toLowerCase(java.util.Locale.ROOT) + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        return Result.ok(in.get(0).withDType(to));
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node x = node.input(0);
        boolean differentiable = x.type().isFloating() && node.type().isFloating();
        return new Node[] {differentiable ? b.cast(g, x.dtype()) : null};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        return in.get(0).map(this::convert);
    }

    private double convert(double v) {
        switch (to) {
            case INT32: return (int) v;
            case BOOL: return v != 0 ? 1 : 0;
            default: return v; // float32 and float64 alike: the reference computes in float64

        }
    }
}
