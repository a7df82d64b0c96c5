package dev.javano.symbolic.build;

import dev.javano.DType;
import dev.javano.symbolic.Problem;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ops.Binary;
import dev.javano.symbolic.ops.Reduce;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * The DSL's functions that are not primitives, each defined once by expansion into primitives.
 * Back ends never see them; the stabilize rules recognise the expansions that need care
 * ({@code log(softmax)}, crossentropy of a softmax).
 */
public final class Composites {

    private Composites() {}

    /** {@code maximum(x, 0)}. */
    public static Node relu(GraphBuilder b, Node x) {
        return b.binary(Binary.Fn.MAXIMUM, x, b.constant(0, x.dtype()));
    }

    /** {@code minimum(maximum(x, lo), hi)}. */
    public static Node clip(GraphBuilder b, Node x, double lo, double hi) {
        if (lo > hi) return b.report(new Problem.BadArgument("clip", "lower bound " + lo + " exceeds upper bound " + hi));
        Node low = b.binary(Binary.Fn.MAXIMUM, x, b.constant(lo, x.dtype()));
        return b.binary(Binary.Fn.MINIMUM, low, b.constant(hi, x.dtype()));
    }

    /** Sum over {@code axes} divided by the number of elements summed (a run-time size for named dims). */
    public static Node mean(GraphBuilder b, Node x, int[] axes, boolean keepdims) {
        Node sum = b.sum(x, axes, keepdims);
        if (GraphBuilder.isPoison(sum)) return sum;
        if (!x.type().isFloating()) {
            return b.report(new Problem.WrongDType("mean", "x", x.dtype(), "float32 or float64 (cast it first)"));
        }
        Node count = null;
        for (int a : axes) {
            Node size = b.dimSize(x.shape().get(a < 0 ? a + x.rank() : a), x.dtype());
            count = count == null ? size : b.mul(count, size);
        }
        return count == null ? sum : b.div(sum, count);
    }

    public static Node meanAll(GraphBuilder b, Node x) {
        return mean(b, x, GraphBuilder.allAxes(x), false);
    }

    /**
     * Categorical crossentropy per row: with int32 labels {@code −log p[label]}; with one-hot or
     * probability targets of p's shape {@code −Σ t·log p} over the last axis.
     */
    public static Node crossentropy(GraphBuilder b, Node p, Node targets) {
        if (targets.dtype() == DType.INT32) {
            Problem labels = labelsProblem(p, targets);
            return labels != null ? b.report(labels) : b.neg(b.log(b.pick(p, targets)));
        }
        if (!GraphBuilder.isPoison(p) && !GraphBuilder.isPoison(targets) && p.rank() > 0
                && targets.shape().equals(p.shape().without(p.rank() - 1))) {
            // one value per row: meant as class labels, but not int32
            return b.report(new Problem.WrongDType("crossentropy", "each label", targets.dtype(),
                    "int32 class labels (declare the input with dtype = DType.INT32, or cast with asInt()), or targets"
                            + " of the probabilities' shape " + p.shape()));
        }
        Node terms = b.mul(targets, b.log(p));
        return b.neg(b.sum(terms, new int[] {-1}, false));
    }

    /** Labels must index the last axis of p row by row: [..., classes] with labels [...]. */
    private static Problem labelsProblem(Node p, Node labels) {
        if (GraphBuilder.isPoison(p) || GraphBuilder.isPoison(labels)) return null;
        if (p.rank() == 0) return new Problem.WrongRank("crossentropy", "the probability tensor", p.shape(), "a class axis");
        Shape rows = p.shape().without(p.rank() - 1);
        return rows.equals(labels.shape()) ? null : new Problem.WrongRank("crossentropy", "the label tensor", labels.shape(),
                rows + " to go with probabilities " + p.shape());
    }

    /** {@code −(t·log p + (1 − t)·log(1 − p))} elementwise. */
    public static Node binaryCrossentropy(GraphBuilder b, Node p, Node t) {
        Node positive = b.mul(t, b.log(p));
        Node negative = b.mul(b.rsub(1, t), b.log(b.rsub(1, p)));
        return b.neg(b.add(positive, negative));
    }

    /** Inserts a new axis of size 1 at {@code axis} in each tensor, then concatenates there. */
    public static Node stack(GraphBuilder b, int axis, List<Node> xs) {
        if (xs.isEmpty()) return b.report(new Problem.BadArgument("stack", "needs at least one tensor"));
        Node first = xs.get(0);
        int a = axis < 0 ? axis + first.rank() + 1 : axis;
        if (a < 0 || a > first.rank()) return b.report(new Problem.AxisOutOfRange("stack", axis, first.shape()));
        List<Node> expanded = new ArrayList<>();
        for (Node x : xs) {
            List<Dim> dims = new ArrayList<>(x.shape().dims());
            dims.add(Math.min(a, dims.size()), Dim.of(1));
            expanded.add(b.reshape(x, new Shape(dims)));
        }
        return b.concat(a, expanded);
    }

    /** Element {@code index} along {@code axis}, removing the axis (negative counts from the end). */
    public static Node index(GraphBuilder b, Node x, int axis, int index) {
        int a = axis < 0 ? axis + x.rank() : axis;
        if (a < 0 || a >= x.rank()) return b.report(new Problem.AxisOutOfRange("get", axis, x.shape()));
        int i = index < 0 && x.shape().get(a) instanceof Dim.Fixed f ? index + f.size() : index;
        Node one = b.slice(x, a, i, i + 1, 1);
        return GraphBuilder.isPoison(one) ? one : b.reshape(one, x.shape().without(a));
    }

    /**
     * Rows of {@code x} picked by int32 {@code indices} (an embedding lookup): shape
     * {@code indices.shape + x.shape[1:]}. Expanded as {@code oneHot(indices) · x}, so its gradient
     * is the scatter-add of the cotangent into the picked rows; back ends may gather instead.
     */
    public static Node take(GraphBuilder b, Node x, Node indices) {
        if (x.rank() == 0 || !(x.shape().get(0) instanceof Dim.Fixed rows)) {
            return b.report(new Problem.WrongRank("get", "x", x.shape(), "a leading axis of fixed size to index"));
        }
        Shape rest = new Shape(x.shape().dims().subList(1, x.rank()));
        var count = indices.shape().size().asDim();
        var width = rest.size().asDim();
        if (count.isEmpty() || width.isEmpty()) {
            return b.report(new Problem.BadArgument("get", "cannot gather " + indices.shape() + " rows of " + x.shape()
                    + ": the indices and the row shape must each flatten to one dim"));
        }
        Node flatIndices = b.reshape(indices, Shape.of(count.get()));
        Node table = b.reshape(x, Shape.of(Dim.of(rows.size()), width.get()));
        Node picked = b.dot(b.oneHot(flatIndices, rows.size(), x.dtype()), table);
        List<Dim> dims = new ArrayList<>(indices.shape().dims());
        dims.addAll(rest.dims());
        return b.reshape(picked, new Shape(dims));
    }

    /** The elements of {@code x} in reverse order along an axis of fixed size. */
    public static Node flip(GraphBuilder b, Node x, int axis) {
        int a = axis < 0 ? axis + x.rank() : axis;
        if (a < 0 || a >= x.rank()) return b.report(new Problem.AxisOutOfRange("flip", axis, x.shape()));
        int n = x.shape().get(a) instanceof Dim.Fixed f ? f.size() : 0;
        return b.apply(new dev.javano.symbolic.ops.Slice(a, n - 1, -1, -1), x);
    }

    public static Node onesLike(GraphBuilder b, Node x) {
        return b.fill(1, x.dtype(), x.shape());
    }

    /** A reduction over every axis when {@code axes} is empty, as the DSL's one-argument forms. */
    public static Node reduce(GraphBuilder b, Reduce.Kind kind, Node x, int[] axes, boolean keepdims) {
        return b.reduce(kind, x, axes.length == 0 ? GraphBuilder.allAxes(x) : axes, keepdims);
    }
}
