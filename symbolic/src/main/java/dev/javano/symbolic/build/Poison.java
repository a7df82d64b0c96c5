package dev.javano.symbolic.build;

import dev.javano.symbolic.Result;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import java.util.List;

/**
 * The result of an op whose problem was already reported. Ops on a poisoned node yield poison
 * without reporting again, so one mistake gives one diagnostic. A graph with poison in it never
 * leaves the builder's stage: the verifier rejects it.
 */
public record Poison(int serial) implements Op {

    @Override
    public String name() {
        return "<error>";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> inputs) {
        throw new IllegalStateException("poison has no type rule");
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        throw new IllegalStateException("poison is not differentiable");
    }

    @Override
    public NdArray eval(List<NdArray> inputs, int[] outShape) {
        throw new IllegalStateException("poison cannot be evaluated");
    }
}
