package dev.javano.symbolic.ir;

import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.NdArray;
import java.util.List;

/**
 * A primitive operation. Each op keeps its three rules together: the type rule, the gradient
 * (a vector-Jacobian product built from other ops, so gradients of gradients work) and the
 * float64 reference. Ops are values (records): two nodes with equal ops and the same inputs
 * are one node.
 */
public interface Op {

    /** Name for printing and messages, with attributes: {@code tanh}, {@code sum{axes=[1]}}. */
    String name();

    /** The output type for these input types, or the problem, in the user's terms. */
    Result<TensorType> infer(List<TensorType> inputs);

    /**
     * Cotangents of the inputs given the cotangent {@code g} of {@code node}'s output: one entry
     * per input, null where {@code needed} is false or the input gets no gradient.
     */
    Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b);

    /** The float64 reference: plain loops, readable over fast. */
    NdArray eval(List<NdArray> inputs, int[] outShape);

    /**
     * Whether input {@code i} can carry a gradient. False for index-like inputs (labels, a
     * selection mask), which take no gradient by design rather than by accident.
     */
    default boolean connected(int i) {
        return true;
    }
}
