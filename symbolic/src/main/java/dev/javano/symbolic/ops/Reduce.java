package dev.javano.symbolic.ops;

import dev.javano.symbolic.Problem;
import dev.javano.symbolic.Result;
import dev.javano.symbolic.build.GraphBuilder;
import dev.javano.symbolic.eval.Index;
import dev.javano.symbolic.eval.NdArray;
import dev.javano.symbolic.ir.Node;
import dev.javano.symbolic.ir.Op;
import dev.javano.symbolic.ir.TensorType;
import dev.javano.symbolic.shape.Dim;
import dev.javano.symbolic.shape.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Sum, max or min over {@code axes} (sorted, non-negative), dropping them or keeping them as 1s.
 * Max and min send the gradient to every element equal to the result.
 */
public record Reduce(Kind kind, List<Integer> axes, boolean keepdims) implements Op {

    public enum Kind {
        SUM(0, Double::sum),
        MAX(Double.NEGATIVE_INFINITY, Math::max),
        MIN(Double.POSITIVE_INFINITY, Math::min);

        private final double identity;
        private final DoubleBinaryOperator combine;

        Kind(double identity, DoubleBinaryOperator combine) {
            this.identity = identity;
            this.combine = combine;
        }

        public String opName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Reduce {
        axes = List.copyOf(axes);
    }

    @Override
    public String name() {
        return kind.opName() + "{axes=" + axes + (keepdims ? ", keepdims" : "") + "}";
    }

    @Override
    public Result<TensorType> infer(List<TensorType> in) {
        TensorType x = in.get(0);
        Problem p = TypeRules.requireNumeric(kind.opName(), "its operand", x);
        if (p != null) return Result.err(p);
        for (int a : axes) {
            if (a >= x.rank()) return Result.err(new Problem.AxisOutOfRange(kind.opName(), a, x.shape()));
        }
        return Result.ok(x.withShape(reducedShape(x.shape(), axes, keepdims)));
    }

    static Shape reducedShape(Shape s, List<Integer> axes, boolean keepdims) {
        List<Dim> out = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            if (!axes.contains(i)) out.add(s.get(i));
            else if (keepdims) out.add(Dim.of(1));
        }
        return new Shape(out);
    }

    @Override
    public Node[] vjp(Node node, Node g, boolean[] needed, GraphBuilder b) {
        Node x = node.input(0);
        Node gWide = b.broadcastTo(b.keepDims(g, x.shape(), axes), x.shape());
        if (kind == Kind.SUM) return new Node[] {gWide};
        Node yWide = b.broadcastTo(b.keepDims(node, x.shape(), axes), x.shape());
        return new Node[] {b.select(b.compare(Compare.Fn.EQ, x, yWide), gWide, b.zerosLike(gWide))};
    }

    @Override
    public NdArray eval(List<NdArray> in, int[] outShape) {
        NdArray x = in.get(0);
        int[] keptShape = keptShape(x.shape(), axes);
        double[] out = new double[NdArray.sizeOf(keptShape)];
        Arrays.fill(out, kind.identity);
        for (int i = 0; i < x.size(); i++) {
            int o = Index.broadcastSource(Index.unravel(i, x.shape()), keptShape);
            out[o] = kind.combine.applyAsDouble(out[o], x.get(i));
        }
        return new NdArray(outShape, out);
    }

    /** {@code shape} with the reduced axes set to 1. */
    static int[] keptShape(int[] shape, List<Integer> axes) {
        int[] kept = shape.clone();
        for (int a : axes) kept[a] = 1;
        return kept;
    }
}
