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
import dev.javano.symbolic.shape.Shape;
import java.util.List;

/**
 * {@code x[..., idx]}: for every position of the int32 tensor {@code idx}, the entry of x's
 * last axis it names (the probability of each row's label). Gradient: {@code onehot(idx) · g}.
 */
public record Pick() implements Op {

    @Override
    public String name() {
        return "pick";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        return inferPick("pick", in.get(0), in.get(1), "x");
    }

    /** x [..., classes] with int32 labels [...] gives x's dtype over [...]. */
    static Result<TensorType> inferPick(String op, TensorType x, TensorType labels, String xName) {
        Problem p = TypeRules.first(
                TypeRules.requireFloat(op, xName, x),
                TypeRules.requireDType(op, "labels", labels, DType.INT32));
        if (p != null) return Result.err(p);
        Shape rows = x.rank() == 0 ? null : x.shape().without(x.rank() - 1);
        if (rows == null || !rows.equals(labels.shape())) {
            String expected = rows == null ? "at least one axis" : "labels of shape " + rows;
            return Result.err(new Problem.WrongRank(op, "labels", labels.shape(),
                    rows == null ? expected : expected + " to go with " + xName + " " + x.shape()));
        }
        return Result.ok(x.withShape(rows));
    }

    @Override
    public boolean connected(int i) {
        return i == 0;
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node x = node.input(0);
        if (classes(x) < 0) return new Node[] {classAxisNotFixed(x, b), null};
        Node onehot = b.oneHot(node.input(1), classes(x), x.dtype());
        return new Node[] {b.mul(onehot, b.reshape(g, g.shape().append(Dim.of(1)))), null};
    }

    /** The size of the last (class) axis, or -1 when it is a named dim (the gradient needs a fixed one). */
    static int classes(Node x) {
        Dim last = x.shape().get(x.rank() - 1);
        return last instanceof Dim.Fixed f ? f.size() : -1;
    }

    /** Reports that the gradient of a pick by int labels needs a class axis of fixed size; returns poison. */
    static Node classAxisNotFixed(Node x, GraphBuilder b) {
        Dim last = x.shape().get(x.rank() - 1);
        return b.report(new Problem.BadArgument("crossentropy", "its gradient needs the class axis of " + x.shape()
                + " to have a fixed size, but it is the named dim " + last
                + ": give it a number or a static final constant"));
    }

    /** Label of {@code row}, checked against the number of classes. */
    static int label(NdArray labels, int row, int classes) {
        int label = (int) labels.get(row);
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " at index " + row + " is outside [0, " + classes + ")");
        }
        return label;
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        NdArray x = in.get(0);
        int classes = x.dim(x.rank() - 1);
        double[] out = new double[NdArray.sizeOf(outShape)];
        for (int row = 0; row < out.length; row++) out[row] = x.get(row * classes + label(in.get(1), row, classes));
        return new NdArray(outShape, out);
    }
}
