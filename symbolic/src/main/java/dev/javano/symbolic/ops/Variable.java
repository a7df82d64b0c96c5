package dev.javano.symbolic.ops;

import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import java.util.List;

/**
 * A leaf whose value comes from outside the graph: a per-call input, a shared parameter, a
 * hyper-parameter, or the argument of a loop's step, bound anew at every step. {@code field} is its name (the model field it stands for); {@link #name()}
 * is the printed form, {@code input x}.
 */
public record Variable(Kind kind, String field, TensorType type) implements Op {

    public enum Kind {
        INPUT,
        SHARED,
        HYPER,
        /** An argument of a loop's step: a sequence element, a previous state or a non-sequence (see {@link Loop}). */
        STEP
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + field;
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        return Result.ok(type);
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        return new Node[0];
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        throw new IllegalStateException("the value of " + name() + " comes from the evaluator's inputs");
    }
}
