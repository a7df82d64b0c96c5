package dev.javano.symbolic.ops;

import dev.javano.DType;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Shape;
import java.util.Arrays;
import java.util.List;

/** A value known at compile time. Scalars broadcast like numpy's Python numbers. */
public record Constant(NdArray value, DType dtype) implements Op {

    @Override
    public String name() {
        String v = value.size() <= 4 ? value.toString() : "<" + value.size() + " values>";
        return "const " + v;
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        return Result.ok(TensorType.of(dtype, Shape.of(value.shape())));
    }

    public boolean isScalar(double v) {
        return value.rank() == 0 && value.get(0) == v;
    }

    /** Whether every element equals {@code v}. */
    public boolean isAll(double v) {
        return Arrays.stream(value.data()).allMatch(x -> x == v);
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[0];
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        return value;
    }
}
